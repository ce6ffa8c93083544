"""What a page's visitor can do with its own Streamlit session, as an attacker would: read the
session id off the WebSocket and PUT files to the upload endpoint with the page's cookies."""

from __future__ import annotations

import uuid


def watch_session(page) -> dict[str, str]:
    """A dict that holds the page's latest session id ("id") as the server sends it (a reload
    or a login makes a new session); call it before the page opens the dashboard."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    seen: dict[str, str] = {}

    def frame(payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg.FromString(payload)
            if message.HasField("new_session"):
                seen["id"] = message.new_session.initialize.session_id

    page.on("websocket", lambda socket: socket.on("framereceived", frame))
    return seen


def upload(page, url: str, session_id: str, data: bytes, *,
           file_id: str | None = None) -> tuple[int, str]:
    """PUT `data` as a file of `session_id`, with the page's cookies and XSRF token."""
    xsrf = next((c["value"] for c in page.context.cookies() if c["name"] == "_streamlit_xsrf"),
                "")
    answer = page.context.request.put(
        f"{url}/_stcore/upload_file/{session_id}/{file_id or uuid.uuid4()}",
        headers={"X-Xsrftoken": xsrf},
        multipart={"file": {"name": "blob.txt", "mimeType": "text/plain", "buffer": data}})
    return answer.status, answer.text()


def remove_upload(page, url: str, session_id: str, file_id: str) -> int:
    xsrf = next((c["value"] for c in page.context.cookies() if c["name"] == "_streamlit_xsrf"),
                "")
    return page.context.request.delete(f"{url}/_stcore/upload_file/{session_id}/{file_id}",
                                       headers={"X-Xsrftoken": xsrf}).status
