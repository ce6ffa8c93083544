"""bench/load_common.py: the server's logged runs read back and given to the actions that
caused them."""

from datetime import datetime

from bench.load_common import logged_runs, read_runs, run_cpu

LOG = """\
2026-12-06 22:00:01,200 WARNING slow run: Overview page, 0.400 s, cpu 0.300 s, session A
2026-12-06 22:00:01,300 WARNING slow run: Overview page, 0.350 s, cpu 0.250 s, session B
2026-12-06 22:00:07,100 WARNING slow run: Topics page, 0.500 s, cpu 0.200 s, session A
2026-12-06 22:00:08,100 WARNING slow run: Topics fragment page, 0.010 s, cpu 0.010 s, session A
2026-12-06 22:00:08,900 WARNING slow run: Topics mining (background) page, 2.0 s, cpu 1.5 s, \
session A
2026-12-06 22:00:09,100 WARNING slow run: Topics page, 0.300 s, cpu 0.150 s, session A
2026-12-06 22:00:12,000 WARNING slow run: Tone page, 0.300 s
some other line of the server's log
2026-12-06 22:00:15,000 WARNING slow run: Tone page, 0.100 s, cpu 0.100 s, session C
"""


def at(seconds: float) -> float:
    """The log's clock is the server's local time, as is this naive datetime's."""
    return datetime(2026, 12, 6, 22, 0, 0).timestamp() + seconds


def test_each_logged_run_is_read_with_its_cpu_and_session(tmp_path):
    log = tmp_path / "server.log"
    log.write_text(LOG)
    runs = read_runs(log)
    assert [(r.page, r.seconds, r.cpu_s, r.session) for r in runs[:3]] == [
        ("Overview", 0.4, 0.3, "A"), ("Overview", 0.35, 0.25, "B"), ("Topics", 0.5, 0.2, "A")]
    assert runs[6].cpu_s is None and runs[6].session == ""  # a line before the CPU was logged
    assert len(runs) == 8
    # the page runs, without the work a run handed to a background thread
    assert [page for page, _, _ in logged_runs(log)] == [
        "Overview", "Overview", "Topics", "Topics fragment", "Topics", "Tone", "Tone"]


def test_an_action_gets_the_runs_of_its_session_until_the_next_action(tmp_path):
    log = tmp_path / "server.log"
    log.write_text(LOG)
    runs = read_runs(log)
    # user 1: the Overview (session A), Topics with its fragment's rerun, the text mining its
    # run started and the full run that followed, then a shared link that opened session C;
    # user 2 opened the Overview only
    assert run_cpu([("A", at(0.5)), ("A", at(6.5)), ("C", at(14.0))], runs) == [
        0.3, 1.86, 0.1]
    assert run_cpu([("B", at(0.9))], runs) == [0.25]
    assert run_cpu([("B", at(2.0))], runs) == [None]  # nothing of it was logged
