"""Timelines: articles, mentions and tone per day, week or month, with spikes flagged."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from analysis import schema
from analysis.errors import check_choice, check_top
from analysis.query.filters import Filters, facts_sql
from analysis.query.source import Source, answer, connection

FREQS = {"D": "day", "W": "week", "M": "month"}


TIMELINE_BY = (None, "actor", "topic")




def check_timeline(*, freq: str, by: str | None, window: int, z: float, min_articles: int,
                   top: int | None) -> None:
    """Raise ValueError naming the first option of a timeline that is not valid."""
    check_choice("freq", freq, FREQS)
    check_choice("by", by, TIMELINE_BY)
    if window < 2 or z < 0 or min_articles < 0:
        raise ValueError(f"window={window!r} must be >= 2, z={z!r} and "
                         f"min_articles={min_articles!r} >= 0")
    check_top(top)


def timeline(source: Source, filters: Filters | None = None, *, freq: str = "D",
             by: str | None = None, window: int = 7, z: float = 2.0, min_articles: int = 3,
             keys: Sequence[str] | None = None, top: int | None = None) -> pd.DataFrame:
    """Articles, actor mentions and mean tone per day, week or month, with spikes flagged.

    `freq` is "D", "W" (weeks start on Monday) or "M". `by` None gives one series; "actor"
    one per actor (articles naming it, its mentions); "topic" one per topic (articles tagged,
    every actor mention in them). `keys` keeps only those actors or topics, `top` the `top`
    with most articles. Periods with no articles are rows with zero counts.

    Columns: period, [actor | topic], articles, share (articles over every article of the
    period with the same dates, sources and languages, `Filters.collection`: a share of all
    coverage, not of what the other filters leave; NaN for a period with no article at all),
    mentions, mean_tone (mean article tone,
    −1…1; NaN without articles), baseline, threshold, spike. The spike rule is stated in
    ``attrs["spike_rule"]``; articles with no date are left out and counted in
    ``attrs["undated"]``.
    """
    check_timeline(freq=freq, by=by, window=window, z=z, min_articles=min_articles,
                         top=top)
    con = connection(source)
    where, params = facts_sql(con, filters)
    period = f"date_trunc('{FREQS[freq]}', f.day)::TIMESTAMP"
    first, last, undated = con.execute(
        f"SELECT min({period}), max({period}), count(*) - count(f.day) "
        f"FROM facts_articles f WHERE {where}", params).fetchall()[0]
    dated = f"f.day IS NOT NULL AND {where}"
    if by == "actor":
        grouped = _actor_periods(con, period, dated, params, keys=keys, top=top)
    else:
        if by is None:
            units = ("SELECT 'all' AS key, f.mentions, f.tone, {period} AS period "
                     "FROM facts_articles f WHERE {dated}")
        else:
            units = ("SELECT f.topic AS key, x.mentions, f.tone, {period} AS period "
                     "FROM facts_topics f JOIN facts_articles x USING (a) WHERE {dated}")
        units = units.format(period=period, dated=dated)
        if keys is not None:
            units += " AND key IN (SELECT unnest(?))"
            params = [*params, list(keys)]
        chosen = "TRUE"
        if top is not None:
            chosen = (f"key IN (SELECT key FROM units GROUP BY key ORDER BY count(*) DESC, key "
                      f"LIMIT {int(top)})")
        grouped = answer(con, f"""
            WITH units AS ({units})
            SELECT key, period AS {schema.PERIOD}, count(*) AS {schema.ARTICLES},
                   sum(mentions) AS {schema.MENTIONS}, avg(tone) AS {schema.MEAN_TONE}
            FROM units WHERE {chosen} GROUP BY ALL""", params)
    grouped[schema.PERIOD] = grouped[schema.PERIOD].astype("datetime64[us]")
    grouped = grouped.set_index(["key", schema.PERIOD])
    span = (None, None) if first is None else (pd.Timestamp(first), pd.Timestamp(last))
    frame = finish_timeline(grouped, span, by=by, freq=freq, window=window, z=z,
                            min_articles=min_articles, undated=int(undated))
    return with_shares(frame, _period_totals(con, filters, period))


def _period_totals(con: duckdb.DuckDBPyConnection, filters: Filters | None,
                   period: str) -> pd.Series:
    """How many articles of the filters' collection each period has."""
    where, params = facts_sql(con, (filters or Filters()).collection())
    rows = con.execute(f"SELECT {period}, count(*) FROM facts_articles f "
                       f"WHERE f.day IS NOT NULL AND {where} GROUP BY 1", params).fetchall()
    return pd.Series({pd.Timestamp(p): n for p, n in rows}, dtype="float64")


def with_shares(frame: pd.DataFrame, totals: pd.Series) -> pd.DataFrame:
    """`frame` with each period's share of `totals` after its article count (missing where
    the period has no article at all: a share of nothing is unknown, not 0)."""
    total = frame[schema.PERIOD].map(totals).astype("float64").fillna(0.0).to_numpy()
    articles = frame[schema.ARTICLES].to_numpy(dtype="float64")
    share = [a / t if t else float("nan") for a, t in zip(articles, total, strict=True)]
    out = frame.copy()
    out.insert(list(out.columns).index(schema.ARTICLES) + 1, schema.SHARE,
               pd.Series(share, index=out.index, dtype="float64"))
    return out


