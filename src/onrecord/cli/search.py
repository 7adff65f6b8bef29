"""`onrecord search`, `onrecord timeline` and `onrecord export`: statements read out of the
store."""

from __future__ import annotations

import json
import os
import stat
import sys
import textwrap
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, BinaryIO, TypedDict, TypeVar, Unpack

import click

from onrecord.cli.options import check_date
from onrecord.cli.render import counted, safe
from onrecord.cli.store import DB_HELP, command_store

if TYPE_CHECKING:
    from onrecord.corpus.store import QuoteHit

Command = TypeVar("Command", bound=Callable[..., None])


class Filters(TypedDict):
    """The options ``_filters`` adds, as the command receives them."""

    speaker: str | None
    act: str | None
    since: str | None
    until: str | None
    outlet: str | None


def _filters(func: Command) -> Command:
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


def _print_hits(hits: list[QuoteHit], fmt: str) -> None:
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


_statement_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text: readable; jsonl: one JSON object per statement.",
)


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
@_statement_format
@click.option("--db", "db", help=DB_HELP)
def search(
    text: str | None, limit: int, offset: int, fmt: str, db: str | None, **filters: Unpack[Filters]
) -> None:
    """Statements whose words match TEXT, newest first, with speaker, date, outlet and sentence."""
    with command_store(db) as store:
        _print_hits(store.search(text, limit=limit, offset=offset, **filters).hits, fmt)


@click.command()
@click.argument("speaker")
@click.option(
    "--limit", default=None, type=click.IntRange(0), help="Only the first N statements (all)."
)
@_statement_format
@click.option("--db", "db", help=DB_HELP)
def timeline(speaker: str, limit: int | None, fmt: str, db: str | None) -> None:
    """Everything SPEAKER said, in the order it was said."""
    with command_store(db) as store:
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
def export(
    fmt: str, output: str, text: str | None, db: str | None, **filters: Unpack[Filters]
) -> None:
    """Export statements (one row per quote, with article and speaker) as JSONL, CSV or Parquet."""
    if fmt == "parquet" and output == "-" and sys.stdout.isatty():
        raise click.ClickException("Parquet is binary: give --output FILE")
    if fmt == "parquet" and output == "-" and not _stdout_is_a_file():
        click.echo(
            "onrecord: writing Parquet (binary) to standard output, which is not a file; "
            "give --output FILE to write a file",
            err=True,
        )
    with command_store(db) as store:
        target: BinaryIO | str = sys.stdout.buffer if output == "-" else output
        rows = store.export(fmt, target, text=text, **filters)
    where = "standard output" if output == "-" else output
    click.echo(f"exported {counted(rows, 'statement')} as {fmt} to {safe(where)}", err=True)


def _stdout_is_a_file() -> bool:
    """Whether standard output is a regular file (`> out.parquet`), not a pipe or terminal."""
    try:
        return stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):  # no file descriptor (an embedding caller)
        return False
