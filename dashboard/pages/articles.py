"""Articles page: the stored articles, searchable, and a reader for one article."""

import streamlit as st

from analysis import store
from dashboard import data
from dashboard.render import credit_label, date_label, escape_markdown, names

path = data.store_path()
version = store.version(path)

st.title("Articles")
try:
    numbers = data.store_stats(path, version)
except store.StoreError as err:
    st.error(str(err))
    st.stop()

left, middle, right = st.columns(3)
left.metric("Articles", f"{numbers['articles']:,}")
middle.metric("Sources", f"{len(numbers['sources']):,}")
span = "—"
if numbers["first_published"]:
    span = f"{numbers['first_published'][:10]} → {numbers['last_published'][:10]}"
right.metric("Published", span, help=f"{numbers['undated']} article(s) with no stated date")

search = st.text_input("Search titles and text", key="search", placeholder="e.g. Iran")
listing = data.article_list(path, version, search)
if listing.empty:
    st.info("No article matches this search." if search else "The store has no articles yet.")
    st.stop()

table = listing.assign(date=listing["published_at"].map(date_label))[
    ["title", "source", "dateline", "date"]
]
picked = st.dataframe(
    table, key="article_table", hide_index=True, width="stretch", height=260,
    on_select="rerun", selection_mode="single-row",
    column_config={"title": st.column_config.TextColumn("Title", width="large")},
)
rows = picked.selection.rows if picked else []
chosen_id = st.query_params.get("article")
if rows:
    chosen_id = listing.iloc[rows[0]]["article_id"]
    st.query_params["article"] = chosen_id
if chosen_id not in set(listing["article_id"]):
    chosen_id = listing.iloc[0]["article_id"]

item = data.article(path, version, chosen_id)
if item is None:
    st.warning("That article is no longer in the store.")
    st.stop()

st.divider()
if len(item["section"]):
    st.caption(" › ".join(escape_markdown(s) for s in item["section"]))
st.header(escape_markdown(item["title"] or "(untitled)"), anchor=False)
meta = [item["source"] or "source unknown", date_label(item["published_at"])]
if len(item["byline"]):
    meta.insert(1, "By " + names(item["byline"]))
if item["dateline"]:
    meta.insert(1, item["dateline"])
st.markdown(" · ".join(escape_markdown(m) for m in meta))

story, aside = st.columns([3, 1], gap="large")
with story:
    if item["teaser"]:
        st.markdown(f"*{escape_markdown(item['teaser'])}*")
    for paragraph in (item["text"] or "").split("\n\n"):
        st.markdown(escape_markdown(paragraph))
    if not item["text"]:
        st.info("This record has no body text (e.g. a GDELT entry); only its metadata is kept.")
    for credit in item["credits"]:
        st.caption(escape_markdown(credit_label(credit)))
with aside:
    st.subheader("Related headlines", anchor=False)
    if len(item["related_headlines"]):
        for headline in item["related_headlines"]:
            st.markdown(f"- {escape_markdown(headline)}")
    else:
        st.caption("None on the page.")
    if item["url"]:
        st.caption(f"URL: {escape_markdown(item['url'])}")
    st.caption(f"From {escape_markdown(item['origin'] or '?')} · id {item['article_id']}")
    if len(item["boilerplate"]):
        with st.expander(f"Removed boilerplate ({len(item['boilerplate'])} lines)"):
            for line in item["boilerplate"]:
                st.text(line)
