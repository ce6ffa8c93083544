"""What every reader receives (a `Source`: one file's name and bytes) and may yield."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from analysis import settings
from analysis.load.decode import decode

Record = dict[str, Any]
"""A partly filled article keyed by `analysis.schema` column names; a missing key is unknown."""


class LoadError(ValueError):
    """A whole file cannot be read; the message says why."""


def field_too_long(fields: Mapping[str, Any]) -> str | None:
    """Why a record cannot be kept when one of its text fields (or list items) is longer than
    the setting max_field_chars, else None. Checked before cleaning, which would take minutes
    and gigabytes over a field of 50 MiB."""
    limit = int(settings.get("max_field_chars"))
    for name, value in fields.items():
        items = value if isinstance(value, (list, tuple)) else [value]
        longest = max((len(item) for item in items if isinstance(item, str)), default=0)
        if longest > limit:
            return (f"field {name!r} is {longest:,} characters, over the {limit:,}-character "
                    "limit for one field (setting max_field_chars, env PRESSLENS_MAX_FIELD_CHARS)")
    return None


@dataclass(frozen=True)
class Reject:
    """A file or record that was not loaded, and why."""

    file: str
    record: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file if self.record is None else f"{self.file} record {self.record}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Source:
    """One input: its display name (e.g. ``news.zip!2024/a.json``) and its raw bytes."""

    name: str
    data: bytes
    _text: list[str] = field(default_factory=list, repr=False, compare=False)

    def text(self) -> str:
        """The bytes decoded (encoding detected, mojibake repaired); computed once."""
        if not self._text:
            self._text.append(decode(self.data, name=self.name))
        return self._text[0]

    def origin(self, record: int | str | None = None) -> str:
        """The `origin` value of a record of this source: ``file#record``."""
        return self.name if record is None else f"{self.name}#{record}"
