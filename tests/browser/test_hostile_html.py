"""Article text is shown as text, never run: a hostile article in the reader, in Chromium.

The article is a scraped page (.txt), the format that keeps markup in its text as it is; its
title and body hold scripts, event handlers, javascript: links, an iframe, an SVG and Markdown
tricks. In the browser none of it may become an element or run, and all of it must be readable.
"""

from __future__ import annotations

import ast

import pytest

from tests.browser.conftest import REPO, dashboard_server, entered, screenshot, wait_until_idle

ATTACKS = [
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=1;alert(2)">',
    '<a href="javascript:window.__pwned=1">click me</a>',
    '<iframe src="javascript:alert(3)"></iframe>',
    '<svg onload="window.__pwned=1;alert(4)"></svg>',
    "[markdown link](javascript:window.__pwned=1)",
    "![beacon](http://127.0.0.1:9/beacon.png)",
    # addresses and icon codes that Markdown made links and icons of, escaped or not
    "https://evil.example/login?next=1", "www.evil.example", "bob@evil.example",
    "mailto:eve@evil.example", ":material/warning:",
]
TITLE = ("Harbour talks end <img src=x onerror=alert(5)><script>alert(6)</script> "
         ":material/verified: http://evil.example")
PAGE = (f"{TITLE}\n\nRotterdam, Monday\n\n"
        "Dock workers in Rotterdam returned to work on Monday after the talks ended with a "
        f"deal. {' '.join(ATTACKS)} The port authority said the new offer would cost more than "
        "it had planned.\n\n"
        f"Union leaders said members would vote on the offer next week. {ATTACKS[0]} "
        "Shipping lines welcomed the end of the strike.\n")

# elements or attributes in the page that only the article's markup could have made
INJECTED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const found = [];
  for (const el of app.querySelectorAll('img[src="x"], img[src*="beacon"], iframe, svg[onload]'))
    found.push(el.outerHTML.slice(0, 80));
  for (const el of document.querySelectorAll('a[href^="javascript" i]'))
    found.push(el.outerHTML.slice(0, 80));
  for (const el of document.querySelectorAll('[data-testid="stMain"] a[href*="evil.example"]'))
    found.push(el.outerHTML.slice(0, 80));
  for (const el of document.querySelectorAll('script'))
    if (el.textContent.includes('__pwned')) found.push(el.outerHTML.slice(0, 80));
  for (const el of app.querySelectorAll('*'))
    for (const attr of el.getAttributeNames())
      if (attr.startsWith('on')) found.push(`${el.tagName} ${attr}`);
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    from analysis import store
    from analysis.store.ingest import ingest

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "harbour.txt").write_text(PAGE, encoding="utf-8")
    path = folder / "hostile.duckdb"
    ingest([folder / "harbour.txt"], store=path)
    with store.connect(path) as con:
        article = store.read_articles(con).iloc[0]
    assert article["title"] == TITLE and ATTACKS[0] in article["text"]  # stored as it came
    return path, article["article_id"]


@pytest.mark.browser
def test_hostile_markup_in_an_article_is_shown_as_text(page, hostile_store):
    path, article_id = hostile_store
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with dashboard_server(path) as url:
        page.goto(entered(f"{url}/articles?article={article_id}"))
        wait_until_idle(page)
        page.get_by_text("Union leaders said members would vote").first.wait_for()
        wait_until_idle(page)
        main = page.locator('[data-testid="stMain"]')
        # the invisible word joiners that keep addresses and icon codes text are not content
        shown = main.inner_text().replace("\u2060", "")
        for attack in [TITLE, *ATTACKS]:
            assert attack in shown, f"not shown as text: {attack}"
        assert page.evaluate(INJECTED) == []
        assert page.evaluate("() => window.__pwned") is None
        assert dialogs == []
        screenshot(page, "hostile-reader")


def _dashboard_calls(name: str) -> list[str]:
    """Where dashboard code calls something named `name` (st.html, components.html, …)."""
    found = []
    for file in sorted((REPO / "dashboard").rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            func = getattr(node, "func", None)
            called = getattr(func, "attr", None) or getattr(func, "id", None)
            if isinstance(node, ast.Call) and called == name:
                found.append(f"{file.relative_to(REPO)}:{node.lineno}")
    return found


def test_dashboard_never_lets_html_through():
    """No raw-HTML path in the dashboard: article text can only reach escaped Markdown or text."""
    unsafe = []
    for file in sorted((REPO / "dashboard").rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "unsafe_allow_html":
                unsafe.append(f"{file.relative_to(REPO)}:{node.value.lineno}")
    assert unsafe == [], f"unsafe_allow_html is used at {unsafe}"
    for name in ("iframe", "declare_component"):
        assert _dashboard_calls(name) == [], f"dashboard calls {name}()"
    # one st.html: the chart-code preload, a constant script in a module that imports neither
    # the store nor any other dashboard module, so no article, user or request content reaches it
    assert [call.split(":")[0] for call in _dashboard_calls("html")] == ["dashboard/preload.py"]
    imported = {alias.name.split(".")[0]
                for node in ast.walk(ast.parse((REPO / "dashboard/preload.py").read_text()))
                if isinstance(node, ast.Import | ast.ImportFrom)
                for alias in (node.names if isinstance(node, ast.Import)
                              else [ast.alias(node.module or "")])}
    assert imported <= {"__future__", "functools", "json", "pathlib", "streamlit"}, imported
