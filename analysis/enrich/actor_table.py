"""The actor table: built-in actors.yaml merged with the analyst's own file, one row per actor."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis import settings
from analysis.schema import ACTOR_TYPES

BUILTIN_ACTORS = Path(__file__).resolve().parents[1] / "resources" / "actors.yaml"

# columns of the actor table (not a store table: the store records only actors_version)
TABLE_COLUMNS = ("id", "name", "type", "country_code", "aliases", "role", "stands_for",
                 "dateline_aliases", "formerly", "historic", "source")
SECTIONS = {"countries": "country", "places": "place", "organisations": "organisation",
            "organizations": "organisation", "people": "person", "groups": "group",
            "actors": None}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser reads the file 10x faster
ENTRY_KEYS = {"id", "name", "type", "country_code", "aliases", "not_aliases", "role", "demonyms",
              "capital", "cities", "formerly", "historic", "stands_for", "dateline_aliases"}


def slug(name: str) -> str:
    """`name` as an id: ASCII, lower case, dashes ("Nuri al-Maliki" -> "nuri-al-maliki")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def read_actor_file(path: str | Path) -> pd.DataFrame:
    """The actor rows of one YAML actors file; capitals and cities become rows of their own."""
    path = Path(path)
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ValueError(f"actors file {path}: cannot be read: {err}") from None
    if not isinstance(document, Mapping):
        raise ValueError(f"actors file {path}: expected sections {sorted(SECTIONS)} at the top")
    unknown = sorted(set(document) - set(SECTIONS))
    if unknown:
        raise ValueError(
            f"actors file {path}: unknown sections {unknown}; valid: {sorted(SECTIONS)}")
    source = "builtin" if path.resolve() == BUILTIN_ACTORS else str(path)
    rows: list[dict[str, Any]] = []
    for section, default_type in SECTIONS.items():
        for number, entry in enumerate(document.get(section) or [], start=1):
            where = f"actors file {path}, {section} entry {number}"
            rows.extend(expand_entry(entry, default_type=default_type, where=where,
                                     source=source))
    return actor_frame(rows)


