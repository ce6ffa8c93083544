"""Schema 7: tone read as issue 15 reads it, for a store scored before.

Up to schema 6 a sentence's tone was ``0.6942 * compound`` (news-VADER) and an article's the
mean of its sentences' tones weighted by word count. Since, a sentence's tone is
``HEADLINE_SLOPE * (compound + TEXTBLOB_SHARE * polarity)`` and an article's the plain mean of
its sentences' (`analysis.enrich.sentiment`). The stored sentences keep their TextBlob
polarity, and the old tone gives the compound back (it was never clipped: |0.6942 * compound|
< 1), so the new tones are computed in SQL without scoring any text again; they can differ
from a fresh ingest's in the last bits of a double. A title-only record has no sentence rows:
its tone is scored again from its title. The query tables, which sum tones, are rebuilt by
the caller.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis import schema
from analysis.enrich.sentiment import HEADLINE_SLOPE, TEXTBLOB_SHARE, text_tone

SLOPE_BEFORE_7 = 0.6942


def retone(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite the sentences' and articles' tones of a store of schema 6 or earlier."""
    con.execute(f"UPDATE sentences SET tone = least(1.0, greatest(-1.0, {HEADLINE_SLOPE!r} * "
                f"(tone / {SLOPE_BEFORE_7!r} + {TEXTBLOB_SHARE!r} * polarity))) "
                "WHERE tone IS NOT NULL")
    con.execute("UPDATE scores SET tone = m.tone FROM (SELECT article_id, avg(tone) AS tone "
                "FROM sentences WHERE tone IS NOT NULL GROUP BY article_id) m "
                "WHERE scores.article_id = m.article_id AND scores.tone IS NOT NULL")
    titles = con.execute(
        "SELECT s.article_id, a.title FROM scores s JOIN articles a USING (article_id) "
        f"WHERE s.{schema.SCORED_FROM} = '{schema.SCORED_FROM_TITLE}' AND s.tone IS NOT NULL"
    ).df()
    if titles.empty:
        return
    toned = pd.DataFrame({"article_id": titles["article_id"],
                          "tone": [text_tone(t) if isinstance(t, str) else None
                                   for t in titles["title"]]})
    con.register("_retoned", toned)
    try:
        con.execute("UPDATE scores SET tone = t.tone FROM _retoned t "
                    "WHERE scores.article_id = t.article_id")
    finally:
        con.unregister("_retoned")
