"""`onrecord ingest` and `onrecord failures`: articles into the store, and the inputs that
could not be read or analysed."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from onrecord.cli.options import check_date
from onrecord.cli.render import counted, safe
from onrecord.cli.store import DB_HELP, command_store
from onrecord.corpus.progress import IngestSummary, ProgressPrinter, duration
from onrecord.errors import OnrecordError
from onrecord.pipeline import Analyzer

if TYPE_CHECKING:
    from onrecord.corpus.store import Store


@click.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--db",
    "db",
    help=DB_HELP + " With --engine ray and --parquet-out, records go to the database only "
    "if this is given.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1),
    help="Worker processes, or Ray actors with --engine ray (each loads the model once).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; ray: Ray Data, on this machine or a "
    "cluster (pip install 'onrecord[ray]').",
)
@click.option(
    "--address",
    default=None,
    help="With --engine ray: the Ray cluster to run on ('auto' on a cluster node, or "
    "ray://HEAD:10001); default $RAY_ADDRESS, else a Ray instance started for this run.",
)
@click.option(
    "--parquet-out",
    "parquet_out",
    default=None,
    type=click.Path(file_okay=False),
    help="With --engine ray: write the records as Parquet under this folder, partitioned by "
    "publication date (date=YYYY-MM-DD/).",
)
@click.option(
    "--batch-size",
    default=16,
    show_default=True,
    type=click.IntRange(1),
    help="Articles per committed batch.",
)
@click.option(
    "--published-from-metadata/--no-published-from-metadata",
    default=True,
    show_default=True,
    help="Date each article from its own metadata (HTML meta, the JSONL/JSON/Parquet "
    '"published" field) or a YYYY-MM-DD date in its file name; relative dates in it are '
    "resolved against that date.",
)
@click.option(
    "--published",
    default=None,
    callback=check_date,
    help="Publication date (YYYY-MM-DD) of the inputs whose metadata gives none; it beats "
    "a date in the file name (local engine).",
)
@click.option("--model", default=None, help="An installed spaCy pipeline.")
@click.option(
    "--reanalyse",
    is_flag=True,
    help="Analyse texts already stored again and replace their records, keeping "
    "corrections (speakers merge/split, onrecord correct); without PATHS, every stored "
    "article, from its stored text (local engine).",
)
@click.option(
    "--max-chars",
    default=5_000_000,
    show_default=True,
    type=click.IntRange(1),
    help="Longest article accepted, in characters.",
)
def ingest(
    paths: tuple[str, ...],
    db: str | None,
    workers: int,
    engine: str,
    address: str | None,
    parquet_out: str | None,
    batch_size: int,
    published_from_metadata: bool,
    published: str | None,
    model: str | None,
    reanalyse: bool,
    max_chars: int,
) -> None:
    """Analyse text, HTML, JSONL and Parquet articles under PATHS and store their records.

    Rerunning continues where an interrupted run stopped: texts already stored are
    skipped (or, with --reanalyse, analysed again). Documents that cannot be read or
    analysed are listed at the end.
    """
    if not paths and not reanalyse:
        raise click.UsageError(
            "give the files or folders to ingest, or --reanalyse alone to analyse every "
            "stored article again"
        )
    if reanalyse and engine != "local":
        raise click.UsageError("--reanalyse is for the local engine")
    if not paths and published is not None:
        raise click.UsageError("--published is for the PATHS given; give them with it")

    if engine == "local" and (address is not None or parquet_out is not None):
        given = "--address" if address is not None else "--parquet-out"
        raise click.UsageError(f"{given} is for --engine ray; add --engine ray, or leave it out")
    analyzer = Analyzer(model)
    printer = ProgressPrinter()
    if engine == "ray":
        if published is not None:
            raise click.UsageError(
                "--published is for the local engine; with --engine ray give dates in "
                "JSONL, Parquet or HTML metadata and pass --published-from-metadata"
            )
        if workers < 1:
            raise click.BadParameter("give at least 1 actor", param_hint="--workers")
        _ingest_ray(
            paths,
            db,
            address,
            parquet_out,
            printer,
            _RayRun(workers, analyzer, batch_size, published_from_metadata, max_chars),
        )
        return

    from onrecord.corpus.ingest import ingest as run
    from onrecord.corpus.ingest import reanalyse as run_again

    with command_store(db) as store:
        store.on_retry = _retry_notice(printer)
        doing = "re-analysing the articles of" if not paths else "ingesting into"
        click.echo(f"{doing} {store.url} with {counted(workers, 'worker')}", err=True)
        try:
            if paths:
                summary = run(
                    paths,
                    store,
                    workers=workers,
                    analyzer=analyzer,
                    batch_size=batch_size,
                    published_from_metadata=published_from_metadata,
                    published=published,
                    max_chars=max_chars,
                    report=printer,
                    reanalyse=reanalyse,
                )
            else:
                summary = run_again(
                    store,
                    workers=workers,
                    analyzer=analyzer,
                    batch_size=batch_size,
                    report=printer,
                )
        except OnrecordError as err:
            printer.finish()
            raise click.ClickException(safe(str(err))) from None
        printer.finish()
        counts = store.counts()
    _summarise(summary, counts, None)


def _retry_notice(printer: ProgressPrinter) -> Callable[[str], None]:
    def notify(message: str) -> None:  # the store trying again after a lost connection
        if printer.tty:
            click.echo("", err=True)  # off the progress bar's line
        click.echo(f"onrecord: {message}", err=True)

    return notify


@dataclass(frozen=True)
class _RayRun:
    """The options of an ingest on Ray."""

    workers: int
    analyzer: Analyzer
    batch_size: int
    published_from_metadata: bool
    max_chars: int


def _ingest_ray(
    paths: tuple[str, ...],
    db: str | None,
    address: str | None,
    parquet_out: str | None,
    printer: ProgressPrinter,
    options: _RayRun,
) -> None:
    from onrecord.corpus.engines import require_ray
    from onrecord.corpus.engines.ray_engine import ingest_ray

    try:
        require_ray()  # before opening anything: say how to install it
    except OnrecordError as err:
        raise click.ClickException(safe(str(err))) from None
    import logging

    # Ray Data's own notices (progress bars off, "execution finished"): ours are shown
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    opened: AbstractContextManager[Store | None] = (
        command_store(db) if db is not None or parquet_out is None else nullcontext(None)
    )
    with opened as store:
        outputs = [
            x for x in (store and store.url, parquet_out and f"Parquet under {parquet_out}") if x
        ]
        where = f"the Ray cluster at {address}" if address else "Ray"
        click.echo(
            f"ingesting into {' and '.join(outputs)} on {where} with "
            f"{counted(options.workers, 'analysis actor')}",
            err=True,
        )
        if store is not None:
            store.on_retry = _retry_notice(printer)
        try:
            summary = ingest_ray(
                paths,
                store=store,
                parquet_out=parquet_out,
                address=address,
                workers=options.workers,
                analyzer=options.analyzer,
                batch_size=options.batch_size,
                published_from_metadata=options.published_from_metadata,
                max_chars=options.max_chars,
                report=printer,
            )
        except OnrecordError as err:
            printer.finish()
            raise click.ClickException(safe(str(err))) from None
        printer.finish()
        counts = store.counts() if store is not None else None
    _summarise(summary, counts, parquet_out)


def _summarise(
    summary: IngestSummary, counts: dict[str, int] | None, parquet_out: str | None
) -> None:
    p = summary.progress
    if p.total == 0 and not summary.failures:
        click.echo(
            "found no articles to read under the paths given: give files or folders holding "
            ".txt, .html, .jsonl, .json or .parquet articles (hidden files are skipped)",
            err=True,
        )
    held = []
    if counts is not None:
        held.append(
            "the database now holds "
            + ", ".join(counted(counts[k], k[:-1]) for k in ("articles", "quotes", "speakers"))
        )
    if parquet_out is not None:
        held.append(f"records written under {parquet_out}")
    click.echo(
        f"stored {counted(p.stored, 'new article')}, {p.skipped} already stored, "
        f"{p.failed} failed "
        f"in {duration(p.elapsed)} ({p.rate:.1f} articles/s); {'; '.join(held)}",
        err=True,
    )
    if p.reanalysed:
        click.echo(
            f"re-analysed {counted(p.reanalysed, 'article')}, "
            f"{counted(p.changed, 'quote')} changed (corrections kept)",
            err=True,
        )
    if p.dated_by:
        click.echo(_dating(p.dated_by), err=True)
    if p.renamed:
        click.echo(
            f"{counted(len(p.renamed), 'article')} stored under a new id, because a stored article "
            "already has theirs (doc ids are unique):",
            err=True,
        )
        for origin, wanted, doc_id in p.renamed[:50]:
            click.echo(f"  {safe(origin)}: {safe(wanted)} -> {safe(doc_id)}", err=True)
        if len(p.renamed) > 50:
            click.echo(f"  ... and {len(p.renamed) - 50} more", err=True)
    if summary.failures:
        click.echo(f"{counted(len(summary.failures), 'input')} failed:", err=True)
        for origin, reason in summary.failures[:50]:
            click.echo(f"  {safe(origin)}: {safe(reason)}", err=True)
        if len(summary.failures) > 50:
            click.echo("  ... (all of them: onrecord failures)", err=True)


def _dating(dated_by: dict[str, int]) -> str:
    """Where the new articles' publication dates came from, and a note on undated ones."""
    sources = [
        f"{dated_by[key]} from {label}"
        for key, label in (
            ("metadata", "their metadata"),
            ("file name", "their file name"),
            ("--published", "--published"),
        )
        if dated_by.get(key)
    ]
    line = "publication dates: " + ("; ".join(sources) if sources else "none found")
    undated = dated_by.get("undated", 0)
    if undated:
        line += (
            f"; {counted(undated, 'article')} stored undated (no date in their metadata or file "
            "name): their statements have no date unless the text gives one in full. "
            "Give --published YYYY-MM-DD to date them"
        )
    return line


@click.command()
@click.option("--db", "db", help=DB_HELP)
def failures(db: str | None) -> None:
    """Inputs that could not be read or analysed, with the reason."""
    with command_store(db) as store:
        rows = store.failures()
    for row in rows:
        click.echo(f"{safe(row.origin)}\t{safe(row.reason)}\t{row.at}")
    if not rows:
        click.echo("no failures", err=True)