def expand_entry(entry: Mapping[str, Any], *, default_type: str | None, where: str,
                 source: str) -> list[dict[str, Any]]:
    """One YAML entry as table rows: the actor itself, then a place per capital and city."""
    if not isinstance(entry, Mapping) or not entry.get("name"):
        raise ValueError(f"{where}: an entry needs at least a name, got {entry!r}")
    unknown = sorted(set(entry) - ENTRY_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown keys {unknown}; valid: {sorted(ENTRY_KEYS)}")
    kind = entry.get("type") or default_type
    if kind not in ACTOR_TYPES:
        raise ValueError(f"{where}: type {kind!r} is not one of {list(ACTOR_TYPES)}")
    name = str(entry["name"])
    actor_id = str(entry.get("id") or slug(name))
    code = entry.get("country_code") or (actor_id if kind == "country" else None)
    aliases = _strings(entry.get("aliases")) + _strings(entry.get("demonyms"))
    row = {"id": actor_id, "name": name, "type": kind, "country_code": code,
           "aliases": _unique([name, *aliases]), "not_aliases": _strings(entry.get("not_aliases")),
           "role": entry.get("role"), "stands_for": entry.get("stands_for"),
           "dateline_aliases": _strings(entry.get("dateline_aliases")),
           "formerly": {str(k): str(v) for k, v in (entry.get("formerly") or {}).items()},
           "historic": bool(entry.get("historic", False)), "source": source}
    rows = [row]
    for key, stands in (("capital", True), ("cities", False)):
        for place in entry.get(key) or []:
            names = _strings(place)
            rows.append({"id": f"{actor_id}/{slug(names[0])}", "name": names[0], "type": "place",
                         "country_code": code, "aliases": names, "not_aliases": [],
                         "role": None, "stands_for": actor_id if stands else None,
                         "dateline_aliases": [], "formerly": {}, "historic": False,
                         "source": source})
    return rows


def _strings(value: Any) -> list[str]:
    """A YAML scalar or list as a list of non-empty strings."""
    if value is None:
        return []
    values = value if isinstance(value, list | tuple) else [value]
    return [str(v).strip() for v in values if str(v).strip()]


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def actor_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as an actor table with TABLE_COLUMNS (plus not_aliases while merging)."""
    columns = [*TABLE_COLUMNS, "not_aliases"]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("aliases", "dateline_aliases", "not_aliases"):
        frame[column] = [list(v) if isinstance(v, list) else [] for v in frame[column]]
    frame["formerly"] = [dict(v) if isinstance(v, dict) else {} for v in frame["formerly"]]
    frame["historic"] = pd.Series([v is True for v in frame["historic"]], index=frame.index,
                                  dtype=bool)
    for column in ("country_code", "role", "stands_for", "source"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def merge_actor_tables(base: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """`base` with `extra` laid over it: a known id gains aliases and the fields `extra` gives
    (`not_aliases` removes aliases); a new id is appended."""
    base = actor_frame(base.to_dict("records"))
    extra = actor_frame(extra.to_dict("records"))
    position = {actor_id: i for i, actor_id in enumerate(base["id"])}
    rows = base.to_dict("records")
    for new in extra.to_dict("records"):
        if new["id"] not in position:
            position[new["id"]] = len(rows)
            rows.append({**new, "aliases": [a for a in new["aliases"]
                                            if a not in new["not_aliases"]]})
            continue
        old = rows[position[new["id"]]]
        dropped = set(new["not_aliases"])
        merged = {key: (new[key] if _given(new[key]) else old[key]) for key in old}
        merged["aliases"] = [a for a in _unique([*old["aliases"], *new["aliases"]])
                             if a not in dropped]
        merged["dateline_aliases"] = _unique([*old["dateline_aliases"], *new["dateline_aliases"]])
        rows[position[new["id"]]] = merged
    return actor_frame(rows)


def _given(value: Any) -> bool:
    """Whether an overriding entry gives a value for a field (not None, empty or False)."""
    if isinstance(value, list | dict | str):
        return bool(value)
    return value is not None and value is not False and not (
        isinstance(value, float) and pd.isna(value))


def user_actors_path() -> str | None:
    """The analyst's actors file named by the `actors_file` setting (PRESSLENS_ACTORS_FILE)."""
    value = settings.get("actors_file")
    return str(value) if value else None


def load_actors(path: str | Path | None = None) -> pd.DataFrame:
    """The built-in actors merged with the analyst's file (`path`, else setting `actors_file`)."""
    table = read_actor_file(BUILTIN_ACTORS)
    user = path if path is not None else user_actors_path()
    if user:
        if not Path(user).is_file():
            raise ValueError(f"actors file {user} not found (from the path given or "
                             "PRESSLENS_ACTORS_FILE)")
        table = merge_actor_tables(table, read_actor_file(user))
    duplicated = table["id"][table["id"].duplicated()].tolist()
    if duplicated:
        raise ValueError(f"actor ids must be unique; repeated: {duplicated[:5]}")
    return table.drop(columns="not_aliases")


def actors_version(actors: pd.DataFrame) -> str:
    """A stable hash of the actor table's content: it changes when any actor or alias changes."""
    columns = [c for c in TABLE_COLUMNS if c in actors.columns and c != "source"]
    records = actors[columns].to_dict("records")
    text = json.dumps(records, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_SECTION_OF = {"country": "countries", "place": "places", "organisation": "organisations",
               "person": "people", "group": "groups"}


def actors_to_yaml(actors: pd.DataFrame) -> str:
    """An actor table as the text of an actors file (sections by type; empty keys left out)."""
    document: dict[str, list[dict[str, Any]]] = {}
    for row in actor_frame(actors.to_dict("records")).to_dict("records"):
        entry = {key: row[key] for key in ("id", "name", "country_code", "aliases", "role",
                                           "stands_for", "dateline_aliases", "formerly",
                                           "historic") if _given(row[key])}
        document.setdefault(_SECTION_OF[row["type"]], []).append(entry)
    header = "# PressLens actors file (format: docs/actors.md)\n"
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def write_actor_file(actors: pd.DataFrame, path: str | Path) -> None:
    """Write an actor table as an actors file at `path` (replacing it)."""
    Path(path).write_text(actors_to_yaml(actors), encoding="utf-8")
