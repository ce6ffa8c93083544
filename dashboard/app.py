"""PressLens dashboard entry point: page setup and navigation (run with `presslens dashboard`)."""

import streamlit as st

st.set_page_config(page_title="PressLens", page_icon=":newspaper:", layout="wide")

pages = [
    st.Page("pages/articles.py", title="Articles", icon=":material/article:", default=True),
]
st.navigation(pages).run()
