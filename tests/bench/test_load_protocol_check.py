"""bench/load_protocol_check.py: the protocol client sends, step by step, what Chromium sends."""

import os
from unittest import mock

import pytest

from bench.load_protocol_check import check, explained, unexplained
from tests.bench.conftest import run_apart
from tests.browser.conftest import chromium_path, dashboard_server

pytestmark = [pytest.mark.browser, pytest.mark.corpora]
KINDS = ["open", "pick", "page", "pick", "search", "dates", "page", "page", "page", "clear",
         "page", "link"]


def test_the_protocol_client_sends_what_chromium_sends(store_1987, tmp_path):
    chromium_path()
    log = tmp_path / "server.log"
    with mock.patch.dict(os.environ, {"PRESSLENS_SLOW_RUN_S": "0.000001"}), \
            dashboard_server(store_1987, output=log) as url:
        report = run_apart(check(url, store_1987, log=log, repeat=1, warmup=False, pin=False))
    (steps,) = report["rounds"]
    assert [row["step"].split()[0] for row in steps] == KINDS
    # one rerun request each, the same message: widget states, page, query string, the
    # hashes of cached messages, the browser's context (cached hashes may differ only after
    # the server sent the two different messages to cache)
    assert unexplained(steps) == [], steps
    for row in steps:
        assert row["sent"] == {"chromium": 1, "protocol": 1}, row
        # the Topics page mines its text beside the run and reruns a fragment on a timer until
        # the answer is there: both clients' timers fired, as often as the mining took, the
        # same message (compared above)
        if row["step"] == "page Topics":
            assert row["auto_reruns"]["chromium"] > 0 and row["auto_reruns"]["protocol"] > 0, row
        # both waited for the run to finish, which the server logged
        assert row["seconds"]["chromium"] > 0 and row["seconds"]["protocol"] > 0, row
        assert row["server_run_s"]["chromium"] > 0 and row["server_run_s"]["protocol"] > 0, row
    assert report["same_messages"]


def _row(step: str, differences: list[str], *, alike: bool = True) -> dict:
    return {"step": step, "differences": differences, "answered_alike": alike,
            "sent": {"chromium": 1, "protocol": 1}}


def test_cached_hashes_may_differ_only_after_the_server_answered_differently():
    hashes = ["[0].rerunScript.cachedMessageHashes[0]: Chromium 'a', protocol 'b'"]
    widgets = ["[0].rerunScript.widgetStates.widgets[1].stringValue: Chromium '', protocol 'x'"]
    rows = [_row("open", []), _row("pick", hashes), _row("page", [], alike=False),
            _row("search", hashes), _row("dates", widgets)]
    assert explained(rows) == ["search"]
    assert unexplained(rows) == ["pick", "dates"]
