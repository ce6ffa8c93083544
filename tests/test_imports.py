"""What importing the package costs: the dashboard's modules leave the enrichment models alone."""

import subprocess
import sys

import pytest


def run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    return done.stdout.strip()


def loaded_among(code: str, packages: set[str]) -> str:
    """Which of `packages` a fresh interpreter has imported after running `code`."""
    return run(f"import sys\n{code}\n"
               f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {packages!r}))")


def test_the_dashboard_pages_do_not_import_scikit_learn_textblob_or_nltk():
    """They would add ~2 s to the first page after a start (docs/performance.md)."""
    assert loaded_among(
        "import dashboard.data, dashboard.sidebar, dashboard.panels, dashboard.drill\n"
        "import analysis.store, analysis.figures, analysis.query",
        {"sklearn", "textblob", "nltk", "scipy"}) == "[]"


def test_the_command_line_imports_no_data_library_before_starting_the_dashboard():
    """`presslens dashboard` becomes the Streamlit server; pandas and DuckDB first would delay
    every start by ~0.4 s. The data commands import them when they run."""
    assert loaded_among("import analysis.cli\nanalysis.cli.build_parser()",
                        {"pandas", "duckdb", "numpy", "pyarrow", "tqdm"}) == "[]"


@pytest.mark.parametrize("first", ["", "import analysis.pipeline",
                                   "import analysis.store.ingest"])
def test_the_packages_names_are_the_functions_however_it_was_imported(first):
    """No module of the package is named like a function it offers (`analysis.analyze` was
    once both): each name means one thing whatever was imported before."""
    assert run(f"{first}\nimport analysis\nfrom analysis import analyze, ingest\n"
               "print(analysis.analyze is analyze, analysis.ingest is ingest,"
               " analysis.load_articles.__module__)") == "True True analysis.clean.articles"


def test_each_stage_imports_only_from_the_stages_before_it():
    """Data flows one way: load → clean → enrich → pipeline → store → query → figures."""
    import ast
    from pathlib import Path

    order = ["load", "clean", "enrich", "pipeline", "store", "watch", "query", "alerts", "figures"]
    root = Path(__file__).resolve().parents[1] / "analysis"
    backwards = []
    for stage in order:
        for path in (root / stage).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                        "analysis."):
                    other = node.module.split(".")[1]
                    if other in order and order.index(other) > order.index(stage):
                        backwards.append(f"{path.relative_to(root)} imports {node.module}")
    assert backwards == []
