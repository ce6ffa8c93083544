"""The `presslens` command as a user runs it: ingest, stats --json, errors."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.browser.conftest import free_port, serving

PRESSLENS = Path(sys.executable).with_name("presslens")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(PRESSLENS), *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_console_script_is_installed():
    assert PRESSLENS.exists(), "pip install -e . should install the presslens command"


def test_ingest_then_stats(tmp_path, sample_path):
    store = tmp_path / "news.duckdb"
    first = run("ingest", str(sample_path), "--store", str(store), "--quiet")
    assert first.returncode == 0, first.stderr
    assert "1 new, 0 duplicate, 0 rejected" in first.stdout
    second = run("ingest", str(sample_path), "--store", str(store), "--quiet")
    assert "0 new, 1 duplicate, 0 rejected" in second.stdout
    stats = run("stats", "--store", str(store), "--json")
    numbers = json.loads(stats.stdout)
    assert numbers["articles"] == 1 and numbers["undated"] == 1
    assert numbers["sources"] == {"Reuters": 1} and numbers["first_published"] is None
    said = run("stats", "--store", str(store)).stdout  # it printed "published: None … None"
    assert "published: no article states a date" in said and "None" not in said


def test_rejects_are_listed_with_reasons(tmp_path):
    (tmp_path / "broken.jsonl").write_text('{"title": "ok", "text": "fine text"}\n{oops\n')
    result = run("ingest", str(tmp_path), "--store", str(tmp_path / "s.duckdb"), "--quiet")
    assert result.returncode == 0
    assert "1 new, 0 duplicate, 1 rejected" in result.stdout
    assert f"rejected {tmp_path / 'broken.jsonl'} record 2:" in result.stdout


def test_column_mapping(tmp_path):
    (tmp_path / "export.csv").write_text("headline,story,pubDate\nTalks,The talks ended.,"
                                         "2007-05-28\nMore,Another one.,2007-05-29\n")
    store = tmp_path / "s.duckdb"
    result = run("ingest", str(tmp_path / "export.csv"), "--store", str(store), "--quiet",
                 "--map", "title=headline", "--map", "text=story",
                 "--map", "published_at=pubDate")
    assert "2 new" in result.stdout, result.stdout + result.stderr
    numbers = json.loads(run("stats", "--store", str(store), "--json").stdout)
    assert numbers["first_published"].startswith("2007-05-28")
    said = run("stats", "--store", str(store)).stdout
    assert "published: 2007-05-28 00:00 UTC … 2007-05-29 00:00 UTC" in said


def test_bad_map_argument_is_explained(tmp_path, sample_path):
    result = run("ingest", str(sample_path), "--store", str(tmp_path / "s"), "--map", "title")
    assert result.returncode != 0 and "OUR_COLUMN=THEIR_COLUMN" in result.stderr


def test_search_prints_the_matches_and_json(tmp_path, sample_path):
    store = tmp_path / "news.duckdb"
    assert run("ingest", str(sample_path), "--store", str(store), "--quiet").returncode == 0
    found = run("search", '"car bomb" AND (Iran OR Iraq) -zzz', "--store", str(store))
    assert found.returncode == 0, found.stderr
    lines = found.stdout.splitlines()
    assert lines[0].startswith("1 article matches: articles matching")
    assert "U.S. tells Iran" in lines[1] and lines[1].startswith("undated")
    data = json.loads(run("search", "militias", "--store", str(store), "--json").stdout)
    assert data["query"] == "militias" and data["articles"] == 1
    assert set(data["results"][0]) == {"article_id", "title", "source", "published_at"}
    none = json.loads(run("search", "militia", "--from", "2000-01-01", "--store", str(store),
                          "--json").stdout)
    assert none == {"query": "militia", "articles": 0, "results": []}


@pytest.mark.parametrize(("query", "message"), [
    ('iran "car', "this quote is never closed (at character 6)"),
    ("iran AND", "AND needs a search term after it (at character 6)"),
    ("(iran", "this parenthesis is never closed (at character 1)"),
])
def test_a_malformed_search_exits_2_with_one_line(tmp_path, sample_path, query, message):
    store = tmp_path / "news.duckdb"
    result = run("search", query, "--store", str(store))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"presslens search: {query!r}: {message}\n"


def test_stats_without_a_store_is_a_clear_error(tmp_path):
    result = run("stats", "--store", str(tmp_path / "none.duckdb"))
    assert result.returncode == 1 and "no store here yet" in result.stderr


@pytest.mark.corpora
def test_actors_import_writes_the_users_actor_file(corpora_dir, tmp_path):
    target = tmp_path / "my-actors.yaml"
    dictionary = corpora_dir / "petrarch" / "Phoenix.MilNonState.actors.txt"
    result = run("actors", "import", str(dictionary), "--actors-file", str(target))
    assert result.returncode == 0, result.stderr
    assert target.is_file() and "actors written" in result.stdout
    from analysis.enrich.actor_table import load_actors

    mine = load_actors(target)
    assert len(mine) > len(load_actors())  # the built-in actors plus the imported groups


def test_a_stopped_dashboard_leaves_no_server_running(tmp_path, sample_path):
    """`kill PID` of `presslens dashboard` (as a user or a service manager does) stops the
    Streamlit server too: none keeps the port without its parent."""
    store = tmp_path / "news.duckdb"
    assert run("ingest", str(sample_path), "--store", str(store), "-q").returncode == 0
    port = free_port()
    server = subprocess.Popen([str(PRESSLENS), "dashboard", "--store", str(store),
                               "--server.headless", "true", "--server.port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        assert serving(f"http://127.0.0.1:{port}", server, timeout=60), "did not start"
        os.kill(server.pid, signal.SIGTERM)  # the process started, not its group
        server.wait(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) != 0:
                    break
            time.sleep(0.2)
        else:
            pytest.fail(f"a server still listens on port {port} after its command stopped")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)  # anything left of its group


def test_ingest_says_what_the_articles_lacked_and_takes_a_source_and_a_day_order(tmp_path):
    rows = [{"title": "Talks resume", "text": "Envoys met on Monday.", "date": "12/06/1987"},
            {"title": "Markets calm"}, {"title": "Dated far ahead", "text": "x",
                                        "date": "2091-01-01"}]
    (tmp_path / "export.json").write_text(json.dumps(rows))
    store = tmp_path / "s.duckdb"
    result = run("ingest", str(tmp_path / "export.json"), "--store", str(store), "--quiet",
                 "--source", "Gulf Wire", "--dayfirst")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (f"{store}: 3 new, 0 duplicate, 0 rejected (ingest 1; presslens remove "
                        "--ingest 1 undoes it)")
    assert lines[1:] == [
        "  2 had no date, 1 no body (tone from the title alone)",
        "  1 ambiguous date, e.g. 12/06/1987 read day first, as 12 Jun 1987",
        f"  date not believable, left missing: {tmp_path / 'export.json'} record 3: "
        "2091-01-01 is in the future"]
    numbers = json.loads(run("stats", "--store", str(store), "--json").stdout)
    assert numbers["sources"] == {"Gulf Wire": 3}
    assert numbers["first_published"].startswith("1987-06-12")
    both = run("ingest", "x.json", "--dayfirst", "--monthfirst")
    assert both.returncode != 0 and "not allowed with argument" in both.stderr


@pytest.mark.corpora
def test_gdelt_records_without_title_or_body_are_said_to_have_no_tone(corpora_dir, tmp_path):
    # a GKG record names a page but carries neither its title nor its text: no tone at all,
    # where the summary used to say "tone from the title alone" of every one of them
    store = tmp_path / "s.duckdb"
    result = run("ingest", str(corpora_dir / "gdelt" / "gkg2samp.csv"), "--store", str(store),
                 "--quiet")
    assert result.returncode == 0, result.stderr
    said = result.stdout.splitlines()[1]
    assert "no body nor title (no tone)" in said and "title alone" not in said, said
