"""One web request within its limits, against a server the test starts on 127.0.0.1."""

from __future__ import annotations

import gzip
import time

import pytest

from analysis.load.web import Client, FetchError, Limits, retry_after
from analysis.settings import MIB
from tests.web_server import Reply


def limits(**changed: float) -> Limits:
    options = {"timeout_s": 5.0, "retries": 2, "backoff_s": 0.0, "retry_after_max_s": 5.0,
               "max_bytes": MIB, "max_redirects": 3, **changed}
    return Limits(**options)  # type: ignore[arg-type]


def test_an_answer_comes_with_the_user_agent_and_its_contact(site):
    site.routes["/a"] = Reply(200, b"hello")
    answer = Client().get(site.url("/a"))
    assert (answer.status, answer.body) == (200, b"hello")
    assert site.seen[0].headers["user-agent"].startswith("PressLens/")
    assert "tests@example.org" in site.seen[0].headers["user-agent"]


def test_301_and_302_chains_are_followed_to_the_end(site):
    site.routes["/old"] = Reply(301, headers={"Location": "/older"})
    site.routes["/older"] = Reply(302, headers={"Location": site.url("/new")})
    site.routes["/new"] = Reply(200, b"moved here")
    answer = Client(limits()).get(site.url("/old"))
    assert (answer.url, answer.body) == (site.url("/new"), b"moved here")


def test_a_redirect_loop_fails_and_says_so(site):
    site.routes["/a"] = Reply(302, headers={"Location": "/b"})
    site.routes["/b"] = Reply(302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="redirect loop"):
        Client(limits()).get(site.url("/a"))
    assert len(site.seen) == 2


def test_a_chain_longer_than_the_limit_fails(site):
    for number in range(6):
        site.routes[f"/{number}"] = Reply(301, headers={"Location": f"/{number + 1}"})
    with pytest.raises(FetchError, match="more than 3 redirects"):
        Client(limits()).get(site.url("/0"))
    assert len(site.seen) == 4


def test_404_fails_at_once_without_a_retry(site):
    with pytest.raises(FetchError, match="HTTP 404"):
        Client(limits()).get(site.url("/missing"))
    assert len(site.seen) == 1


def test_500_is_retried_then_fails_with_the_number_of_tries(site):
    site.routes["/down"] = Reply(500, b"oops")
    with pytest.raises(FetchError, match=r"HTTP 500 .*after 3 tries"):
        Client(limits()).get(site.url("/down"))
    assert len(site.requests_to("/down")) == 3


def test_503_with_a_short_retry_after_is_waited_out(site):
    answers = iter([Reply(503, headers={"Retry-After": "0"}), Reply(200, b"back")])
    site.routes["/busy"] = lambda headers: next(answers)
    assert Client(limits()).get(site.url("/busy")).body == b"back"
    assert len(site.requests_to("/busy")) == 2


def test_503_with_a_long_retry_after_gives_up_and_says_until_when(site):
    site.routes["/busy"] = Reply(503, headers={"Retry-After": "3600"})
    with pytest.raises(FetchError, match="asks to wait 3600 s") as raised:
        Client(limits()).get(site.url("/busy"))
    assert raised.value.retry_at is not None
    assert len(site.requests_to("/busy")) == 1


def test_a_slow_server_times_out(site):
    site.routes["/slow"] = Reply(200, b"late", delay_s=2.0)
    with pytest.raises(FetchError, match="no answer within 0.3 s"):
        Client(limits(timeout_s=0.3, retries=0)).get(site.url("/slow"))


def test_a_gzip_bomb_is_stopped_at_the_limit(site):
    bomb = gzip.compress(b"\0" * (20 * MIB))  # about 20 KiB sent
    site.routes["/bomb"] = Reply(200, bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="decompresses to over 1 MiB"):
        Client(limits()).get(site.url("/bomb"))


def test_a_gzipped_answer_within_the_limit_is_read(site):
    site.routes["/z"] = Reply(200, gzip.compress(b"news " * 1000),
                              headers={"Content-Encoding": "gzip"})
    assert Client(limits()).get(site.url("/z")).body == b"news " * 1000


def test_an_oversize_page_with_its_length_declared_is_refused_unread(site):
    site.routes["/big"] = Reply(200, b"x" * (2 * MIB))
    with pytest.raises(FetchError, match="2,097,152 bytes, over 1 MiB"):
        Client(limits()).get(site.url("/big"))


def test_a_50_mb_page_without_a_length_is_cut_off_at_the_limit(site):
    def fifty_megabytes(out) -> None:
        for _ in range(50):
            out.write(b"y" * MIB)

    site.routes["/endless"] = Reply(200, fifty_megabytes)
    with pytest.raises(FetchError, match="the answer is over 1 MiB"):
        Client(limits()).get(site.url("/endless"))


@pytest.mark.parametrize(("header", "seconds"), [("120", 120.0), (None, None), ("soon", None),
                                                 ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)])
def test_retry_after_reads_seconds_or_a_date(header, seconds):
    assert retry_after(header) == seconds


def test_an_answer_trickling_in_past_the_time_limit_is_given_up(site):
    def trickle(out) -> None:
        for _ in range(100):
            out.write(b"x")
            out.flush()
            time.sleep(0.05)

    site.routes["/trickle"] = Reply(200, trickle)
    with pytest.raises(FetchError, match="took too long to arrive"):
        Client(limits(timeout_s=0.5, retries=0)).get(site.url("/trickle"))


def test_an_answer_that_stalls_mid_body_times_out(site):
    def stall(out) -> None:
        out.write(b"first part")
        out.flush()
        time.sleep(2)

    site.routes["/stall"] = Reply(200, stall)
    with pytest.raises(FetchError, match="no answer within 0.3 s"):
        Client(limits(timeout_s=0.3, retries=0)).get(site.url("/stall"))


def test_an_answer_cut_short_is_retried_then_fails(site):
    site.routes["/cut"] = Reply(200, lambda out: out.write(b"ten bytes!"),
                                headers={"Content-Length": "1000"})
    with pytest.raises(FetchError, match=r"connection failed: .*after 3 tries"):
        Client(limits()).get(site.url("/cut"))
    assert len(site.requests_to("/cut")) == 3


def test_a_post_sends_its_body_and_follows_no_redirect(site):
    """A webhook: the body arrives as sent; one that moved is a failure to fix, not followed
    (a POST turned into a GET elsewhere would lose it)."""
    site.routes["/hook"] = Reply(204)
    answer = Client(limits()).post(site.url("/hook"), body=b'{"a": 1}',
                                   headers={"Content-Type": "application/json"})
    assert answer.status == 204
    (seen,) = site.requests_to("/hook")
    assert seen.body == b'{"a": 1}' and seen.headers["content-type"] == "application/json"
    site.routes["/moved"] = Reply(301, headers={"Location": "/hook"})
    with pytest.raises(FetchError, match="HTTP 301 to a POST"):
        Client(limits()).post(site.url("/moved"), body=b"{}")
    assert len(site.requests_to("/hook")) == 1


def test_a_post_answered_503_is_retried_like_a_get(site):
    site.routes["/hook"] = Reply(503)
    with pytest.raises(FetchError, match=r"HTTP 503 .*\(after 3 tries\)"):
        Client(limits()).post(site.url("/hook"), body=b"{}")
    assert len(site.requests_to("/hook")) == 3
