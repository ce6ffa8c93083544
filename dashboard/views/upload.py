"""Upload (editors only): article files into the store with the same loaders as `presslens ingest`.

Uploads are never run and never leave a private temporary folder beside the store, which is
removed once they are read; their formats are recognised from content, as for `presslens ingest`.
The ingest runs in a process of its own with bounded memory (dashboard/ingesting.py).
"""

import re
import tempfile
from pathlib import Path

import streamlit as st

from analysis.settings import MIB
from analysis.settings import get as setting
from dashboard import auth, data, ingesting

# the extensions the loaders read (analysis/load/sniff.py); GDELT exports are .csv or .txt
ALLOWED_TYPES = [".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".json", ".jsonl", ".ndjson",
                 ".csv", ".tsv", ".parquet", ".sgm", ".sgml", ".zip"]
_UNSAFE = re.compile(r"[^\w.\-]+")

auth.require_editor()
path = data.store_path()
limit_mb = min(int(setting("max_file_mb")), int(st.get_option("server.maxUploadSize")))
st.title("Upload articles", anchor=False)
st.caption("Scraped pages (.txt), HTML, RSS/Atom, JSON, JSON Lines, CSV, Parquet, Reuters SGML, "
           "GDELT GKG, or .zip archives of them. Formats are recognised from the content; "
           f"each file may be up to {limit_mb} MiB.")

files = st.file_uploader("Files", type=ALLOWED_TYPES, accept_multiple_files=True,
                         max_upload_size=limit_mb, key="upload_files")


def too_big(upload) -> str:
    return (f"{upload.name}: {upload.size / MIB:.1f} MiB, over the {limit_mb} MiB limit for an "
            "upload (setting max_file_mb, env PRESSLENS_MAX_FILE_MB)")


def safe_name(number: int, name: str) -> str:
    """A plain file name for upload `number`: no folders, nothing but letters, digits, . _ -"""
    return f"{number:04d}-{_UNSAFE.sub('_', Path(name).name)[-120:]}"


def shown_name(name: str) -> str:
    """The uploaded file's own name (and archive member) from a name in the temporary folder."""
    file, _, member = name.partition("!")
    return Path(file).name.split("-", 1)[-1] + (f"!{member}" if member else "")


if files:
    oversized = [too_big(upload) for upload in files if upload.size > limit_mb * MIB]
    for reason in oversized:
        st.error(reason)
    files = [upload for upload in files if upload.size <= limit_mb * MIB]

if files and st.button("Ingest", type="primary", key="upload_go"):
    progress = st.progress(0.0, text="Reading files…")
    seen: list[str] = []

    def on_file(name: str) -> None:
        seen.append(name)
        progress.progress(min(len(seen) / max(len(files), 1), 1.0),
                          text=f"Reading {shown_name(name)}")

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # uploads are kept beside the store (mode 0700) only while they are read, then removed
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".uploads-") as folder:
        written = [Path(folder) / safe_name(number, upload.name)
                   for number, upload in enumerate(files)]
        for upload, file in zip(files, written, strict=True):
            file.write_bytes(upload.getvalue())
        try:
            data.release()  # this page's read connection would keep the writer waiting
            with st.spinner("Cleaning, enriching and storing…"):
                summary = ingesting.run(written, store=target, on_file=on_file)
        except ingesting.IngestFailed as err:
            st.error(str(err))
            st.stop()
    progress.progress(1.0, text="Done")
    st.success(f"{summary.new} new, {summary.duplicates} duplicate, {summary.rejected} rejected.")
    if summary.rejected:
        st.subheader("Rejected", anchor=False)
        rejects = summary.rejects.assign(file=summary.rejects["file"].map(shown_name))
        st.dataframe(rejects, hide_index=True, width="stretch")
