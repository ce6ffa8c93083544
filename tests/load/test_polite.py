"""Manners toward a site: requests to it capped and spaced, its robots.txt obeyed."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import pytest

from analysis.load.polite import Robots, Sites, site
from analysis.load.web import Client, FetchError
from tests.web_server import Reply


def in_flight_counter(delay_s: float):
    """A route that answers after `delay_s`, and the most requests it ever had open at once."""
    lock, state = threading.Lock(), {"open": 0, "most": 0}

    def route(headers: dict[str, str]) -> Reply:
        with lock:
            state["open"] += 1
            state["most"] = max(state["most"], state["open"])
        time.sleep(delay_s)
        with lock:
            state["open"] -= 1
        return Reply(200, b"ok")

    return route, state


@pytest.mark.parametrize("per_site", [1, 2])
def test_no_more_requests_than_allowed_are_open_to_one_site(site, per_site):
    route, state = in_flight_counter(0.2)
    site.routes["/a"] = route
    client = Client(turn=Sites(delay_s=0, per_site=per_site).turn)
    with ThreadPoolExecutor(max_workers=6) as pool:
        assert all(answer.body == b"ok"
                   for answer in pool.map(lambda _: client.get(site.url("/a")), range(6)))
    assert state["most"] <= per_site


def test_requests_to_one_site_start_the_delay_apart(site):
    site.routes["/a"] = Reply(200, b"ok")
    sites = Sites(delay_s=0.2, per_site=4)
    starts = []
    for _ in range(3):
        sites.wait(site.url("/a"))
        starts.append(time.monotonic())
    assert all(later - earlier >= 0.19 for earlier, later in pairwise(starts))


def test_sites_are_told_apart_by_scheme_host_and_port():
    assert site("http://Example.org:8080/a?b") == "http://example.org:8080"
    assert site("https://example.org/x") != site("http://example.org/x")


def test_robots_txt_rules_are_obeyed_for_our_token(site):
    site.routes["/robots.txt"] = Reply(200, b"User-agent: PressLens\nDisallow: /private/\n\n"
                                            b"User-agent: *\nDisallow: /\n")
    robots = Robots(Client())
    assert robots.allows(site.url("/news/1"))
    assert not robots.allows(site.url("/private/2"))
    assert len(site.requests_to("/robots.txt")) == 1  # read once, kept


def test_a_missing_robots_txt_allows_everything(site):
    assert Robots(Client()).allows(site.url("/anything"))


def test_an_unreachable_robots_txt_allows_nothing_until_it_can_be_read(site, monkeypatch):
    monkeypatch.setenv("PRESSLENS_FETCH_RETRIES", "0")
    site.routes["/robots.txt"] = Reply(503)
    robots = Robots(Client())
    with pytest.raises(FetchError, match="robots.txt could not be read: HTTP 503"):
        robots.allows(site.url("/news/1"))
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n")
    assert robots.allows(site.url("/news/1"))


def test_a_site_must_allow_one_request_at_least():
    with pytest.raises(ValueError, match="per_site=0"):
        Sites(delay_s=0, per_site=0)
