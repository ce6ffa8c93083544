"""Score actor mentions against Reuters-21578's hand-set PLACES, PEOPLE and ORGS tags.

Per story, the countries found (country and place mentions, the dateline's place included, as
editors tag the dateline's country) are compared with the PLACES tags, mapped to ISO codes by
analysis/resources/reuters_tags.csv; the people found with the PEOPLE tags ("james-baker" is
found by a person named "James Baker", or "Baker" alone); the organisations found with the ORGS
tags. Counts are summed over stories (micro-average); a story without tags of a kind is not
scored for that kind, since its editors said nothing about it. People and organisations are
scored for recall only: the tags name only a few of the people a story mentions.

Files reut2-000 to reut2-008 were used to tune the actor table and rules ("tune"); reut2-009 to
reut2-017 are reported as held out ("test").
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.enrich.actors import article_countries, find_mentions
from analysis.load.reuters import read_reuters
from analysis.load.source import Source
from analysis.schema import (
    ACTOR,
    ACTOR_ID,
    ACTOR_TYPE,
    ARTICLE_ID,
    COUNTRY_CODE,
    DATELINE,
    ORIGIN,
    PUBLISHED_AT,
    REF_ORGS,
    REF_PEOPLE,
    REF_PLACES,
    SURFACE,
    TEXT,
    TITLE,
)

TAGS_CSV = Path(__file__).resolve().parents[1] / "resources" / "reuters_tags.csv"
TUNE_FILES = tuple(f"reut2-{n:03d}.sgm" for n in range(9))
# the files PressLens may read: reut2-018 … 021 are the team's held-out test, never read here
OPEN_FILES = tuple(f"reut2-{n:03d}.sgm" for n in range(18))


def open_reuters_files(reuters_dir: str | Path) -> list[Path]:
    """The Reuters-21578 files of `reuters_dir` that may be read (reut2-000 … 017), in order;
    the held-out 018 … 021 are left out even where a copy holds them."""
    return [path for name in OPEN_FILES if (path := Path(reuters_dir) / name).exists()]
KINDS = ("places", "people", "orgs")
EVIDENCE_TYPES = ("country", "place")
SCORE_COLUMNS = ["type", "split", "precision", "recall", "f1", "n", "tp", "fp", "fn"]


def reuters_articles(reuters_dir: str | Path, *,
                     files: Iterable[str] | None = None) -> pd.DataFrame:
    """The stories of the Reuters-21578 files (reut2-000 … 017 unless `files` names some)."""
    folder = Path(reuters_dir)
    names = sorted(files if files is not None else (p.name for p in open_reuters_files(folder)))
    if not names:
        raise ValueError(f"{folder}: no reut2-000 … 017 .sgm files found")
    records = []
    for name in names:
        source = Source(name, (folder / name).read_bytes())
        for record in read_reuters(source):
            if isinstance(record, dict):
                records.append({**record, "file": name})
    frame = pd.DataFrame(records)
    frame[ARTICLE_ID] = frame[ORIGIN]
    frame[PUBLISHED_AT] = pd.to_datetime(frame[PUBLISHED_AT], utc=True)
    for column in (TEXT, TITLE, DATELINE):
        frame[column] = frame[column].where(frame[column].notna(), "")
    return frame


def read_tag_targets(path: str | Path = TAGS_CSV) -> dict[str, dict[str, list[str]]]:
    """{kind: {tag code: [targets]}} from the mapping CSV (kinds place, org, person)."""
    targets: dict[str, dict[str, list[str]]] = {"place": {}, "org": {}, "person": {}}
    with open(path, encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            targets[row["kind"]][row["code"]] = row["target"].split("|")
    return targets


def score_stories(articles: pd.DataFrame, mentions: pd.DataFrame, *,
                  salient_only: bool = True) -> pd.DataFrame:
    """Per story and kind: each tag's hit or miss, and each false alarm, with the evidence.

    The countries found are those `article_countries` marks salient (`salient_only`), or
    every country named.
    """
    targets = read_tag_targets()
    countries = article_countries(mentions)
    if salient_only:
        countries = countries[countries["salient"]]
    places = countries.groupby(ARTICLE_ID)[COUNTRY_CODE].agg(set).to_dict()
    surfaces = _surfaces(mentions)
    by_article = dict(tuple(mentions.groupby(ARTICLE_ID)))
    empty = mentions.iloc[0:0]
    rows = []
    for story in articles.itertuples(index=False):
        article_id = getattr(story, ARTICLE_ID)
        found = places.get(article_id, set())
        rows += _place_rows(story, found, surfaces.get(article_id, {}), targets["place"])
        rows += _people_and_org_rows(story, by_article.get(article_id, empty), targets)
    return pd.DataFrame(rows, columns=[ARTICLE_ID, "file", "kind", "tag", "outcome", "evidence"])


def _surfaces(mentions: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Per article and country code, the words that named it ("Tokyo; Japanese")."""
    named = mentions[mentions[ACTOR_TYPE].isin(EVIDENCE_TYPES) & mentions[COUNTRY_CODE].notna()]
    joined = named.groupby([ARTICLE_ID, COUNTRY_CODE])[SURFACE].agg(
        lambda s: "; ".join(sorted(set(s))))
    table: dict[str, dict[str, str]] = {}
    for (article_id, code), words in joined.items():
        table.setdefault(article_id, {})[code] = words
    return table


