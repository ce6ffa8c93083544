"""What every reader receives (a `Source`: one file's name and bytes) and may yield."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from analysis.load.decode import decode

Record = dict[str, Any]
"""A partly filled article keyed by `analysis.schema` column names; a missing key is unknown."""


class LoadError(ValueError):
    """A whole file cannot be read; the message says why."""


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
