"""Start the browser loading Streamlit's chart code before the page has a chart to draw.

Streamlit's frontend fetches the module that draws Plotly charts (4.7 MB) only when the first
chart's data arrives, then compiles it: on a first visit that adds ~1.5 s to the first chart.
Asked for at the top of every run, it loads while the page imports and queries.
This module imports only Streamlit, so the app can call it before its heavier imports.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import streamlit as st


@functools.cache
def plotly_module() -> str | None:
    """File name of this Streamlit's frontend module for Plotly charts (None if not one)."""
    js = Path(st.__file__).parent / "static" / "static" / "js"
    found = sorted(js.glob("PlotlyChart.*.js"))
    return found[0].name if len(found) == 1 else None


def script(module: str) -> str:
    """A module script importing `module` from beside the app's own entry module, the URL the
    frontend itself imports it from (whatever the server's base path), so it runs once; and a
    style that takes its element out of the layout (it would add a gap at the top)."""
    return ("<style>.stElementContainer:has(script[data-chart-preload]) {display: none}</style>"
            '<script type="module" data-chart-preload>'
            "const app = document.querySelector('script[type=module][src*=\"/static/js/index.\"]');"
            f"if (app) import(new URL({json.dumps(module)}, app.src).href);"
            "</script>")


def chart_code() -> None:
    """Have the browser fetch and compile the chart module (once: on later runs the element is
    unchanged and the browser has the module).

    The script is a constant built from a file name in Streamlit's own package: no article,
    user or request content reaches it.
    """
    module = plotly_module()
    if module is None:
        return
    st.html(script(module), unsafe_allow_javascript=True)
