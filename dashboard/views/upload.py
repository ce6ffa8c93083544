"""Upload (editors only): article files into the store with the same loaders as `presslens ingest`.

Uploads are never run and never leave a private temporary folder beside the store, which is
removed once they are read; their formats are recognised from content, as for `presslens ingest`.
The ingest runs in a process of its own with bounded memory (dashboard/ingesting.py).
"""

import re
import tempfile
from pathlib import Path

import streamlit as st

from analysis.clean.notes import describe
from analysis.settings import MIB
from analysis.settings import get as setting
from dashboard import auth, data, ingesting

# the extensions the loaders read (analysis/load/sniff.py); GDELT exports are .csv or .txt
ALLOWED_TYPES = [".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".json", ".jsonl", ".ndjson",
                 ".csv", ".tsv", ".parquet", ".sgm", ".sgml", ".zip"]
_UNSAFE = re.compile(r"[^\w.\-]+")
DAY_ORDERS = {"month first, unless the settings name the source": None,
              "day first (12 June)": True, "month first (6 December)": False}

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


def upload_names(written: list[Path], files: list) -> dict[str, str]:
    """The name each saved upload is stored and shown by: the uploaded file's own (no folders),
    not the temporary path it was saved at."""
    return {str(file): Path(upload.name).name for file, upload in zip(written, files,
                                                                       strict=True)}


def ingest_options() -> dict:
    """The source of articles that name none, and how numeric dates read (as `ingest` takes)."""
    left, right = st.columns(2)
    source = left.text_input("Source", key="upload_source", placeholder="e.g. BBC News",
                             help="Names the source of articles whose files name none; without "
                                  "it, the site of their URL or the file's name is used.")
    order = right.selectbox("Dates like 12/06/1987", list(DAY_ORDERS), key="upload_dayfirst",
                            help="How numeric dates whose day and month could be swapped read.")
    return {"source": source.strip() or None, "dayfirst": DAY_ORDERS[order]}


def show_notes(summary) -> None:
    """What the new articles lacked ("312 had no date, 4 no title") and doubtful dates."""
    for line in describe(summary.notes):
        st.caption(line)


options = ingest_options()
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
        progress.progress(min(len(seen) / max(len(files), 1), 1.0), text=f"Reading {name}")

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
                summary = ingesting.run(written, store=target, on_file=on_file,
                                        names=upload_names(written, files), **options)
        except ingesting.IngestFailed as err:
            st.error(str(err))
            st.stop()
    progress.progress(1.0, text="Done")
    st.success(f"{summary.new} new, {summary.duplicates} duplicate, {summary.rejected} rejected.")
    show_notes(summary)
    if summary.rejected:
        st.subheader("Rejected", anchor=False)
        st.dataframe(summary.rejects, hide_index=True, width="stretch")
