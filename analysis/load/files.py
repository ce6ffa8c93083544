"""Turn the paths a user gives (files, folders, .zip archives) into Sources, within size limits."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath

from analysis import settings
from analysis.load.source import Reject, Source

MIB = settings.MIB
# files that are never articles: version control, OS litter, our own stores
_IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
_IGNORED_SUFFIXES = (".duckdb", ".duckdb.wal", ".lock", ".pyc")


def iter_sources(paths: Iterable[str | Path], *, names: Mapping[str, str] | None = None,
                 ) -> Iterator[Source | Reject]:
    """Each file under `paths` as a Source (zip members one by one), or a Reject saying why not.

    A Source is named by its path, or by `names[path]` when given (a folder's files by that
    name joined with their path inside the folder).
    """
    for path in map(Path, paths):
        shown = (names or {}).get(str(path), str(path))
        if not path.exists():
            yield Reject(shown, None, "no such file or folder")
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not ignored(child):
                    inside = child.relative_to(path).as_posix()
                    yield from _file_sources(child, name=str(child) if shown == str(path)
                                             else f"{shown}/{inside}")
        else:
            yield from _file_sources(path, name=shown)


def ignored(path: Path) -> bool:
    """Whether a folder ingest skips `path`: OS litter, our own stores, hidden folders."""
    return (
        path.name in _IGNORED_NAMES
        or path.name.endswith(_IGNORED_SUFFIXES)
        or any(part.startswith(".") for part in path.parts if part not in (".", ".."))
    )


def _file_sources(path: Path, *, name: str) -> Iterator[Source | Reject]:
    limit = int(settings.get("max_file_mb")) * MIB
    try:
        size = path.stat().st_size
        if size > limit and not zipfile.is_zipfile(path):
            yield Reject(name, None, _too_big(size, limit))
            return
        if zipfile.is_zipfile(path):
            yield from _zip_sources(path, name=name)
            return
        yield Source(name, path.read_bytes())
    except OSError as err:
        yield Reject(name, None, f"cannot read: {err.strerror or err}")


def _too_big(size: int, limit: int) -> str:
    return (f"file is {size / MIB:.1f} MiB, over the {limit // MIB} MiB limit "
            "(setting max_file_mb, env PRESSLENS_MAX_FILE_MB)")


def _zip_sources(path: Path, *, name: str) -> Iterator[Source | Reject]:
    """Members of a zip, guarding against zip bombs and paths that climb out of the archive."""
    file_limit = int(settings.get("max_file_mb")) * MIB
    total_limit = int(settings.get("max_archive_mb")) * MIB
    max_ratio = float(settings.get("max_archive_ratio"))
    max_members = int(settings.get("max_archive_members"))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        yield Reject(name, None, f"not a readable zip archive: {err}")
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > max_members:
            yield Reject(name, None, f"archive has {len(members)} members, over the "
                         f"limit of {max_members} (setting max_archive_members)")
            return
        overlap = _overlapping(archive.infolist())
        if overlap:
            yield Reject(name, None, overlap)
            return
        total = 0
        for member in members:
            member_name = f"{name}!{member.filename}"
            problem = _member_problem(member, file_limit, max_ratio)
            if problem is None and total + member.file_size > total_limit:
                problem = (f"archive expands past {total_limit // MIB} MiB "
                           "(setting max_archive_mb): zip bomb guard")
            if problem:
                yield Reject(member_name, None, problem)
                continue
            if ignored(Path(member.filename)):
                continue
            total += member.file_size
            yield from _read_member(archive, member, member_name, file_limit)


def _overlapping(members: list[zipfile.ZipInfo]) -> str | None:
    """Why an archive whose members share or overlap their stored data is not read, else None.

    A zip bomb can list one compressed member many times (each entry's ratio looks fine), or
    let each member's data hold the next ones; no archive a program writes does either. A
    member's data starts at least 30 bytes (its local header) past its offset.
    """
    spans = sorted((m.header_offset, m.header_offset + 30 + m.compress_size, m.filename)
                   for m in members)
    for (start, end, name), (next_start, _, next_name) in zip(spans, spans[1:], strict=False):
        if next_start < end:
            shared = "the same data as" if next_start == start else "data overlapping"
            return (f"members {name!r} and {next_name!r} use {shared} each other: an "
                    "overlapping-entries zip bomb; archive not read")
    return None


def _member_problem(member: zipfile.ZipInfo, file_limit: int, max_ratio: float) -> str | None:
    parts = PurePosixPath(member.filename.replace("\\", "/")).parts
    if member.filename.startswith(("/", "\\")) or ".." in parts or ":" in member.filename:
        return "unsafe path in archive (absolute or climbing out with ..): not read"
    if member.file_size > file_limit:
        return _too_big(member.file_size, file_limit)
    if member.compress_size and member.file_size / member.compress_size > max_ratio:
        ratio = member.file_size / member.compress_size
        return (f"compression ratio {ratio:.0f}:1 is over {max_ratio:.0f}:1 "
                "(setting max_archive_ratio): zip bomb guard")
    return None


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str,
                 file_limit: int) -> Iterator[Source | Reject]:
    try:
        with archive.open(member) as handle:
            # read one byte past the limit: the header's sizes may lie
            data = handle.read(file_limit + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as err:
        yield Reject(name, None, f"cannot read archive member: {err}")
        return
    if len(data) > file_limit:
        yield Reject(name, None, _too_big(len(data), file_limit))
    elif zipfile.is_zipfile(io.BytesIO(data)):
        yield Reject(name, None, "nested zip archives are not read; unpack the inner archive")
    else:
        yield Source(name, data)

