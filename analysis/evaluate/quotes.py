"""Score quote attribution: the sample page, quotes built from sentences, hand-annotated BBC.

The built set: real news sentences from NewsMTSC (political news, 2010s) are put in quotation
marks and attributed, by a handful of common wire patterns, to real people of the built-in actor
table (whose surnames are unambiguous there): "“…” Name said.", "Name said: “…”", "“…,” said
Name.", a full name introduced then the surname alone ("“…” Surname told reporters."), and a
second quote given as "he added". Because the speaker is placed by construction, the right
answer is known; what is measured is whether the attribution rules find it.

The annotated set (`tests/data/quotes_bbc_gold.csv`): 20 articles of the BBC News 2,225
(2004-05) `sport` and `entertainment` categories, whose business, politics and tech articles were
read while the quote rules were written. Bodies that repeat an earlier one are dropped; of the 703
that are left and hold a `"`, sorted by id and shuffled with `random.Random(15)`, the first 20 were
read by hand. Every span between quotation marks is a row (a quote split by its attribution, or
running over paragraphs, is one row per quoted segment): its offsets in the CSV body, whether it
is a quote (speech or writing of a source, whole or a fragment) or not (a title, scare quotes, a
slogan), and the speaker's full canonical name, empty when the text does not say who spoke. A
PressLens speaker is right when it is the gold name, or its words (titles left out) are among
the gold name's and end with its surname ("Ruddock" for "Mike Ruddock"), unless another gold
speaker of the article has that surname. Found: a PressLens quote overlaps the span. Recall:
right / quotes with a speaker; precision: right / speakers PressLens returns over any span (a
quote, a non-quote, a quote with no speaker, or text the annotation holds no quote in).
Annotated by hand on 7 December 2026 (136 quotes, 134 with a speaker, and 6 non-quotes), then
committed before PressLens was run on it. As first measured: found 0.478, recall 0.313 (42 of
134), precision 0.778 (42 of 54). The quote rules were then tuned after seeing the test errors
(straight quotes over paragraphs, also joined by a space; an attribution ending in a colon; he
or she as the person opening the sentence before the quote; descriptions before a name; two
verbs; no going on after a sentence of its own), each change checked on 60 business/politics
articles too; the table gives the score after that tuning, so it flatters: a fresh set would
be the fair measure. A second round of tuning (issue 15) read the errors of this set and of the
development set below: fragments quoted inside a sentence, a quote after a sentence that opens
with its speaker, descriptions and "it" for the last speaker, spokesmen for their body,
acronyms, dash appositions, lists of reactions with no verb, colons that open the next quote.

The held-out set (`tests/data/quotes_bbc_test.csv`) is that fresh set. It was chosen after the
tuning by the same rule, fixed before any of it was read: the next 20 articles of the same
shuffled order (positions 21–40 of the 703), so no article of the tuning set comes back. Read and
annotated by hand on 7 December 2026 with the same conventions (97 spans: 95 quotes, all with a
speaker, and 2 non-quotes) and committed before PressLens was run on it; it was scored once
with the quote rules as tuned on the first set, and once more after the second round of tuning
on the first set and the development set; its errors were never looked at, and no rule was
changed after either score.
Two cases the first set had none of: the words of an unnamed spokesman go to the body he speaks
for ("an FA spokesman" → Football Association), as the first set gives a station's words to
BBC Radio 1; and one article (sport/131) writes its quotation marks as two apostrophes
(''…''), and its five spans between them are rows too.

The development set (`tests/data/quotes_bbc_dev.csv`) carries the tuning on to general news:
18 articles of the same corpus's `business` and `politics` categories (it has no world
category), chosen by a rule fixed before any was read: bodies that repeat an earlier one
dropped, of the 811 left that hold a `"`, sorted by id and shuffled with
`random.Random(2026)`, the first 18 (none of them in the two sets above, which are sport and
entertainment). Read and annotated by hand on 7 December 2026 with the same conventions (120
spans: 114 quotes, 109 with a speaker, and 6 non-quotes), every span between straight
quotation marks listed by a small script that knows nothing of PressLens, and committed before
PressLens was run on it. A body's words are the speaker's where the text says so: the words
of a spokesman or a statement go to the body (the Justice Department, UKIP, Merrill Lynch's
note), a fragment ("no idea", "complete rubbish") to whoever the sentence gives it; a quote
whose sentence names no one (prosecutors wanted the firms to "disgorge"; "another senior
economic adviser called the sale…") has no speaker, and a name or slogan ("Axis of Evil",
"Otoku") is not a quote. The rules are tuned on the first set and on this one; the held-out
set is not looked at. As first measured, before any rule was changed for it: found 0.505,
recall 0.367 (40 of 109), precision 0.769 (40 of 52).

The second development set (`tests/data/quotes_bbc_dev2.csv`) and the second held-out set
(`tests/data/quotes_bbc_test2.csv`) were added in a third round of tuning (issue 15), because
the held-out set scored well below the sets tuned on (0.737 / 0.824 against 0.873 / 0.967 and
0.835 / 0.919): rules fitted to 38 articles. Both were chosen by one rule, fixed at 11:58 UTC
on 7 December 2026 before any of their articles was read: the same seed-2026 order of the 811
business and politics articles, positions 19–38 for the second dev set and 39–58 for the
second held-out set (none in any earlier set). The second dev set was annotated by hand with
the same conventions (114 spans: 97 quotes, 93 with a speaker, and 17 not quotes, most of them
terms in one reader's letters page, politics/290), every span listed by a small script that
knows nothing of PressLens, and committed before PressLens ran on it; as first measured:
found 0.796, recall 0.645 (60 of 93), precision 0.845 (60 of 71). The rules were then tuned on
the errors of all three tuning sets and on the Quotes output of Reuters-21578 reut2-000…017
(read by hand: reut2-003, 007, 009, 011; reut2-018…021 are held out), each change kept only
when it was a general cause and did not lose a right speaker on the three sets. Then the second
held-out set was annotated the same way (120 spans: 114 quotes, 113 with a speaker, and 6 not
quotes), committed, and scored once, with the old held-out set scored once more beside it;
the errors of neither were looked at. Conventions met there for the first time: a named
spokesman's words are his own (Dr Vancheshwar of DLF Builders), an unnamed one's his body's
("said the spokesman" of Scotland Yard); the wording of a referendum question is not a quote;
a fragment in a sentence that names no one has no speaker ("These include … "special economic
burdens"").

The third held-out set (`tests/data/quotes_bbc_test3.csv`) was added in a fourth round (issue
15), which tuned on the errors of the tuning set and the two dev sets only (and read the
mentions and quotes of a Reuters-21578 reut2-000…017 store): the British parties, departments
and public bodies of the actor table, a gendered "she" or "he", an unnamed spokeswoman after a
body, a body's short name, "described as "…" by X", a tagged person's demonym or owner, a
relative's family name. Its rule was fixed at 14:48 UTC on 7 December 2026, before any of its
articles was read: ten articles of each order, business and politics positions 59-68 (seed 2026)
and sport and entertainment positions 41-50 (seed 15), none in an earlier set (more would have
been added, one of each order in turn, had these held fewer than 100 quotes with a speaker).
Annotated by hand once the round's tuning had ended, with the same conventions (129 spans: 125
quotes, 121 with a speaker, and 4 not quotes; one span the listing script missed, a mark with
no space before it, of"squabbling like schoolboys", added by hand), committed, then scored
once with the two earlier held-out sets; the errors of none of them were looked at. Three
changes came after the annotation and before that score, from reading the Reuters store only
(a party name inside a longer one, "National Democratic Party"; a gender only from an
attribution, not from a title; a party in a story datelined in another country that never
names the party's own); the tuning and dev scores did not move with them. Conventions
met there: an unnamed official of a named ministry speaks for it ("A senior Japanese Finance
Ministry official told Reuters" → Japanese Finance Ministry), a statement a country issued is
the country's, a relative takes the family name ("Edwards' sister Rachel" → Rachel Edwards).

The third dev set (`tests/data/quotes_bbc_dev3.csv`) and the fourth held-out set
(`tests/data/quotes_bbc_test4.csv`, now `quotes_bbc_dev4.csv`) were added in a fifth round
(issue 15), from the `tech` category, which no earlier set used (the quote rules of the first
round were written while reading business, politics and tech articles, which ones not
recorded). The rule was fixed at 20:58 UTC on 7 December 2026, before any of them was read:
bodies that repeat an earlier one
dropped, the 296 tech articles that hold a `"`, sorted by id and shuffled with
`random.Random(2027)`; the first 20 are the dev set, positions 21-40 the held-out set (more would
have been added, one at a time, had 20 held fewer than 100 quotes with a speaker). The dev set
was annotated by hand with the same conventions (121 spans: 105 quotes, 103 with a speaker, and
16 not quotes) and committed before PressLens ran on it; as first measured: found 0.864,
recall 0.757 (78 of 103), precision 0.929 (78 of 84), found with a speaker 0.806. The round
tuned on its errors only (each rule kept when it lost no right speaker on the tuning set and
the two other dev sets, and its changes to the Quotes of Reuters-21578 reut2-000…005 read by
hand). The held-out set was chosen at 21:15 UTC, after the last rule change, annotated the same
way (155 spans: 139 quotes, 136 with a speaker, and 16 not quotes; one span the listing script
missed, a mark followed by a space, could be " very important…", added by hand), committed,
then scored once with the code before the round and once with the code after it; its errors
were not looked at and no rule changed after. One of its articles, tech/043, is a near-copy of
the dev set's tech/326 (the rule drops only identical bodies). Conventions met there: a term
or a named practice in marks is not a quote ("rent, rip and return", "bot nets"), a report's
words are its body's ("said the report" → World Bank), the words of a site's message its site's.

That held-out set became the fourth dev set, `tests/data/quotes_bbc_dev4.csv`, at the start of
the sixth round (7 December 2026, 21:30 UTC): it had been scored twice (with the code before the
fifth round and after it) and a merge decision rested on those scores, so it was no longer
fresh. Its errors were read, and the sixth round tuned on it.

The fifth held-out set (`tests/data/quotes_bbc_test5.csv`) was chosen by a rule written at
21:37 UTC on 7 December 2026, after the sixth round's last rule change and before any of its
articles was read: from each of the three seeded orders the earlier sets used, the positions
after theirs (tech 41-48, business/politics 69-75, sport/entertainment 51-56), skipping a
near-copy (an article sharing 30% or more of its 8-word shingles with one of any set: tech/018,
of tech/190). Annotated by hand with the same conventions (139 spans: 129 quotes, 128 with a
speaker, and 10 not quotes; a slogan in marks is not a quote), committed before PressLens ran
on it, then scored once with main's code and once with the branch; its errors are not looked
at. The rule also fixed, beforehand, what the lead decides from it: the round's rules are
merged if the branch's recall there is at least main's and its precision at least
min(0.85, main's); otherwise only the data.

The fifth dev set (`tests/data/quotes_bbc_dev5.csv`) was chosen at the start of a seventh round
by a rule written at 22:14 UTC on 7 December 2026, before any of its articles was read: the
positions after the fifth held-out set's in each order (tech 49-55, business/politics 76-82,
sport/entertainment 57-62; no near-copy among them). Annotated by hand with the same
conventions (92 spans: 85 quotes, 84 with a speaker, and 7 not quotes; the quotes of an article
that is a list of one man's words, "David Blunkett in quotes", are his) and committed before
PressLens ran on it. The seventh round tuned on it.

The sixth held-out set (`tests/data/quotes_bbc_test6.csv`) was chosen by the same rule, written
at the same time: the positions after the fifth dev set's (tech 56-60, 62 and 64, tech/286 and
tech/294 skipped as near-copies of tech/391 and tech/155; business/politics 83-89;
sport/entertainment 63-68); these 20 held 74 quotes with a speaker, fewer than 100, so one more
article of each order in turn was added up to the rule's limit of 26 (tech 65-66,
business/politics 90-91, sport/entertainment 69-70). Annotated by hand at the end of the round
with the same conventions (97 spans: 92 quotes, 90 with a speaker, and 7 not quotes; a poster's
slogan is not a quote, an unnamed party spokesman's words are his party's), committed before
PressLens ran on it, then scored once with main's code and once with the branch; its errors are
not looked at. The merge rule, fixed beforehand, is the fifth held-out set's.

The seventh held-out set (`tests/data/quotes_bbc_test7.csv`) was chosen by a rule written at
00:03 UTC on 8 December 2026, before any of its articles was read and before the eighth round
changed a rule: the positions after the sixth held-out set's in each order (tech 67-73,
business/politics 92-98, sport/entertainment 71-76; no near-copy among them); these 20 held 98
quotes with a speaker, fewer than 100, so one more article, the next tech one, was added.
Annotated by hand after the round's last rule change with the same conventions (110 spans: 107
quotes, 103 with a speaker, and 3 not quotes; a study's authors speak for the centre it came
from, a trader with no name has no speaker), committed before PressLens ran on it, then scored
once with main's code and once with the branch; its errors are not looked at. The merge rule,
fixed beforehand, is the fifth held-out set's.

Indirect quotes ("…, according to Y", `indirect`) have no quotation marks, so no annotated span,
and are left out of these scores.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.clean.page import parse_page
from analysis.enrich.actor_table import load_actors
from analysis.enrich.actors import find_mentions
from analysis.enrich.discovery import TITLES
from analysis.enrich.quotes import find_quotes
from analysis.enrich.sentences import split_sentences

TEMPLATES = ("said_after", "said_before", "said_inverted", "surname", "pronoun")


def _score(articles: pd.DataFrame, expected: pd.DataFrame) -> pd.DataFrame:
    mentions = find_mentions(articles, pd.DataFrame())
    found = find_quotes(articles, mentions)
    rows = []
    for item in expected.itertuples(index=False):
        got = found[(found[schema.ARTICLE_ID] == item.article_id)
                    & found[schema.QUOTE].str.startswith(item.starts_with[:25])]
        speaker = got[schema.SPEAKER].iloc[0] if len(got) else None
        rows.append({"set": item.set, "template": item.template, "expected": item.speaker,
                     "found": speaker, "quote_found": len(got) > 0,
                     "correct": speaker == item.speaker})
    return pd.DataFrame(rows)


def sample_quotes(page: str | Path, expected: str | Path) -> pd.DataFrame:
    """Each annotated quote of the sample page: its speaker and the one PressLens gives."""
    parsed = parse_page(Path(page).read_text(encoding="utf-8"))
    articles = pd.DataFrame([{schema.ARTICLE_ID: "sample", schema.TITLE: parsed.get(schema.TITLE),
                              schema.TEXT: parsed[schema.TEXT],
                              schema.DATELINE: parsed.get(schema.DATELINE)}])
    truth = json.loads(Path(expected).read_text(encoding="utf-8"))["quotes"]
    expected_rows = pd.DataFrame([{"set": "sample page", "template": "as published",
                                   "article_id": "sample", "speaker": q["speaker"],
                                   "starts_with": q["starts_with"]} for q in truth])
    return _score(articles, expected_rows)


def built_quotes(newsmtsc: str | Path, *, n: int = 300, seed: int = 0) -> pd.DataFrame:
    """Quotes built from NewsMTSC sentences and real people; one row per quote, scored."""
    chooser = random.Random(seed)
    sentences = _sentences(newsmtsc, chooser, 2 * n)
    people = _speakers()
    articles, expected = [], []
    for i in range(n):
        name = chooser.choice(people)
        template = TEMPLATES[i % len(TEMPLATES)]
        first, second = sentences[2 * i], sentences[2 * i + 1]
        text, starts = _render(template, name, first, second)
        article_id = f"built-{i}"
        articles.append({schema.ARTICLE_ID: article_id, schema.TITLE: None, schema.TEXT: text,
                         schema.DATELINE: None})
        expected += [{"set": "built from NewsMTSC", "template": template,
                      "article_id": article_id, "speaker": name, "starts_with": s}
                     for s in starts]
    return _score(pd.DataFrame(articles), pd.DataFrame(expected))


def _render(template: str, name: str, first: str, second: str) -> tuple[str, list[str]]:
    surname = name.split()[-1]
    if template == "said_after":
        return f"“{first}” {name} said on Tuesday.", [first]
    if template == "said_before":
        return f"{name} said on Tuesday: “{first}”", [first]
    if template == "said_inverted":
        return f"“{first.rstrip('.')},” said {name}.", [first.rstrip(".")]
    if template == "surname":
        return (f"{name} spoke to reporters in the capital on Tuesday.\n\n"
                f"“{first}” {surname} told reporters.", [first])
    return (f"“{first}” {name} said.\n\n“{second}” he added.", [first, second])


def _sentences(path: str | Path, chooser: random.Random, count: int) -> list[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["sentence_normalized"] for line in lines if line.strip()]
    # quotes inside a quote would be ambiguous by construction; keep plain sentences
    plain = [t.strip() for t in texts if not any(c in t for c in "\"“”") and 40 < len(t) < 240]
    return chooser.sample(plain, count)


def _speakers() -> list[str]:
    actors = load_actors()
    people = actors[actors["type"] == "person"]["name"].tolist()
    surnames = pd.Series([p.split()[-1] for p in people]).value_counts()
    return sorted(p for p in people if len(p.split()) >= 2 and surnames[p.split()[-1]] == 1
                  and p.replace(" ", "").replace("-", "").isalpha())


def bbc_articles(bbc_csv: str | Path, article_ids: list[str]) -> pd.DataFrame:
    """The BBC articles of `article_ids` as an article table (text = the CSV's body)."""
    bbc = pd.read_csv(bbc_csv).set_index("id").loc[article_ids]
    return pd.DataFrame({schema.ARTICLE_ID: article_ids, schema.TITLE: bbc["title"].tolist(),
                         schema.TEXT: bbc["body"].tolist(), schema.DATELINE: None})


def annotated_quotes(bbc_csv: str | Path, gold: str | Path) -> pd.DataFrame:
    """Each annotated span beside the PressLens quote over it (found, speaker, right), plus a
    row for each PressLens direct quote over no annotated span (`kind` "other"; indirect
    quotes, "…, according to Y", have no quotation marks and are not scored here)."""
    truth = pd.read_csv(gold, dtype={"speaker": str}, keep_default_na=False)
    articles = bbc_articles(bbc_csv, truth["article_id"].drop_duplicates().tolist())
    found = find_quotes(articles, find_mentions(articles, split_sentences(articles)))
    found = found[~found[schema.INDIRECT]]  # the annotation holds the spans between marks only
    rows, used = [], set()
    for item in truth.itertuples(index=False):
        same = found[found[schema.ARTICLE_ID] == item.article_id]
        over = same[(same[schema.START] < item.end) & (same[schema.END] > item.start)]
        used.update(over.index)
        speaker = over[schema.SPEAKER].dropna().iloc[0] if over[schema.SPEAKER].notna().any() \
            else None
        others = set(truth.loc[truth["article_id"] == item.article_id, "speaker"]) - {""}
        rows.append({"article_id": item.article_id, "start": item.start, "end": item.end,
                     "kind": item.kind, "expected": item.speaker or None, "found": speaker,
                     "quote_found": len(over) > 0,
                     "correct": bool(item.speaker) and speaker is not None
                     and same_speaker(speaker, item.speaker, others)})
    for item in found.drop(index=list(used)).itertuples(index=False):
        rows.append({"article_id": getattr(item, schema.ARTICLE_ID), "start": item.start,
                     "end": item.end, "kind": "other", "expected": None,
                     "found": getattr(item, schema.SPEAKER), "quote_found": True,
                     "correct": False})
    return pd.DataFrame(rows)


def same_speaker(found: str, expected: str, speakers: set[str]) -> bool:
    """Whether PressLens's speaker is the annotated one: the same name, or part of it ending
    with its surname when no other annotated speaker of the article has that surname. Titles
    are left out, unless that leaves one side no word ("Treasury" of "HM Treasury": the title
    list holds "treasury"; an empty name used to match only another empty one)."""
    def words(name: str, titles: bool = False) -> list[str]:
        return [w for w in name.casefold().split() if titles or w.rstrip(".") not in TITLES]
    alternatives = expected.split(";") if ";" in expected else [expected]
    for wanted in alternatives:
        got, want = words(found), words(wanted)
        if not got or not want:
            got, want = words(found, titles=True), words(wanted, titles=True)
        if got == want:
            return True
        clash = [s for s in speakers if s != expected and words(s)[-1:] == want[-1:]]
        if got and got[-1:] == want[-1:] and set(got) <= set(want) and not clash:
            return True
    return False


def summarise_annotated(scored: pd.DataFrame,
                        label: str = "BBC sport/entertainment, hand-annotated") -> pd.DataFrame:
    """Recall, precision and found-with-any-speaker of an annotated set, one row named
    `label` (the tuning set and the held-out test set are scored apart)."""
    quotes = scored[scored["kind"] == "quote"]
    attributed = quotes[quotes["expected"].notna()]
    right = int(attributed["correct"].sum())
    returned = scored[scored["found"].notna() & (scored["quote_found"])]
    return pd.DataFrame([{
        "set": label, "articles": scored["article_id"].nunique(), "gold quotes": len(quotes),
        "with speaker": len(attributed), "not quotes": int((scored["kind"] == "not_quote").sum()),
        "found": attributed["quote_found"].mean(),
        "found with a speaker": attributed["found"].notna().mean(),
        "right": right, "returned": len(returned),
        "recall": right / len(attributed) if len(attributed) else float("nan"),
        "precision": right / len(returned) if len(returned) else float("nan"),
    }])


def summarise(scored: pd.DataFrame) -> pd.DataFrame:
    """Speaker accuracy per set and template (quotes found, and speakers right)."""
    grouped = scored.groupby(["set", "template"], as_index=False).agg(
        n=("correct", "size"), found=("quote_found", "mean"), accuracy=("correct", "mean"))
    overall = scored.groupby("set", as_index=False).agg(
        n=("correct", "size"), found=("quote_found", "mean"), accuracy=("correct", "mean"))
    return pd.concat([grouped, overall.assign(template="all")], ignore_index=True)
