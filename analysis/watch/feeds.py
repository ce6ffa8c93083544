"""The feeds to watch, from the command line: URLs, or YAML files listing them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.text import language_code, web_url

FIELDS = ("name", "url", "source", "language")


@dataclass(frozen=True)
class Feed:
    """One feed: its URL, a name to show, the source (outlet) its articles are credited to
    (else the feed's own title) and their language (else the feed's, else detected)."""

    url: str
    name: str | None = None
    source: str | None = None
    language: str | None = None


def read_feeds(items: list[str]) -> list[Feed]:
    """The feeds named by `items`, each an http(s) URL or a YAML file: a list of feeds (or a
    mapping whose `feeds` is one), each a URL or a mapping of FIELDS with at least `url`.
    A feed named twice is watched once; raises ValueError saying which item is wrong."""
    feeds: dict[str, Feed] = {}
    for item in items:
        for feed in [Feed(item)] if web_url(item) else _from_file(Path(item)):
            feeds.setdefault(feed.url, feed)
    return list(feeds.values())


def _from_file(path: Path) -> list[Feed]:
    if not path.is_file():
        raise ValueError(f"{path}: neither an http(s) URL nor a feed list file")
    try:
        listed = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise ValueError(f"{path}: not a YAML feed list: {err}") from None
    if isinstance(listed, dict):
        listed = listed.get("feeds")
    if not isinstance(listed, list):
        raise ValueError(f"{path}: expected a list of feeds (or `feeds:` holding one)")
    return [_feed(entry, where=f"{path} item {number}")
            for number, entry in enumerate(listed, start=1)]


def _feed(entry: object, *, where: str) -> Feed:
    if isinstance(entry, str):
        entry = {"url": entry}
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected a URL or a mapping with keys {list(FIELDS)}")
    unknown = sorted(set(entry) - set(FIELDS))
    if unknown:
        raise ValueError(f"{where}: unknown keys {unknown}; valid: {list(FIELDS)}")
    url = web_url(entry.get("url"))
    if url is None:
        raise ValueError(f"{where}: url {entry.get('url')!r} is not an http(s) address")
    language = entry.get("language")
    code = language_code(str(language)) if language else None
    if language and code is None:
        raise ValueError(f"{where}: language {language!r} is not a language code like 'en'")
    return Feed(url=url, name=_text(entry.get("name")), source=_text(entry.get("source")),
                language=code)


def _text(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None