def _place_rows(story, found: set[str], surfaces: dict[str, str],
                targets: dict[str, list[str]]) -> list[tuple]:
    """Hits and misses of a story's PLACES tags, and the countries found beyond them."""
    tags = list(getattr(story, REF_PLACES))
    if not tags:
        return []
    article_id, file = getattr(story, ARTICLE_ID), story.file
    gold = {targets.get(tag, [tag.upper()])[0] for tag in tags}
    rows = [(article_id, file, "places", code, "hit" if code in found else "miss",
             surfaces.get(code, "")) for code in sorted(gold)]
    return rows + [(article_id, file, "places", code, "false alarm", surfaces.get(code, ""))
                   for code in sorted(found - gold)]


def _people_and_org_rows(story, found: pd.DataFrame, targets) -> list[tuple]:
    """Hits and misses of a story's PEOPLE and ORGS tags."""
    rows = []
    article_id, file = getattr(story, ARTICLE_ID), story.file
    people = found[found[ACTOR_TYPE] == "person"]
    for tag in getattr(story, REF_PEOPLE):
        hit = _person_found(tag, people, targets["person"].get(tag, []))
        rows.append((article_id, file, "people", tag, "hit" if hit else "miss", hit or ""))
    ids = set(found[ACTOR_ID])
    for tag in getattr(story, REF_ORGS):
        orgs = sorted(set(targets["org"].get(tag, [tag])) & ids)
        rows.append((article_id, file, "orgs", tag, "hit" if orgs else "miss", "; ".join(orgs)))
    return rows


def _name_words(name: str) -> tuple[str, ...]:
    """A name as lower-case ASCII words ("Karl Otto Pöhl" -> ("karl", "otto", "pohl"))."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return tuple(w for w in re.split(r"[\s\-.'’]+", ascii_name) if w)


def _person_found(tag: str, people: pd.DataFrame, actor_ids: list[str]) -> str | None:
    """The person found for a PEOPLE tag: same words, or one name the end of the other."""
    wanted = _name_words(tag)
    for actor_id, name in zip(people[ACTOR_ID], people[ACTOR], strict=True):
        words = _name_words(name)
        if actor_id in actor_ids or words == wanted or (
                words and (words[-len(wanted):] == wanted or wanted[-len(words):] == words)):
            return name
    return None


def split_of(file: str) -> str:
    """The split a Reuters file belongs to: tune (reut2-000..008) or test (009..017)."""
    return "tune" if file in TUNE_FILES else "test"


def summarise(scored: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 per kind and split from scored rows (micro-averaged)."""
    rows = []
    scored = scored.assign(split=scored["file"].map(split_of))
    for (kind, split), group in scored.groupby(["kind", "split"], sort=False):
        tp = int((group["outcome"] == "hit").sum())
        fp = int((group["outcome"] == "false alarm").sum())
        fn = int((group["outcome"] == "miss").sum())
        precision = tp / (tp + fp) if kind == "places" and tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        f1 = (2 * precision * recall / (precision + recall) if precision + recall > 0
              else float("nan"))
        rows.append((kind, split, precision, recall, f1, group[ARTICLE_ID].nunique(), tp, fp, fn))
    frame = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    order = {kind: i for i, kind in enumerate(KINDS)}
    return frame.sort_values(["type", "split"], key=lambda s: s.map(order) if s.name == "type"
                             else s.map({"tune": 0, "test": 1})).reset_index(drop=True)


def reuters_mentions(reuters_dir: str | Path, *, files: Iterable[str] | None = None,
                     actors: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Reuters stories and the actor mentions found in them: what `score_stories` scores."""
    articles = reuters_articles(reuters_dir, files=files)
    # the score is about which actors a story names, not where: no sentence table is needed
    return articles, find_mentions(articles, pd.DataFrame(), actors=actors)


def scored_stories(articles: pd.DataFrame, mentions: pd.DataFrame, *,
                   salient_only: bool = True) -> pd.DataFrame:
    """`score_stories` with each story's title and dateline, to read the errors by."""
    return score_stories(articles, mentions, salient_only=salient_only).join(
        articles.set_index(ARTICLE_ID)[[TITLE, DATELINE]], on=ARTICLE_ID)


def _scored(reuters_dir: str | Path, files: Iterable[str] | None,
            actors: pd.DataFrame | None, salient_only: bool) -> pd.DataFrame:
    articles, mentions = reuters_mentions(reuters_dir, files=files, actors=actors)
    return scored_stories(articles, mentions, salient_only=salient_only)


def evaluate_reuters_actors(reuters_dir: str | Path, *, files: Iterable[str] | None = None,
                            actors: pd.DataFrame | None = None,
                            salient_only: bool = True) -> pd.DataFrame:
    """Scores of actor mentions on Reuters-21578 (type, split, precision, recall, f1, n, tp...).

    `type` is places, people or orgs; `split` is tune (reut2-000..008) or test (009..017); `n`
    counts the stories scored. Precision is given for places only. `salient_only=False`
    scores every country named rather than those the story is about.
    """
    return summarise(_scored(reuters_dir, files, actors, salient_only))


def actor_errors(reuters_dir: str | Path, *, files: Iterable[str] | None = None,
                 kind: str = "places", actors: pd.DataFrame | None = None,
                 salient_only: bool = True) -> pd.DataFrame:
    """The misses and false alarms of one kind (places, people, orgs), with title and dateline."""
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r}; valid: {list(KINDS)}")
    scored = _scored(reuters_dir, files, actors, salient_only)
    errors = scored[(scored["kind"] == kind) & (scored["outcome"] != "hit")]
    return errors.reset_index(drop=True)
