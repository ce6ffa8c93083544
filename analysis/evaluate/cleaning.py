"""Score the cleaners: the sample page field by field, and Reuters stories rendered as pages.

The sample page is compared with its hand annotation (`*.expected.json`). For Reuters-21578,
each story with a title, a dateline and a body is written out the way a news site's "save as
text" does (title line, blank line, ``PLACE (Reuters) - body``, a credit line, then a "Latest
news" block of two other stories' titles), run through the scraped-page cleaner, and its title,
dateline, source and body compared with the SGML fields it came from. The cleaner's failures
were looked at (and its breadcrumb rule fixed) on reut2-009 only; the harness reports
reut2-010 to reut2-017.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.clean.page import parse_page
from analysis.evaluate.actors import reuters_articles

SCORE_COLUMNS = ["evaluation", "field", "n", "correct", "accuracy"]


def evaluate_sample(page: str | Path, expected: str | Path) -> pd.DataFrame:
    """One row per annotated field of the sample page: expected, found, and whether they agree."""
    parsed = parse_page(Path(page).read_text(encoding="utf-8"))
    truth = json.loads(Path(expected).read_text(encoding="utf-8"))
    text = parsed.get(schema.TEXT, "")
    credits = [{"name": c["name"], "place": c["place"]} for c in parsed.get(schema.CREDITS, [])
               if c["role"] == "additional reporting"]
    checks = {
        "title": (truth["title"], parsed.get(schema.TITLE)),
        "section": (truth["section"], parsed.get(schema.SECTION)),
        "source": (truth["source"], parsed.get(schema.SOURCE)),
        "byline": (truth["byline"], parsed.get(schema.BYLINE)),
        "dateline": (truth["dateline"], parsed.get(schema.DATELINE)),
        "additional_reporting": (truth["additional_reporting"], credits),
        "published_at": (truth["published_at"], parsed.get(schema.PUBLISHED_AT)),
        "body_start": (truth["body_starts_with"], text[:len(truth["body_starts_with"])]),
        "body_end": (truth["body_ends_with"], text[-len(truth["body_ends_with"]):]),
        "related_headlines": (truth["related_headlines"], parsed.get(schema.RELATED_HEADLINES)),
        "no_boilerplate_in_body": ([], [s for s in truth["must_not_be_in_body"] if s in text]),
    }
    return pd.DataFrame([{"field": name, "expected": json.dumps(want, ensure_ascii=False),
                          "found": json.dumps(got, ensure_ascii=False, default=str),
                          "ok": want == got} for name, (want, got) in checks.items()])


def render_page(story: pd.Series, others: list[str]) -> str:
    """A Reuters story as a saved news page, boilerplate included."""
    headlines = "\n\n".join(f"{title}\n\nThe story continues..." for title in others)
    return (f"{story[schema.TITLE]}\n\n{story[schema.DATELINE]} (Reuters) - "
            f"{story[schema.TEXT]}\n\n(Reporting by Jane Smith; Editing by John Doe)\n\n"
            f"Latest news\n\n{headlines}\n\nShare this article\n")


def evaluate_reuters_pages(reuters_dir: str | Path, *, files: list[str] | None = None,
                           limit: int | None = 2000, seed: int = 0) -> pd.DataFrame:
    """Agreement of the page cleaner with the SGML fields, over Reuters stories as pages."""
    articles = reuters_articles(reuters_dir, files=files)
    usable = articles[articles[schema.TITLE].notna() & articles[schema.DATELINE].notna()
                      & articles[schema.TEXT].str.len().gt(0)].reset_index(drop=True)
    if limit is not None and len(usable) > limit:
        usable = usable.sample(n=limit, random_state=seed).reset_index(drop=True)
    titles = usable[schema.TITLE].tolist()
    chooser = random.Random(seed)
    rows = []
    for story in usable.itertuples(index=False):
        story = pd.Series(story._asdict())
        parsed = parse_page(render_page(story, chooser.sample(titles, 2)))
        rows.append({
            "title": parsed.get(schema.TITLE) == story[schema.TITLE],
            "dateline": (parsed.get(schema.DATELINE) or "").upper()
            == story[schema.DATELINE].upper(),
            "source": parsed.get(schema.SOURCE) == "Reuters",
            "body": " ".join((parsed.get(schema.TEXT) or "").split())
            == " ".join(story[schema.TEXT].split()),
        })
    scored = pd.DataFrame(rows)
    return pd.DataFrame([{"evaluation": "reuters pages", "field": field, "n": len(scored),
                          "correct": int(scored[field].sum()),
                          "accuracy": float(scored[field].mean()) if len(scored) else float("nan")}
                         for field in scored.columns], columns=SCORE_COLUMNS)
