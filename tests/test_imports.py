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
        "import analysis.aggregate, analysis.explore, analysis.figures, analysis.query",
        {"sklearn", "textblob", "nltk", "scipy"}) == "[]"


def test_the_command_line_imports_no_data_library_before_starting_the_dashboard():
    """`presslens dashboard` becomes the Streamlit server; pandas and DuckDB first would delay
    every start by ~0.4 s. The data commands import them when they run."""
    assert loaded_among("import analysis.cli\nanalysis.cli.build_parser()",
                        {"pandas", "duckdb", "numpy", "pyarrow", "tqdm"}) == "[]"


@pytest.mark.parametrize("first", ["", "import analysis.analyze", "import analysis.ingest"])
def test_analysis_analyze_is_the_function_however_it_was_imported(first):
    assert run(f"{first}\nimport analysis\nfrom analysis import analyze\n"
               "print(analysis.analyze is analyze, callable(analysis.analyze),"
               " analysis.load_articles.__module__)") == "True True analysis.articles"
