"""The `presslens` command line: ingest, watch, remove, stats, search, backup, restore,
dashboard."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from analysis import cli_watch, settings
from analysis.load.sniff import FORMATS

if TYPE_CHECKING:
    from analysis import store


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise SystemExit(
                f"--map {pair!r}: expected OUR_COLUMN=THEIR_COLUMN, e.g. title=headline"
            )
        mapping[ours.strip()] = theirs.strip()
    return mapping


def cmd_ingest(args: argparse.Namespace) -> int:
    if args.engine == "dask" and not args.scheduler:
        raise SystemExit("presslens ingest: --engine dask needs --scheduler ADDRESS, the address "
                         "`dask scheduler` prints (e.g. tcp://10.0.0.5:8786)")
    if args.engine == "local" and args.scheduler:
        raise SystemExit("presslens ingest: --scheduler is only used with --engine dask")
    if args.engine == "local" and int(settings.get("workers")) != 1:
        from analysis import processes

        processes.warm_up(args.paths)  # the workers' imports run beside ours
    from tqdm import tqdm

    from analysis import store

    with tqdm(desc="reading", unit=" files", disable=args.quiet or None, leave=False) as bar:
        def on_file(name: str) -> None:
            bar.set_postfix_str(Path(name.split("!")[0]).name, refresh=False)
            bar.update()

        options = dict(store=args.store, fmt=args.format, mapping=_mapping(args.map),
                       enrich=not args.no_enrich, on_file=on_file, dayfirst=args.dayfirst,
                       source=args.source)
        summary = (_ingest_on_cluster(args, options) if args.engine == "dask"
                   else _ingest_locally(args, options))
    target = args.store or store.default_path()
    print(f"{target}: {summary.new} new, {summary.duplicates} duplicate, "
          f"{summary.rejected} rejected (ingest {summary.ingest_id}; presslens remove --ingest "
          f"{summary.ingest_id} undoes it)")
    print_rejects(summary.rejects, every=args.verbose)
    print_notes(summary.notes, every=args.verbose)
    parts = getattr(summary, "parts", None)  # a Dask ingest's Parquet (ClusterSummary)
    if parts is not None:
        print(f"  Parquet parts of this ingest: {parts}")
    return 0


def _ingest_locally(args: argparse.Namespace, options: dict) -> store.IngestSummary:
    from analysis.store.ingest import ingest

    return ingest(args.paths, workers=None, **options)  # setting `workers`: all cores


def _ingest_on_cluster(args: argparse.Namespace, options: dict) -> store.IngestSummary:
    from analysis.store.cluster import ClusterError, ingest_on_cluster

    try:
        return ingest_on_cluster(args.paths, scheduler=args.scheduler, **options)
    except ClusterError as err:
        raise SystemExit(f"presslens: {err}") from None


def print_rejects(rejects, *, every: bool, first: int = 5) -> None:
    """Each reject with its reason; past `first` of one reason, a count (all with --verbose)."""
    for reason, group in rejects.groupby("reason", sort=False):
        shown = group if every else group.head(first)
        for row in shown.itertuples(index=False):
            where = row.file if row.record is None else f"{row.file} record {row.record}"
            print(f"  rejected {where}: {reason}")
        if len(group) > len(shown):
            print(f"  … and {len(group) - len(shown)} more for the same reason "
                  "(all are kept in the store's rejects table; -v lists them)")


def print_notes(notes, *, every: bool) -> None:
    """What the new articles lacked ("312 had no date, 4 no title") and doubtful dates."""
    from analysis.clean.notes import describe

    for line in describe(notes, every=every):
        print(f"  {line}")


def cmd_remove(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis import store
    from analysis.store.remove import remove

    # a dry run only reads: the dashboard and ingests carry on meanwhile
    with (store.connect(args.store) if args.dry_run else store.writer(args.store)) as con:
        try:
            removal = remove(con, ids=args.id, origin=args.origin, ingest=args.ingest,
                             dry_run=args.dry_run)
        except ValueError as err:
            raise SystemExit(f"presslens remove: {err}") from None
    target = args.store or store.default_path()
    if not args.dry_run and len(removal.articles):
        from analysis.store import mined

        with store.locked(target) as path:
            mined.refresh(path)  # the whole store's text mining, if its newest texts changed
    count = len(removal.articles)
    undone = f" and its {removal.rejects} rejects" if removal.rejects else ""
    if args.dry_run:
        print(f"{target}: would remove {count} articles{undone} ({removal.what}):")
    else:
        print(f"{target}: removal {removal.removal_id}: removed {count} articles{undone} "
              f"({removal.what})")
    shown = removal.articles if (args.verbose or args.dry_run) else removal.articles.head(0)
    for row in shown.itertuples(index=False):
        day = "undated" if pd.isna(row.published_at) else f"{row.published_at:%Y-%m-%d}"
        print(f"  {row.article_id}  {day:10}  "
              f"{(row.title or '(untitled)')[:60]}  [{row.origin}]")
    return 0


def _span(first: str | None, last: str | None) -> str:
    """The first and last publication times (ISO strings) as a person reads them."""
    import pandas as pd

    if first is None or last is None:
        return "no article states a date"
    return " … ".join(f"{pd.Timestamp(t).tz_convert('UTC'):%Y-%m-%d %H:%M} UTC"
                      for t in (first, last))


def cmd_stats(args: argparse.Namespace) -> int:
    from analysis import store
    from analysis.store.remove import history

    with store.connect(args.store) as con:
        numbers = store.stats(con)
        events = history(con)
    if args.json:
        numbers["history"] = json.loads(events.to_json(orient="records", date_format="iso"))
        print(json.dumps(numbers, indent=2))
        return 0
    print(f"articles: {numbers['articles']} ({numbers['undated']} without a date)")
    print("published: " + _span(numbers["first_published"], numbers["last_published"]))
    print(f"rejects kept: {numbers['rejects']}; ingests: {numbers['ingests']}; "
          f"removals: {numbers['removals']} ({numbers['removed']} articles)")
    for name, count in list(numbers["sources"].items())[:20]:
        print(f"  {count:>7}  {name}")
    print("history:")
    for row in events.itertuples(index=False):
        print(f"  {history_line(row)}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis import query, store
    from analysis.query.search import SearchSyntaxError, parse

    try:
        if parse(args.query) is None:
            raise SearchSyntaxError("the query is empty", 1)
    except SearchSyntaxError as err:
        print(f"presslens search: {args.query!r}: {err}", file=sys.stderr)
        return 2
    filters = query.Filters(search=args.query, start=args.start, end=args.end,
                            sources=tuple(args.source))
    with store.connect(args.store) as con:
        page, total = query.article_list(con, filters, limit=args.limit)
    results = [{"article_id": row.article_id, "title": row.title, "source": row.source,
                "published_at": None if pd.isna(row.published_at)
                else row.published_at.isoformat()}
               for row in page.itertuples(index=False)]
    if args.json:
        print(json.dumps({"query": args.query, "articles": total, "results": results}, indent=1))
        return 0
    print(f"{total:,} {'article matches' if total == 1 else 'articles match'}: "
          f"{query.describe(filters)} (newest first)")
    for row in results:
        day = (row["published_at"] or "undated")[:10]
        print(f"{day:<10}  {(row['source'] or '?')[:20]:<20}  {row['title'] or '(untitled)'}  "
              f"[{row['article_id']}]")
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
def history_line(row) -> str:
    """One ingest or removal of `analysis.store.remove.history`, in words."""
    when = f"{row.happened_at:%Y-%m-%d %H:%M}"
    if row.event == "ingest":
        return (f"{when}  ingest {row.id}: {row.articles} new ({row.stored} still stored), "
                f"{row.rejected} rejected: {row.what}")
    return f"{when}  removal {row.id}: {row.articles} articles removed: {row.what}"


def cmd_backup(args: argparse.Namespace) -> int:
    from analysis import store
    from analysis.store.backup import backup

    written = backup(args.store, args.destination)
    print(f"{args.store or store.default_path()}: backed up to {written}")
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    from analysis import store

    with store.writer(args.store) as con:  # opening for writing upgrades an earlier schema
        version = store.get_meta(con, "schema_version")
    print(f"{args.store or store.default_path()}: schema version {version}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from analysis.store.backup import restore

    target = restore(args.backup, args.store)
    print(f"{target}: restored from {args.backup}")
    return 0


def cmd_actors_import(args: argparse.Namespace) -> int:
    from analysis.enrich.cameo import import_cameo

    target = Path(args.actors_file or str(settings.get("actors_file")) or "actors.yaml")
    written = import_cameo(args.file, actors_file=target)
    print(f"{target}: {len(written)} actors written (imported or extended from {args.file})")
    if not (args.actors_file or settings.get("actors_file")):
        print(f"Use it with: export PRESSLENS_ACTORS_FILE={target.resolve()}")
    print("The next `presslens ingest` re-enriches stored articles with the new actors.")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluate import harness

    results = harness.run_all(args.corpora or harness.DEFAULT_CORPORA, quick=args.quick,
                              emobank=args.emobank)
    if args.json:
        print(json.dumps({name: table.to_dict("records")
                          for name, table in results.tables.items()}, default=str, indent=2))
    else:
        for name, table in results.tables.items():
            print(f"\n== {name}\n{table.to_string(index=False)}")
    if not args.no_write:
        print(f"\nwrote the tables into {harness.write_report(results)}", file=sys.stderr)
    return 0


def cmd_dashboard(args: argparse.Namespace, streamlit_args: list[str]) -> NoReturn:
    # server.py serves app.py behind the guard that keeps out whoever may not use it
    app = Path(__file__).resolve().parents[1] / "dashboard" / "server.py"
    env = dict(os.environ)
    if args.store:
        env["PRESSLENS_STORE"] = str(Path(args.store).resolve())
    # our defaults first: a user's own options come later on the line and win; listen on this
    # machine only unless told otherwise (a team server sits behind a proxy: docs/deployment.md)
    defaults = ["--client.toolbarMode", "minimal", "--browser.gatherUsageStats", "false",
                "--server.address", "127.0.0.1", "--server.enableXsrfProtection", "true",
                "--server.maxUploadSize", str(int(settings.get("max_file_mb"))),
                # tables' own CSV export writes cells as they are (formulas included): the
                # panels' download buttons write inert CSV (analysis/query/export.py) instead
                "--client.disableDataExport", "true",
                # the source watcher re-reads every module's path after each new session's
                # first run, on the thread that serves every user (a third of the load test)
                "--server.fileWatcherType", "none",
                # a full garbage collection after every page run was half the server's CPU
                # per answer (bench/profile_server.py); Python's own collector still runs
                "--runner.postScriptGC", "false"]
    command = [sys.executable, "-m", "streamlit", "run", str(app), *defaults, *streamlit_args]
    # become the server rather than wait for it: a signal to this process (`kill`, a service
    # manager) then stops the server, instead of leaving it running without its parent
    os.execve(sys.executable, command, env)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="presslens", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list every rejected record, log what is read and the seconds "
                             "of each step of an ingest")
    commands = parser.add_subparsers(dest="command", required=True)
    store_help = f"the store (default: setting store, env PRESSLENS_STORE={settings.get('store')})"

    ingest = commands.add_parser("ingest", help="load, clean and store articles")
    ingest.add_argument("paths", nargs="+", help="files, folders or .zip archives")
    ingest.add_argument("--store", help=store_help)
    ingest.add_argument("--format", choices=[f for f in FORMATS if f != "zip"],
                        help="read every file as this format instead of sniffing it")
    ingest.add_argument("--map", action="append", default=[], metavar="OURS=THEIRS",
                        help="column mapping for JSON/CSV/Parquet, e.g. --map title=headline")
    ingest.add_argument("--source", metavar="NAME",
                        help="the source (outlet) of records that name none; without it, the "
                             "site of the record's URL, else its file's name")
    order = ingest.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", dest="dayfirst", action="store_const", const=True,
                       help="read numeric dates like 12/06/1987 day first (12 June)")
    order.add_argument("--monthfirst", dest="dayfirst", action="store_const", const=False,
                       help="read them month first (6 December); without either, month first "
                            "except for the sources of setting dayfirst_sources")
    ingest.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    ingest.add_argument("--no-enrich", action="store_true",
                        help="store the articles only (no actors, topics, tone); the dashboard "
                             "needs enriched articles")
    ingest.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="where loading and enrichment run: this machine (default) or the "
                             "workers of a Dask cluster (see --scheduler)")
    ingest.add_argument("--scheduler", metavar="ADDRESS",
                        help="the Dask scheduler's address, e.g. tcp://10.0.0.5:8786 (with "
                             "--engine dask; input files and the store's folder must be on a "
                             "filesystem the workers share)")

    remove = commands.add_parser(
        "remove", help="take articles out of a store: by id, by origin, or undo an ingest")
    remove.add_argument("--id", action="append", default=[], metavar="ARTICLE_ID",
                        help="an article id (repeat for more)")
    remove.add_argument("--origin", metavar="PATTERN",
                        help="articles whose origin (or its file) matches this glob, e.g. "
                             "'*/README.txt' or '*feed.jsonl#1?'")
    remove.add_argument("--ingest", type=int, metavar="ID",
                        help="every article ingest ID stored, and its rejects "
                             "(presslens stats lists the ingests)")
    remove.add_argument("--dry-run", action="store_true",
                        help="list what would be removed, and remove nothing")
    remove.add_argument("--store", help=store_help)

    stats = commands.add_parser("stats", help="counts, date range, sources and history of a store")
    stats.add_argument("--store", help=store_help)
    stats.add_argument("--json", action="store_true", help="print JSON for scripts")

    search = commands.add_parser(
        "search", help="articles matching a search query (the language: README, Search)")
    search.add_argument("query", help='e.g. \'"oil price" AND (opec OR saudi) -title:copy\'')
    search.add_argument("--store", help=store_help)
    search.add_argument("--from", dest="start", type=_day, metavar="DATE",
                        help="published on or after DATE (YYYY-MM-DD)")
    search.add_argument("--to", dest="end", type=_day, metavar="DATE",
                        help="published on or before DATE (YYYY-MM-DD)")
    search.add_argument("--source", nargs="+", action="extend", default=[], metavar="NAME",
                        help="only articles from these sources")
    search.add_argument("--limit", type=int, default=20, metavar="N",
                        help="list the N newest matches (default 20)")
    search.add_argument("--json", action="store_true", help="print JSON for scripts")

    backup = commands.add_parser(
        "backup", help="copy the store, consistently, while no ingest writes to it")
    backup.add_argument("destination", help="a backup file, or a folder for a timestamped one")
    backup.add_argument("--store", help=store_help)

    restore = commands.add_parser(
        "restore", help="replace the store with a backup, after checking the backup opens")
    restore.add_argument("backup", help="a file written by `presslens backup`")
    restore.add_argument("--store", help=store_help)

    upgrade = commands.add_parser(
        "upgrade", help="bring a store written by an earlier PressLens to this schema version")
    upgrade.add_argument("--store", help=store_help)

    actors = commands.add_parser("actors", help="manage the actors file")
    actor_commands = actors.add_subparsers(dest="actors_command", required=True)
    imported = actor_commands.add_parser(
        "import", help="merge a Phoenix/PETRARCH CAMEO actor dictionary into your actors file")
    imported.add_argument("file", help="a TABARI-format .txt dictionary")
    imported.add_argument("--actors-file", help="your actors file (default: setting "
                          "actors_file, env PRESSLENS_ACTORS_FILE, else ./actors.yaml)")

    evaluate = commands.add_parser(
        "evaluate",
        help="score every extractor on the shared corpora; write the tables into docs/accuracy.md")
    evaluate.add_argument("--corpora", help="the shared corpora folder (default ../shared/corpora)")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--quick", action="store_true",
                          help="a quick check, not the report's figures: fewer built quotes, "
                          "pages, Reuters stories and NewsMTSC targets")
    evaluate.add_argument("--no-write", action="store_true",
                          help="do not write the tables into docs/accuracy.md")
    evaluate.add_argument("--emobank", metavar="DIR", help="a copy of github.com/JULIELab/EmoBank "
                          "(CC BY-SA 4.0): also score tone on its sentences as snippets")

    cli_watch.add_parser(commands, store_help=store_help)

    dashboard = commands.add_parser(
        "dashboard", help="open the dashboard; other options go to `streamlit run`"
    )
    dashboard.add_argument("--store", help=store_help)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `presslens` console script."""
    if argv is None:  # the console script: `presslens stats | head` ends quietly. Not when
        # called from Python, whose process would then die silently at any broken pipe
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "dashboard":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR,
                        format="%(levelname)s %(message)s")
    if args.command == "dashboard":
        cmd_dashboard(args, extra)  # becomes the server, before importing any data library
    from analysis.store import StoreError

    try:
        if args.command == "ingest":
            return cmd_ingest(args)
        if args.command == "stats":
            return cmd_stats(args)
        if args.command == "search":
            return cmd_search(args)
        if args.command == "remove":
            return cmd_remove(args)
        if args.command == "backup":
            return cmd_backup(args)
        if args.command == "restore":
            return cmd_restore(args)
        if args.command == "upgrade":
            return cmd_upgrade(args)
        if args.command == "actors":
            return cmd_actors_import(args)
        if args.command == "watch":
            return cli_watch.cmd_watch(args)
        return cmd_evaluate(args)
    except StoreError as err:
        print(f"presslens: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
