"""``flask --app portal search …``: reindex, worker, status, verify."""

import signal
import time

import click
from flask import current_app
from flask.cli import AppGroup

from portal.extensions import db
from portal.search.operations import (
    apply_outbox,
    compare_with_database,
    count_public_documents,
    index_status,
    rebuild_index,
)
from portal.search.store import IndexBusy, IndexMissing, index_root

search_cli = AppGroup("search", help="This host's search index (Whoosh + jieba).")


@search_cli.command("reindex")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def reindex_command(quiet: bool) -> None:
    """Rebuild the search index from the database.

    A change of the user dictionary (portal/search/dictionary.txt) or of the segmenter needs
    a full reindex: the index holds the words as they were segmented when it was built. So
    does a new kind of content, or a change of what a kind indexes.

    Builds a new index beside the current one and swaps it in atomically: searches keep
    working on the old index meanwhile, and changes published during the build are applied
    before the swap.
    """
    app = current_app._get_current_object()
    total = count_public_documents(app)
    started = time.monotonic()
    if quiet:
        generation, count = rebuild_index(app)
    else:
        with click.progressbar(length=total or 0, label="Indexing", show_pos=True) as bar:
            generation, count = rebuild_index(app, progress=bar.update)
    click.echo(
        f"Indexed {count} documents into {index_root(app) / generation} "
        f"in {time.monotonic() - started:.1f} s."
    )


@search_cli.command("worker")
@click.option("--interval", default=2.0, show_default=True, help="Seconds between polls.")
@click.option("--once", is_flag=True, help="Apply what is pending, then exit.")
def worker_command(interval: float, once: bool) -> None:
    """Follow the database's outbox into this host's index (one per host).

    For deployments on several machines: set PORTAL_SEARCH_INDEXER=worker for the web
    processes (they then never write the index) and run this once per host. A host without an
    index builds one first. Stops cleanly on SIGTERM or Ctrl-C.
    """
    app = current_app._get_current_object()
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    while True:
        try:
            report = apply_outbox(app, lock_timeout=interval)
            if isinstance(report, int):
                click.echo(f"Built the index: {report} documents.")
            elif report.entries:
                click.echo(
                    f"Applied {report.entries} outbox entries: "
                    f"{report.indexed} indexed, {report.removed} removed."
                )
        except IndexBusy:
            pass  # another indexer (a reindex finishing) holds the lock; try again
        except KeyboardInterrupt:
            break
        except Exception:
            app.logger.exception("search worker: could not apply the outbox; retrying")
        if once or stopping:
            break
        try:
            time.sleep(interval)
        except KeyboardInterrupt:
            break


@search_cli.command("status")
def status_command() -> None:
    """Show this host's index: documents, cursor, lag, dictionary."""
    app = current_app._get_current_object()
    status = index_status(app, db.session, with_size=True)
    click.echo(f"index directory: {index_root(app)}")
    click.echo(f"state: {status.state}")
    if status.state == "ok":
        click.echo(f"generation: {status.generation} (built {status.built_at or 'unknown'})")
        click.echo(f"documents: {status.documents}")
        click.echo(f"size: {status.size_bytes / 2**20:.1f} MB")
        click.echo(f"outbox applied through: {status.applied_through}")
        click.echo(f"open gaps: {status.open_gaps}")
        click.echo(f"dictionary current: {'yes' if status.dictionary_current else 'NO: reindex'}")
    click.echo(f"lag: {status.lag_entries} entries, {status.lag_seconds:.0f} s")


@search_cli.command("verify")
def verify_command() -> None:
    """Compare the index with what the database says is public; exit 1 on any difference."""
    try:
        differences = compare_with_database(current_app._get_current_object())
    except IndexMissing:
        click.echo("There is no index on this host yet: flask --app portal search reindex")
        raise SystemExit(1) from None
    for label, keys in (
        ("missing from the index", differences.missing),
        ("in the index but not public", differences.unexpected),
        ("outdated in the index", differences.outdated),
    ):
        if keys:
            click.echo(f"{label}: {len(keys)} ({', '.join(keys[:10])})")
    if differences:
        raise SystemExit(1)
    click.echo("The index matches the database.")
