"""Corpus commands: ingest, search, speakers, timeline, export, failures."""

from __future__ import annotations

import json
import os
import stat
import sys
import textwrap
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import asdict
from datetime import date
from typing import Any

import click

from onrecord.errors import OnrecordError
from onrecord.report import counted, safe

DB_HELP = "Database URL or SQLite file (default: $ONRECORD_DB or ./onrecord.db)."


def check_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A click callback: an option given as YYYY-MM-DD, or a clear error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD, got {value!r}") from None


@contextmanager
def _store(url: str | None) -> Iterator[Any]:
    from onrecord.store import open_store

    if url is None:
        url = os.environ.get("ONRECORD_DB")
    try:
        check_db_url(url)
        store = open_store(url)
    except OnrecordError as err:
        raise click.ClickException(safe(str(err))) from None
    try:
        yield store
    except OnrecordError as err:  # names from the corpus are printed inert
        raise click.ClickException(safe(str(err))) from None
    finally:
        store.close()


def check_db_url(url: str | None) -> None:
    """Refuse, before opening anything, a database the user cannot mean: an empty one
    (which would be ./onrecord.db) or an in-memory SQLite one (whatever is stored would be
    gone when the command ends)."""
    from onrecord.store import StoreError
    from onrecord.store.connection import normalize_url

    if url is None:
        return
    parsed = normalize_url(url)  # StoreError for an empty or malformed URL
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise StoreError(
            f"{url!r} is an in-memory SQLite database, gone when the command ends; give a "
            "file path (corpus.db) or sqlite:///corpus.db"
        )


def _filters(func: Any) -> Any:
    for option in reversed(
        [
            click.option("--speaker", help="A speaker's name, alias or id."),
            click.option("--act", help="A speech act: statement, demand, denial, warning, ..."),
            click.option(
                "--since", callback=check_date, help="Statements made on or after YYYY-MM-DD."
            ),
            click.option(
                "--until", callback=check_date, help="Statements made on or before YYYY-MM-DD."
            ),
            click.option("--outlet", help="Only articles from this outlet."),
        ]
    ):
        func = option(func)
    return func


