"""Articles: the matching articles sorted as a whole, each match of the search in context, and a
reader that shows one article with what was found in it and the other copies of its story."""

import streamlit as st

from analysis import query, settings
from dashboard import data, panels, reader, state
from dashboard.render import date_label

ORDER = {"before": "word before", "after": "word after", "date": "newest first"}

filters = state.current()

st.title("Articles", anchor=False)
chosen = st.query_params.get("article")

with st.expander("Matching articles", expanded=chosen is None):
    size = int(settings.get("page_size"))
    total = data.ask(query.article_list, filters, limit=1)[1]
    pages = max(1, (total + size - 1) // size)
    left, right = st.columns([2, 1])
    order = left.selectbox("Sort all matching articles by", list(query.ORDERS),
                           key="articles_order")
    number = right.number_input(f"Page (of {pages:,})", 1, pages, 1, key="articles_page")
    frame, total = data.ask(query.article_list, filters, order=order, limit=size,
                            offset=(number - 1) * size)
    if total == 0:
        panels.empty("No article matches these filters. Widen them in the sidebar.")
    else:
        st.caption(f"{total:,} articles match the filters, sorted by {order} across all of "
                   "them; select one to read it. (A click on a column header sorts only the "
                   "rows of this page.)")
        panels.article_table(frame, key="articles_table", total=total, here=True)
        panels.downloads(lambda: data.export_articles(filters), name="articles",
                         key="articles_export")

if filters.search and total:
    with st.expander("Keyword in context", expanded=chosen is None), \
            panels.panel(None):
        by = st.segmented_control("Sort by", list(ORDER), format_func=ORDER.__getitem__,
                                  default="before", key="kwic_order") or "before"
        lines = data.ask(query.keyword_in_context, filters, order=by)
        st.caption(f"{len(lines):,} matches in the {min(total, 200):,} newest matching "
                   "articles; select a line to read its article.")
        picked = st.dataframe(
            lines.assign(date=lines["published_at"].map(date_label))[
                ["before", "match", "after", "field", "date", "title"]],
            key="kwic_table", hide_index=True, width="stretch", on_select="rerun",
            selection_mode="single-row", height=min(38 + 35 * len(lines), 420),
            column_config={"before": st.column_config.TextColumn("Before", width="medium"),
                           "match": st.column_config.TextColumn("Match", width="small"),
                           "after": st.column_config.TextColumn("After", width="medium"),
                           "field": st.column_config.TextColumn(
                               "In", width="small", help="the article's title or its text")})
        rows = picked.selection.rows if picked else []
        if rows and str(lines.iloc[rows[0]]["article_id"]) != chosen:
            panels.open_article(str(lines.iloc[rows[0]]["article_id"]), here=True)

if chosen:
    detail = data.ask(query.article_detail, chosen)
    if detail is None:
        st.warning("That article is not in the store (it may have been removed).")
    else:
        reader.show(detail, copies=data.ask(query.copies_of, chosen), search=filters.search)
elif total:
    st.info("Select an article above to read it with its actors, topics, quotes and casualty "
            "figures highlighted.", icon=":material/article:")
