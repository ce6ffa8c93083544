"""Paths to sources: folders, zip archives, size limits and zip-bomb guards."""

import io
import random
import struct
import zipfile
import zlib

import pytest

from analysis.load import read_records
from analysis.load.files import iter_sources
from analysis.load.source import Reject, Source


def _zip(path, members, *, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_folders_are_walked_recursively_and_hidden_files_skipped(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("one")
    (tmp_path / "two.json").write_text("[]")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    names = [s.name for s in iter_sources([tmp_path])]
    assert names == [str(tmp_path / "a" / "one.txt"), str(tmp_path / "two.json")]


def test_missing_path_is_rejected(tmp_path):
    [item] = iter_sources([tmp_path / "nope.txt"])
    assert isinstance(item, Reject) and "no such file" in item.reason


def test_zip_members_are_sources_named_after_the_archive(tmp_path):
    archive = _zip(tmp_path / "news.zip", {"2024/a.txt": "alpha", "b.json": "[]"})
    items = list(iter_sources([archive]))
    assert [(i.name, i.data) for i in items] == [
        (f"{archive}!2024/a.txt", b"alpha"), (f"{archive}!b.json", b"[]")]


def test_zip_slip_members_are_rejected(tmp_path):
    archive = _zip(tmp_path / "evil.zip", {"../../etc/passwd": "x", "ok.txt": "fine"})
    items = list(iter_sources([archive]))
    assert isinstance(items[0], Reject) and "unsafe path" in items[0].reason
    assert isinstance(items[1], Source) and items[1].data == b"fine"


def test_zip_bomb_is_rejected_by_ratio(tmp_path):
    archive = _zip(tmp_path / "bomb.zip", {"zeros.txt": b"0" * (20 * 1024 * 1024)})
    [item] = iter_sources([archive])
    assert isinstance(item, Reject) and "zip bomb" in item.reason


def overlapping_zip(path, *, copies: int = 20, size: int = 2 * 1024 * 1024):
    """One compressed member's data listed `copies` times in the central directory, each entry
    pointing at the same bytes: every entry's ratio looks fine, the archive expands `copies`
    times (issue 20: 5.6 MB listing one 10 MB member 20 times)."""
    words = ["port", "strike", "talks", "union", "offer", "Rotterdam", "Monday", "vote"]
    rng = random.Random(7)
    data = " ".join(rng.choice(words) for _ in range(size // 6)).encode()[:size]
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(data) + packer.flush()
    crc, name = zlib.crc32(data), b"story.txt"
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(packed), len(data),
                        len(name), 0) + name + packed
    entry = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(packed),
                        len(data), len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, copies, copies, copies * len(entry),
                      len(local), 0)
    path.write_bytes(local + entry * copies + end)
    return path


def test_members_sharing_their_data_are_a_zip_bomb(tmp_path):
    archive = overlapping_zip(tmp_path / "overlap.zip")
    assert len(zipfile.ZipFile(archive).infolist()) == 20  # a zip that zipfile reads
    [item] = iter_sources([archive])
    assert isinstance(item, Reject) and item.reason == (
        "members 'story.txt' and 'story.txt' use the same data as each other: an "
        "overlapping-entries zip bomb; archive not read")


def test_a_zip_of_many_members_written_normally_is_read(tmp_path):
    archive = _zip(tmp_path / "many.zip", {f"{n:03d}.txt": f"story {n} " * 50 for n in range(200)})
    items = list(iter_sources([archive]))
    assert len(items) == 200 and all(isinstance(i, Source) for i in items)


def test_nested_zip_is_rejected(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("x.txt", "x")
    archive = _zip(tmp_path / "outer.zip", {"inner.zip": inner.getvalue()},
                   compression=zipfile.ZIP_STORED)
    [item] = iter_sources([archive])
    assert isinstance(item, Reject) and "nested zip" in item.reason


def test_file_over_the_size_limit_is_rejected(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_MAX_FILE_MB", "1")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (1024 * 1024 + 10))
    [item] = iter_sources([big])
    assert isinstance(item, Reject)
    assert "over the 1 MiB limit" in item.reason and "PRESSLENS_MAX_FILE_MB" in item.reason


def test_broken_zip_is_rejected(tmp_path):
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    [item] = read_records([path])
    assert isinstance(item, Reject) and item.file == str(path)
    assert "zip" in item.reason


@pytest.mark.parametrize("limit", ["0", "abc"])
def test_bad_setting_value_is_reported(tmp_path, monkeypatch, limit):
    monkeypatch.setenv("PRESSLENS_MAX_FILE_MB", limit)
    (tmp_path / "a.txt").write_text("x")
    if limit == "abc":
        with pytest.raises(ValueError, match="PRESSLENS_MAX_FILE_MB"):
            list(iter_sources([tmp_path / "a.txt"]))
    else:
        [item] = iter_sources([tmp_path / "a.txt"])
        assert isinstance(item, Reject)
