"""Import Phoenix/PETRARCH (TABARI-format) CAMEO actor dictionaries into the analyst's actors file.

A dictionary has one actor per line, ``NAME_ [CODE date-range]``, its other names on ``+ALIAS``
lines and further codes on indented ``[CODE ...]`` lines; ``#`` starts a comment and
underscores stand for spaces. A CAMEO code starts with the ISO 3166 alpha-3 code of the
actor's country (``IRQGOV``) or a bloc (``IGO``, ``NGO``, ``MNC``), then its role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pycountry

from analysis.enrich.actor_table import (
    BUILTIN_ACTORS,
    TABLE_COLUMNS,
    actor_frame,
    merge_actor_tables,
    read_actor_file,
    slug,
    write_actor_file,
)

_CODE = re.compile(r"\[\s*([~A-Z0-9-]*)\s*([^\]]*)\]")
_GROUP_ROLES = ("REB", "INS", "SEP", "UAF", "RAD")
_LOWER_WORDS = frozenset({"al", "el", "bin", "ibn", "de", "da", "di", "du", "van", "von", "der",
                          "la", "le", "of", "the", "and", "for", "in", "on", "del", "dos", "y"})
_TITLE_WORDS = frozenset({"MR", "MRS", "MS", "DR", "ST", "JR", "SR"})
_COUNTRY_CODES = frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(
    c.alpha_3 for c in pycountry.historic_countries)


@dataclass
class _Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, date range)


def read_cameo_dictionary(path: str | Path) -> pd.DataFrame:
    """The actors of a TABARI-format dictionary as actor-table rows (agents and sets skipped)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as err:
        raise ValueError(f"CAMEO dictionary {path}: cannot be read: {err}") from None
    entries = _entries(lines)
    rows = [row for entry in entries if (row := _row(entry, source=str(path))) is not None]
    if not rows:
        raise ValueError(f"CAMEO dictionary {path}: no actor lines ('NAME_ [CODE]') found")
    return actor_frame(rows).drop(columns="not_aliases")


def _entries(lines: list[str]) -> list[_Entry]:
    """The dictionary's entries: a name line, its +alias lines and its code lines."""
    entries: list[_Entry] = []
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("!"):
            continue
        codes = [(code, dates.strip()) for code, dates in _CODE.findall(line)]
        text = _CODE.sub(" ", line).strip()
        if line[0] in " \t" and not text:
            if entries:
                entries[-1].codes += codes
        elif text.startswith("+"):
            if entries:
                entries[-1].aliases.append(cameo_name(text[1:]))
                entries[-1].codes += codes
        elif text:
            entries.append(_Entry(cameo_name(text), codes=codes))
    return [e for e in entries if e.name and not any(code.startswith("~") for code, _ in e.codes)]


def cameo_name(raw: str) -> str:
    """A dictionary name as written in prose: "NURI_AL-MALIKI_" -> "Nuri al-Maliki"."""
    words = raw.replace("_", " ").split()
    if len(words) == 1 and len(words[0]) <= 4:
        return words[0]  # an acronym: UN, IAEA, NATO
    return " ".join(_cased(word, first=i == 0) for i, word in enumerate(words))


def _cased(word: str, *, first: bool) -> str:
    """One word of a name in title case, keeping particles low and vowel-less acronyms high."""
    if "." in word or word.startswith("(") or (
            len(word) <= 3 and not re.search(r"[AEIOUY]", word) and word not in _TITLE_WORDS):
        return word
    if word.casefold() in _LOWER_WORDS and not first:
        return word.casefold()
    parts = re.split(r"([-'’])", word)
    cased = [p.casefold() if p.casefold() in _LOWER_WORDS and i == 0 and len(parts) > 1
             else p[:1].upper() + p[1:].casefold() for i, p in enumerate(parts)]
    return "".join(cased)


def _row(entry: _Entry, *, source: str) -> dict | None:
    """The actor-table row of an entry, its type and country read from its codes."""
    codes = [(code, dates) for code, dates in entry.codes if code and code != "---"]
    latest = codes[-1][0] if codes else ""
    country = latest[:3] if latest[:3] in _COUNTRY_CODES else None
    if len(latest) == 3 and country and not any(dates for _, dates in codes):
        kind, actor_id = "country", country
    elif any(dates for _, dates in codes) or any(code.endswith("ELI") for code, _ in codes):
        kind, actor_id = "person", slug(entry.name)
    elif any(latest[3:].startswith(role) for role in _GROUP_ROLES):
        kind, actor_id = "group", slug(entry.name)
    else:
        kind, actor_id = "organisation", slug(entry.name)
    if not actor_id:
        return None
    aliases = list(dict.fromkeys([entry.name, *entry.aliases]))
    if kind == "country":  # "IRAQ" is no acronym: a country's one-word names are words
        aliases = [a.title() if a.isupper() and " " not in a else a for a in aliases]
    role = "CAMEO " + ", ".join(f"{c} {d}".strip() for c, d in codes) if codes else None
    return {"id": actor_id, "name": aliases[0], "type": kind, "country_code": country,
            "aliases": list(dict.fromkeys(aliases)), "role": role,
            "stands_for": None, "dateline_aliases": [], "formerly": {}, "historic": False,
            "source": source}


def merge_actors(existing: pd.DataFrame, imported: pd.DataFrame) -> pd.DataFrame:
    """`existing` with imported actors added: an imported actor with a known id only adds
    aliases; an alias another actor already has is not taken from it ("Kabul" stays the
    capital, not an alias of the country)."""
    owner = {alias: actor_id for actor_id, aliases in zip(existing["id"], existing["aliases"],
                                                          strict=True) for alias in aliases}
    known = set(existing["id"])
    rows = []
    for row in imported.to_dict("records"):
        aliases = [a for a in row["aliases"] if owner.get(a, row["id"]) == row["id"]]
        if not aliases:
            continue
        for alias in aliases:
            owner.setdefault(alias, row["id"])
        if row["id"] in known:
            rows.append({"id": row["id"], "aliases": aliases})
        else:
            rows.append({**row, "aliases": aliases})
            known.add(row["id"])
    additions = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    return merge_actor_tables(existing, additions).drop(columns="not_aliases")


def import_cameo(dictionary: str | Path, *, actors_file: str | Path) -> pd.DataFrame:
    """Merge a CAMEO dictionary into the analyst's actors file (created if absent); returns the
    rows written: the file's own actors plus every actor the import added or extended."""
    builtin = read_actor_file(BUILTIN_ACTORS).drop(columns="not_aliases")
    target = Path(actors_file)
    current = builtin if not target.is_file() else merge_actor_tables(
        builtin, read_actor_file(target)).drop(columns="not_aliases")
    merged = merge_actors(current, read_cameo_dictionary(dictionary))
    compared = [c for c in TABLE_COLUMNS if c != "source"]
    before = {row["id"]: row for row in builtin[compared].to_dict("records")}
    changed = merged[[before.get(row["id"]) != row for row in merged[compared].to_dict("records")]]
    write_actor_file(changed, target)
    return changed.reset_index(drop=True)
