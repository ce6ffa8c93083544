"""Upload: drop article files into the store with the same loaders as `presslens ingest`."""

import tempfile
from pathlib import Path

import streamlit as st

from analysis import store
from analysis.ingest import ingest
from analysis.settings import get as setting
from dashboard import data

path = data.store_path()
st.title("Upload articles", anchor=False)
st.caption("Scraped pages (.txt), HTML, RSS/Atom, JSON, JSON Lines, CSV, Parquet, Reuters SGML, "
           "GDELT GKG, or .zip archives of them. Formats are recognised from the content; "
           f"each file may be up to {setting('max_file_mb')} MiB.")

files = st.file_uploader("Files", accept_multiple_files=True, key="upload_files")
if files and st.button("Ingest", type="primary", key="upload_go"):
    progress = st.progress(0.0, text="Reading files…")
    seen: list[str] = []

    def on_file(name: str) -> None:
        seen.append(name)
        progress.progress(min(len(seen) / max(len(files), 1), 1.0),
                          text=f"Reading {Path(name.split('!')[0]).name}")

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # uploads are kept beside the store only while they are read, then removed
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".uploads-") as folder:
        for number, upload in enumerate(files):
            safe = Path(upload.name).name or f"upload-{number}"
            (Path(folder) / f"{number:04d}-{safe}").write_bytes(upload.getvalue())
        try:
            with st.spinner("Cleaning, enriching and storing…"):
                summary = ingest([folder], store=target, on_file=on_file)
        except store.StoreError as err:
            st.error(str(err))
            st.stop()
    progress.progress(1.0, text="Done")
    st.success(f"{summary.new} new, {summary.duplicates} duplicate, {summary.rejected} rejected.")
    if summary.rejected:
        st.subheader("Rejected", anchor=False)
        rejects = summary.rejects.assign(file=summary.rejects["file"].map(
            lambda f: Path(f.split("!")[0]).name.split("-", 1)[-1]
            + ("!" + f.split("!", 1)[1] if "!" in f else "")))
        st.dataframe(rejects, hide_index=True, width="stretch")