def _actor_periods(con: duckdb.DuckDBPyConnection, period: str, dated: str, params: list, *,
                   keys: Sequence[str] | None, top: int | None) -> pd.DataFrame:
    """Articles, mentions and mean tone per (actor name, period): the chosen names first."""
    chosen, chosen_params = "", []
    if keys is not None:
        chosen, chosen_params = ("AND f.name_id IN (SELECT name_id FROM actor_names "
                                 "WHERE actor IN (SELECT unnest(?)))"), [list(keys)]
    if top is not None:
        best = con.execute(f"""
            SELECT c.name_id FROM (SELECT name_id, count(*) AS n FROM facts_actors f
                                   WHERE name_lead AND {dated} {chosen} GROUP BY name_id) c
            JOIN actor_names USING (name_id) ORDER BY n DESC, actor LIMIT {int(top)}""",
                           [*params, *chosen_params]).fetchall()
        chosen, chosen_params = "AND f.name_id IN (SELECT unnest(?))", [[r[0] for r in best]]
    return answer(con, f"""
        SELECT n.actor AS key, c.* EXCLUDE (name_id) FROM (
            SELECT name_id, {period} AS {schema.PERIOD},
                   count(*) FILTER (name_lead) AS {schema.ARTICLES},
                   sum(mentions) AS {schema.MENTIONS},
                   avg(tone) FILTER (name_lead) AS {schema.MEAN_TONE}
            FROM facts_actors f WHERE {dated} {chosen} GROUP BY ALL) c
        JOIN actor_names n USING (name_id)""", [*params, *chosen_params])


def finish_timeline(grouped: pd.DataFrame, span: tuple, *, by: str | None, freq: str,
                    window: int, z: float, min_articles: int, undated: int) -> pd.DataFrame:
    """The timeline from counts per (key, period): every period of `span` (first and last
    period of the dated articles) for every key, spikes flagged, the rule in attrs."""
    frame = _flag_spikes(_on_grid(grouped, span, freq), window=window, z=z,
                         min_articles=min_articles)
    frame = frame.drop(columns="key") if by is None else frame.rename(columns={"key": by})
    frame.attrs.update(spike_rule=spike_rule(freq=freq, window=window, z=z,
                                             min_articles=min_articles),
                       undated=undated, freq=freq)
    return frame


def period_start(times: pd.Series, freq: str) -> pd.Series:
    """Start of the day, week (Monday) or month each UTC time falls in, tz-naive."""
    check_choice("freq", freq, FREQS)
    naive = pd.to_datetime(times, utc=True).dt.tz_localize(None)
    return naive.dt.to_period(freq).dt.start_time


def spike_rule(*, freq: str, window: int, z: float, min_articles: int) -> str:
    """The spike rule of a timeline, in words."""
    unit = FREQS[freq]
    return (f"spike: a {unit} with more articles than the mean + {z:g} × standard deviation of "
            f"the previous {window} {unit}s (needs at least {_min_periods(window)} of them), "
            f"and at least {min_articles} articles")


def _min_periods(window: int) -> int:
    return min(window, 3)


def _on_grid(grouped: pd.DataFrame, span: tuple, freq: str) -> pd.DataFrame:
    """Counts per (key, period) over every period of `span`, zero where nothing was counted."""
    columns = [schema.PERIOD, "key", schema.ARTICLES, schema.MENTIONS, schema.MEAN_TONE]
    if span[0] is None or grouped.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            columns, ["datetime64[us]", object, "int64", "int64", "float64"], strict=True)})
    periods = pd.period_range(span[0], span[1], freq=freq).start_time
    keys = sorted(grouped.index.get_level_values("key").unique())
    grid = pd.MultiIndex.from_product([keys, periods], names=["key", schema.PERIOD])
    frame = grouped.reindex(grid).reset_index()
    frame = frame.fillna({schema.ARTICLES: 0, schema.MENTIONS: 0})
    frame = frame.astype({schema.ARTICLES: "int64", schema.MENTIONS: "int64",
                          schema.MEAN_TONE: "float64"})
    return frame[columns]


def _flag_spikes(frame: pd.DataFrame, *, window: int, z: float,
                 min_articles: int) -> pd.DataFrame:
    """Add baseline, threshold and spike: each series against its own previous `window` periods."""
    previous = frame.groupby("key", sort=False)[schema.ARTICLES].shift(1).astype("float64")
    rolling = previous.groupby(frame["key"], sort=False).rolling(
        window, min_periods=_min_periods(window))
    baseline = rolling.mean().reset_index(level=0, drop=True).sort_index()
    spread = rolling.std().reset_index(level=0, drop=True).sort_index()
    out = frame.assign(**{schema.BASELINE: baseline.astype("float64"),
                          schema.THRESHOLD: (baseline + z * spread).astype("float64")})
    out[schema.SPIKE] = (out[schema.THRESHOLD].notna()
                         & (out[schema.ARTICLES] > out[schema.THRESHOLD])
                         & (out[schema.ARTICLES] >= min_articles))
    return out.reset_index(drop=True)
