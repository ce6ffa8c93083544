"""Articles: a searchable list, and a reader that shows one article with what was found in it."""

import streamlit as st

from analysis import query, settings
from dashboard import data, panels, reader, state

filters = state.current()

st.title("Articles", anchor=False)
chosen = st.query_params.get("article")

with st.expander("Matching articles", expanded=chosen is None):
    size = int(settings.get("page_size"))
    page_count = max(1, (data.ask(query.article_list, filters, limit=1)[1] + size - 1)
                     // size)
    number = st.number_input(f"Page (of {page_count:,})", 1, page_count, 1, key="articles_page")
    frame, total = data.ask(query.article_list, filters, limit=size,
                            offset=(number - 1) * size)
    if total == 0:
        panels.empty("No article matches these filters. Widen them in the sidebar.")
    else:
        st.caption(f"{total:,} articles match the filters; select one to read it.")
        panels.article_table(frame, key="articles_table", total=total, here=True)
        st.caption("Download every matching article, with its text and scores:")
        panels.downloads(lambda: data.export_articles(filters),
                         name="articles", key="articles_export")

if chosen:
    detail = data.ask(query.article_detail, chosen)
    if detail is None:
        st.warning("That article is not in the store (it may have been removed).")
    else:
        reader.show(detail)
elif total:
    st.info("Select an article above to read it with its actors, topics, quotes and casualty "
            "figures highlighted.", icon=":material/article:")