class WholeHelpGroup(click.Group):
    """A group whose command list shows each command's first sentence whole, wrapped,
    never cut short with "..." (click's default cuts it to the width left)."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def register(main: click.Group) -> None:
    main.add_command(ingest)
    main.add_command(search)
    main.add_command(speakers)
    main.add_command(timeline)
    main.add_command(export)
    main.add_command(failures)
    main.add_command(correct)
    from onrecord.cli_statements import statements, trace

    main.add_command(statements)
    main.add_command(trace)


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
    from onrecord.progress import ProgressPrinter

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
    options: dict[str, Any] = {
        "workers": workers,
        "model": model,
        "batch_size": batch_size,
        "published_from_metadata": published_from_metadata,
        "max_chars": max_chars,
    }
    printer = ProgressPrinter()
    if engine == "ray":
        if published is not None:
            raise click.UsageError(
                "--published is for the local engine; with --engine ray give dates in "
                "JSONL, Parquet or HTML metadata and pass --published-from-metadata"
            )
        if workers < 1:
            raise click.BadParameter("give at least 1 actor", param_hint="--workers")
        _ingest_ray(paths, db, address, parquet_out, printer, options)
        return

    from onrecord.ingest import ingest as run
    from onrecord.ingest import reanalyse as run_again

    with _store(db) as store:
        store.on_retry = _retry_notice(printer)
        doing = "re-analysing the articles of" if not paths else "ingesting into"
        click.echo(f"{doing} {store.url} with {counted(workers, 'worker')}", err=True)
        try:
            if paths:
                summary = run(
                    paths,
                    store,
                    report=printer,
                    published=published,
                    reanalyse=reanalyse,
                    **options,
                )
            else:
                options.pop("published_from_metadata")
                options.pop("max_chars")
                summary = run_again(store, report=printer, **options)
        except OnrecordError as err:
            printer.finish()
            raise click.ClickException(safe(str(err))) from None
        printer.finish()
        counts = store.counts()
    _summarise(summary, counts, None)


def _retry_notice(printer: Any) -> Any:
    def notify(message: str) -> None:  # the store trying again after a lost connection
        if printer.tty:
            click.echo("", err=True)  # off the progress bar's line
        click.echo(f"onrecord: {message}", err=True)

    return notify


def _ingest_ray(
    paths: tuple[str, ...],
    db: str | None,
    address: str | None,
    parquet_out: str | None,
    printer: Any,
    options: dict[str, Any],
) -> None:
    from onrecord.engines import require_ray
    from onrecord.engines.ray_engine import ingest_ray

    try:
        require_ray()  # before opening anything: say how to install it
    except OnrecordError as err:
        raise click.ClickException(safe(str(err))) from None
    import logging

    # Ray Data's own notices (progress bars off, "execution finished"): ours are shown
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    opened: AbstractContextManager[Any] = (
        _store(db) if db is not None or parquet_out is None else nullcontext(None)
    )
    with opened as store:
        outputs = [
            x for x in (store and store.url, parquet_out and f"Parquet under {parquet_out}") if x
        ]
        where = f"the Ray cluster at {address}" if address else "Ray"
        click.echo(
            f"ingesting into {' and '.join(outputs)} on {where} with "
            f"{counted(options['workers'], 'analysis actor')}",
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
                report=printer,
                **options,
            )
        except OnrecordError as err:
            printer.finish()
            raise click.ClickException(safe(str(err))) from None
        printer.finish()
        counts = store.counts() if store is not None else None
    _summarise(summary, counts, parquet_out)


def _summarise(summary: Any, counts: dict[str, int] | None, parquet_out: str | None) -> None:
    from onrecord.progress import duration

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


def date_range(first: str | None, last: str | None) -> str:
    """ "2022-02-13 – 2022-02-15", one date when both are the same, "undated" for none."""
    if not first and not last:
        return "undated"
    if not first or not last or first == last:
        return str(first or last)
    return f"{first} – {last}"


def _print_hits(hits: list[Any], fmt: str) -> None:
    if fmt == "jsonl":
        for hit in hits:
            click.echo(json.dumps(asdict(hit), ensure_ascii=False, default=str))
        return
    if not hits:
        click.echo("no statements found", err=True)
        return
    wrapper = textwrap.TextWrapper(width=100, initial_indent="    ", subsequent_indent="    ")
    for hit in hits:
        when = hit.date or "undated"
        who = safe(hit.speaker or "unattributed") + (" (corrected)" if hit.corrected else "")
        head = f"{when} · {who} · {hit.speech_act} · {hit.type}"
        # doc_id#q3: the quote's reference, as `onrecord correct` takes it
        where = " · ".join(safe(x) for x in (hit.outlet, f"{hit.doc_id}#{hit.quote_key}") if x)
        click.echo(f"{head}\n    {where}")
        click.echo("\n".join(wrapper.wrap(safe(" ".join(hit.sentence.split())))))
        click.echo("")


@click.command()
@click.argument("text", required=False)
@_filters
@click.option(
    "--limit", default=20, show_default=True, type=click.IntRange(0), help="Statements to show."
)
@click.option(
    "--offset",
    default=0,
    show_default=True,
    type=click.IntRange(0),
    help="Statements to skip first (with --limit: the next page).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text: readable; jsonl: one JSON object per statement.",
)
@click.option("--db", "db", help=DB_HELP)
def search(
    text: str | None, limit: int, offset: int, fmt: str, db: str | None, **filters: Any
) -> None:
    """Statements whose words match TEXT, newest first, with speaker, date, outlet and sentence."""
    with _store(db) as store:
        _print_hits(store.search(text, limit=limit, offset=offset, **filters), fmt)


@click.group(cls=WholeHelpGroup, invoke_without_command=True)
@click.option("--query", help="Only speakers whose name or alias contains this.")
@click.option(
    "--limit", default=30, show_default=True, type=click.IntRange(0), help="Speakers to show."
)
@click.option("--db", "db", help=DB_HELP)
@click.pass_context
def speakers(ctx: click.Context, query: str | None, limit: int, db: str | None) -> None:
    """Who is quoted most, with aliases and titles; `merge`, `split`, `explain` correct them."""
    ctx.obj = db
    if ctx.invoked_subcommand is not None:
        return
    with _store(db) as store:
        for row in store.speakers(query=query, limit=limit):
            click.echo(
                f"{row.id:>5}  {safe(row.name)} ({row.type}) · "
                f"{counted(row.quotes, 'statement')} in {counted(row.articles, 'article')} · "
                f"{date_range(row.first_date, row.last_date)}"
            )
            others = [a for a in row.aliases if a != row.name]
            if others:
                click.echo(f"       aliases: {safe('; '.join(others[:8]))}")
            if row.titles:
                click.echo(f"       titles: {safe('; '.join(row.titles[:4]))}")


@speakers.command()
@click.argument("keep")
@click.argument("other")
@click.option("--db", "db", help=DB_HELP)
@click.pass_obj
def merge(group_db: str | None, keep: str, other: str, db: str | None) -> None:
    """Merge speaker OTHER into KEEP (names, aliases or ids)."""
    with _store(db or group_db) as store:
        row = store.merge_speakers(keep, other)
    click.echo(f"merged into {row.id}: {safe(row.name)} ({safe('; '.join(row.aliases))})")


@speakers.command()
@click.argument("speaker")
@click.argument("alias")
@click.option("--db", "db", help=DB_HELP)
@click.pass_obj
def split(group_db: str | None, speaker: str, alias: str, db: str | None) -> None:
    """Move ALIAS (and the mentions that carry it) out of SPEAKER into a speaker of its own."""
    with _store(db or group_db) as store:
        row = store.split_speaker(speaker, alias)
    click.echo(f"new speaker {row.id}: {safe(row.name)}")


@speakers.command()
@click.argument("speaker")
@click.option("--db", "db", help=DB_HELP)
@click.pass_obj
def explain(group_db: str | None, speaker: str, db: str | None) -> None:
    """Why the mentions of SPEAKER were taken to be one person or body."""
    with _store(db or group_db) as store:
        explanation = store.explain_speaker(speaker)
    click.echo("\n".join(safe(line) for line in explanation.lines()))


@click.command()
@click.argument("speaker")
@click.option(
    "--limit", default=None, type=click.IntRange(0), help="Only the first N statements (all)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text: readable; jsonl: one JSON object per statement.",
)
@click.option("--db", "db", help=DB_HELP)
def timeline(speaker: str, limit: int | None, fmt: str, db: str | None) -> None:
    """Everything SPEAKER said, in the order it was said."""
    with _store(db) as store:
        _print_hits(store.timeline(speaker, limit=limit), fmt)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    required=True,
    help="One row per statement: JSONL or CSV text, or Parquet (binary).",
)
@click.option(
    "--output", "-o", default="-", show_default=True, help="File, or - for standard output."
)
@click.option("--text", default=None, help="Only statements whose words match this.")
@_filters
@click.option("--db", "db", help=DB_HELP)
def export(fmt: str, output: str, text: str | None, db: str | None, **filters: Any) -> None:
    """Export statements (one row per quote, with article and speaker) as JSONL, CSV or Parquet."""
    if fmt == "parquet" and output == "-" and sys.stdout.isatty():
        raise click.ClickException("Parquet is binary: give --output FILE")
    if fmt == "parquet" and output == "-" and not _stdout_is_a_file():
        click.echo(
            "onrecord: writing Parquet (binary) to standard output, which is not a file; "
            "give --output FILE to write a file",
            err=True,
        )
    with _store(db) as store:
        target: Any = sys.stdout.buffer if output == "-" else output
        rows = store.export(fmt, target, text=text, **filters)
    where = "standard output" if output == "-" else output
    click.echo(f"exported {counted(rows, 'statement')} as {fmt} to {safe(where)}", err=True)


def _stdout_is_a_file() -> bool:
    """Whether standard output is a regular file (`> out.parquet`), not a pipe or terminal."""
    try:
        return stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):  # no file descriptor (an embedding caller)
        return False


@click.command()
@click.argument("quote_ref")
@click.option(
    "--speaker", "name", help="Who said it: a speaker's name, alias or id, or a new name."
)
@click.option("--none", "nobody", is_flag=True, help="Nobody the corpus knows said it.")
@click.option("--undo", is_flag=True, help="Take the correction back: the analysis's speaker.")
@click.option("--db", "db", help=DB_HELP)
def correct(quote_ref: str, name: str | None, nobody: bool, undo: bool, db: str | None) -> None:
    """Correct who said the quote QUOTE_REF (DOC_ID#q3, as `search` shows it).

    The correction holds when the article is re-analysed (`ingest --reanalyse`).
    """
    if (name is not None) + nobody + undo != 1:
        raise click.UsageError("give one of --speaker NAME, --none or --undo")
    with _store(db) as store:
        if undo:
            hit = store.undo_correction(quote_ref)
        else:
            hit = store.correct_quote(quote_ref, None if nobody else name)
    ref = safe(f"{hit.doc_id}#{hit.quote_key}")
    if undo:
        click.echo(f"{ref}: correction undone; speaker {safe(hit.speaker or 'unattributed')}")
    elif hit.speaker_id is None:
        click.echo(f"{ref}: corrected to no speaker")
    else:
        click.echo(f"{ref}: corrected to #{hit.speaker_id} {safe(hit.speaker or '')}")


@click.command()
@click.option("--db", "db", help=DB_HELP)
def failures(db: str | None) -> None:
    """Inputs that could not be read or analysed, with the reason."""
    with _store(db) as store:
        rows = store.failures()
    for row in rows:
        click.echo(f"{safe(row.origin)}\t{safe(row.reason)}\t{row.at}")
    if not rows:
        click.echo("no failures", err=True)
