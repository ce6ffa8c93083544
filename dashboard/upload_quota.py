"""How many uploaded bytes the server holds in memory, per session and in all, and whether one
more upload fits (settings max_upload_session_mb and max_upload_total_mb).

Streamlit keeps uploads in memory until the session ends or the file is removed; it caps one
file (server.maxUploadSize) but neither their number nor their sum. `dashboard.guard` asks
`reserve` before it lets an upload through and `release`s it once answered.
"""

from __future__ import annotations

import threading

from streamlit import runtime

from analysis.settings import MIB
from analysis.settings import get as setting

MOST_FILES = 100  # files one session may hold

_lock = threading.Lock()
_reserved: dict[str, int] = {}  # bytes of uploads under way, by session


def _held(session_id: str) -> tuple[int, int, int]:
    """(bytes, files) the server holds for `session_id`, and bytes for all sessions."""
    storage = getattr(runtime.get_instance().uploaded_file_mgr, "file_storage", {})
    sessions = {sid: list(files.values()) for sid, files in list(storage.items())}
    mine = sessions.get(session_id, [])
    total = sum(len(f.data) for files in sessions.values() for f in files)
    return sum(len(f.data) for f in mine), len(mine), total


def reserve(session_id: str, size: int) -> str | None:
    """Reserve `size` bytes for an upload of `session_id`; the reason when it does not fit."""
    session_limit = int(setting("max_upload_session_mb")) * MIB
    total_limit = int(setting("max_upload_total_mb")) * MIB
    held, files, total = _held(session_id)
    with _lock:
        held += _reserved.get(session_id, 0)
        total += sum(_reserved.values())
        if files >= MOST_FILES:
            return f"this session already holds {files} uploaded files, the most it may"
        if held + size > session_limit:
            return (f"this session's uploads would hold {(held + size) / MIB:.1f} MiB, over "
                    f"{session_limit // MIB} MiB (setting max_upload_session_mb)")
        if total + size > total_limit:
            return (f"the server's uploads would hold {(total + size) / MIB:.1f} MiB, over "
                    f"{total_limit // MIB} MiB (setting max_upload_total_mb); try again later")
        _reserved[session_id] = _reserved.get(session_id, 0) + size
    return None


def release(session_id: str, size: int) -> None:
    """Give back a reservation once its upload was answered (stored or refused)."""
    with _lock:
        left = _reserved.get(session_id, 0) - size
        if left > 0:
            _reserved[session_id] = left
        else:
            _reserved.pop(session_id, None)
