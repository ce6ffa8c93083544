"""The article reader: text with findings highlighted (always escaped), metadata, removals."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analysis import schema
from analysis.query.highlight import runs, search_spans, spans_of
from dashboard.render import credit_label, date_label, escape_markdown, language_name, names

# Streamlit markdown colour directives per kind of finding
STYLE = {"actor": "blue-background", "topic": "orange-background", "event": "red-background",
         "quote": "violet", "search": "yellow-background"}
LEGEND = ("Highlighted: :blue-background[actors] · :orange-background[topic words] · "
          ":red-background[casualty reports] · :violet[quotes]")
SEARCHED = " · :yellow-background[words of your search]"


def show(detail: dict, *, copies: pd.DataFrame | None = None, search: str = "") -> None:
    """Lay out one article (`analysis.query.article_detail`), the words of the `search` query
    marked, and the other stored copies of its story (`analysis.query.copies_of`)."""
    article = detail["article"]
    st.divider()
    if len(article[schema.SECTION]):
        st.caption(" › ".join(escape_markdown(s) for s in article[schema.SECTION]))
    title = article[schema.TITLE] or ""
    in_title = [(start, end, "search", "your search")
                for start, end in search_spans(title, search, field="title")]
    st.header("".join(_markup(run) for paragraph in runs(title, in_title) for run in paragraph)
              if title else "(untitled)", anchor=False)
    st.markdown(escape_markdown(_meta_line(article)))
    story, aside = st.columns([3, 1], gap="large")
    with story:
        _story(article, detail, search, searched_title=bool(in_title))
    with aside:
        _findings(detail)
        _copies(copies)
        _apart(article)


def _meta_line(article: dict) -> str:
    parts = [article[schema.SOURCE] or "source unknown"]
    if article[schema.DATELINE]:
        parts.append(article[schema.DATELINE])
    if len(article[schema.BYLINE]):
        parts.append("By " + names(article[schema.BYLINE]))
    parts.append(date_label(article[schema.PUBLISHED_AT]))
    return " · ".join(parts)


def _story(article: dict, detail: dict, search: str, *, searched_title: bool = False) -> None:
    if article[schema.TEASER]:
        st.markdown(f"*{escape_markdown(article[schema.TEASER])}*")
    text = article[schema.TEXT] or ""
    if not text:
        st.info("This record has no body text: its tone is read from its title alone."
                if article[schema.TITLE] else
                "This record has no body text (e.g. a GDELT entry); only its metadata is kept.")
        return
    found = [(start, end, "search", "your search") for start, end in search_spans(text, search)]
    st.caption(LEGEND + (SEARCHED if found or searched_title else "")
               + (" (in the title only)" if searched_title and not found else ""))
    for paragraph in runs(text, spans_of(detail) + found):
        st.markdown("".join(_markup(run) for run in paragraph))
    for credit in article[schema.CREDITS]:
        st.caption(escape_markdown(credit_label(credit)))
    with st.expander("Tone sentence by sentence"):
        sentences = detail["sentences"]
        if sentences.empty:
            st.caption("No sentences.")
        else:
            table = sentences.assign(sentence_text=[text[s:e] for s, e in zip(
                sentences[schema.START], sentences[schema.END], strict=True)])
            st.dataframe(table[["sentence_text", schema.TONE, schema.POLARITY]],
                         hide_index=True, width="stretch", column_config={
                             "sentence_text": st.column_config.TextColumn("Sentence",
                                                                          width="large"),
                             schema.TONE: st.column_config.NumberColumn(
                                 "Tone", format="%+.2f", help="−1 negative … +1 positive"),
                             schema.POLARITY: st.column_config.NumberColumn(
                                 "TextBlob", format="%.2f")})


def _markup(run) -> str:
    text = escape_markdown(run.text.replace("\n", " "))
    return f":{STYLE[run.kind]}[{text}]" if run.kind else text


def _findings(detail: dict) -> None:
    _tone(detail)
    mentions = detail["mentions"]
    if not mentions.empty:
        st.markdown("**Actors**")
        counts = mentions.groupby([schema.ACTOR, schema.ACTOR_TYPE]).size()
        for (actor, kind), n in counts.sort_values(ascending=False).items():
            st.markdown(f"- {escape_markdown(actor)} · {kind} · {n}×")
    if not detail["topics"].empty:
        st.markdown("**Topics**")
        for row in detail["topics"].itertuples(index=False):
            words = ", ".join(dict.fromkeys(row.evidence))
            st.markdown(f"- {escape_markdown(row.topic)} — {escape_markdown(words)}")
    if not detail["events"].empty:
        st.markdown("**Casualty reports**")
        for row in detail["events"].itertuples(index=False):
            st.markdown(escape_markdown(f"- {row.event} in {row.place or 'unknown place'}: "
                                        f"{_n(row.killed)} killed, {_n(row.wounded)} wounded"))
    if not detail["quotes"].empty:
        st.markdown("**Quotes**")
        for row in detail["quotes"].itertuples(index=False):
            st.markdown(escape_markdown(quote_line(row)))


def quote_line(row: Any) -> str:
    """A quote as the reader lists it: speaker, verb, the words; indirect ones said so and
    not put in quotation marks (they are the writer's words)."""
    words = _cut(row.quote)
    if getattr(row, schema.INDIRECT, False):
        return f"- {row.speaker} ({row.verb}, indirect): {words}"
    verb = f" ({row.verb})" if row.verb else ""  # a list of reactions names no verb
    return f"- {row.speaker}{verb}: “{words}”"


QUOTE_CHARS = 120  # of a quote in the reader's list; the text above has it whole


def _cut(quote: str) -> str:
    """`quote` up to QUOTE_CHARS characters, cut at a word with "…" when longer: a quote
    cut mid-word inside its closing mark read as if the speaker had stopped there."""
    if len(quote) <= QUOTE_CHARS:
        return quote
    return quote[:QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _copies(copies: pd.DataFrame | None) -> None:
    if copies is None or copies.empty:
        return
    sources = sorted({str(s) for s in copies[schema.SOURCE].dropna()})
    st.markdown(f"**{len(copies)} other cop{'ies' if len(copies) > 1 else 'y'} of this story**")
    if sources:
        st.caption(escape_markdown("Also run by " + names(sources)))
    for row in copies.itertuples(index=False):
        st.markdown(escape_markdown(f"- {row.title or '(untitled)'} · "
                                    f"{row.source or 'source unknown'} · "
                                    f"{date_label(row.published_at)}"))
def _tone(detail: dict) -> None:
    """The article's tone, what it was read from, or why it was not scored."""
    scores, article = detail["scores"], detail["article"]
    if scores.empty:
        return
    row = scores.iloc[0]
    if pd.isna(row[schema.TONE]):
        st.metric("Tone", "not scored", help=not_scored(article))
        st.caption(not_scored(article))
        return
    read = " (from the title alone)" if row[schema.SCORED_FROM] == schema.SCORED_FROM_TITLE else ""
    st.metric(f"Tone{read}", f"{row[schema.TONE]:+.2f}",
              help=f"TextBlob polarity {row[schema.POLARITY]:+.2f}, "
                   f"subjectivity {row[schema.SUBJECTIVITY]:.2f}")


def not_scored(article: dict) -> str:
    """Why an article has no tone, topics or actors."""
    language = article[schema.LANGUAGE]
    if language and language not in schema.SCORED_LANGUAGES:
        readable = ", ".join(language_name(code) for code in schema.SCORED_LANGUAGES)
        return (f"Not scored: this article is in {language_name(language)}, and tone, topics "
                f"and actors are found in {readable} text only.")
    return "Not scored: the article has no words to read."


def _apart(article: dict) -> None:
    st.markdown("**Related headlines**")
    if len(article[schema.RELATED_HEADLINES]):
        for headline in article[schema.RELATED_HEADLINES]:
            st.markdown(f"- {escape_markdown(headline)}")
    else:
        st.caption("None on the page.")
    if article[schema.URL]:
        st.caption(f"URL: {escape_markdown(article[schema.URL])}")
    st.caption(escape_markdown(f"From {article[schema.ORIGIN] or '?'} · id "
                               f"{article[schema.ARTICLE_ID]}"))
    if len(article[schema.BOILERPLATE]):
        with st.expander(f"Removed boilerplate ({len(article[schema.BOILERPLATE])} lines)"):
            for line in article[schema.BOILERPLATE]:
                st.text(line)


def _n(value: Any) -> str:
    return "?" if value is None or str(value) in ("<NA>", "nan") else f"{int(value):,}"
