"""`onrecord statements` and `onrecord trace`: one statement across its reports."""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict

import click

from onrecord.cli.options import check_date
from onrecord.cli.render import safe
from onrecord.cli.store import DB_HELP
from onrecord.cli.store import command_store as _store
from onrecord.statements.drift import DriftFlag

_WRAP = textwrap.TextWrapper(width=100, initial_indent="    ", subsequent_indent="    ")


@click.command()
@click.option("--speaker", help="A speaker's name, alias or id.")
@click.option("--since", callback=check_date, help="Statements first made on or after YYYY-MM-DD.")
@click.option("--drift-only", is_flag=True, help="Only statements whose versions differ.")
@click.option(
    "--min-reports", default=1, show_default=True, type=click.IntRange(1),
    help="Only statements reported at least this many times.",
)  # fmt: skip
@click.option(
    "--limit", default=20, show_default=True, type=click.IntRange(0), help="Statements to show."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
    help="text: readable; jsonl: one JSON object per statement.",
)  # fmt: skip
@click.option("--db", "db", help=DB_HELP)
def statements(
    speaker: str | None,
    since: str | None,
    drift_only: bool,
    min_reports: int,
    limit: int,
    fmt: str,
    db: str | None,
) -> None:
    """Statements: quotes of one utterance grouped across articles, most reported first."""
    with _store(db) as store:
        rows = store.statements(
            speaker=speaker, since=since, drift_only=drift_only, min_reports=min_reports,
            limit=limit,
        )  # fmt: skip
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(asdict(row), ensure_ascii=False))
        return
    if not rows:
        click.echo("no statements found", err=True)
        return
    for row in rows:
        drift = f" · {row.drift} drift flag{'s' * (row.drift != 1)}" if row.drift else ""
        click.echo(
            f"#{row.id} · {row.first_date or 'undated'} · {safe(row.speaker or 'unattributed')}"
            f" · {row.reports} report{'s' * (row.reports != 1)}{drift} · first {safe(row.ref)}"
        )
        click.echo("\n".join(_WRAP.wrap(safe(" ".join(row.text.split())))))
        click.echo("")


@click.command()
@click.argument("quote_ref")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: readable; json: the statement, its reports and drift flags.",
)  # fmt: skip
@click.option("--db", "db", help=DB_HELP)
def trace(quote_ref: str, fmt: str, db: str | None) -> None:
    """The statement the quote QUOTE_REF (DOC_ID#q3, as `search` shows it) belongs to: every
    report of it in time order, with outlet and date, and what differs between them."""
    with _store(db) as store:
        found = store.trace(quote_ref)
    if found is None:
        raise click.ClickException(
            f"{safe(quote_ref)} was stored before statements were kept; "
            "re-analyse its article (onrecord ingest --reanalyse)"
        )
    if fmt == "json":
        click.echo(json.dumps(asdict(found), ensure_ascii=False, indent=2))
        return
    n = len(found.reports)
    click.echo(
        f"statement #{found.id} · {safe(found.speaker or 'unattributed')} · "
        f"{found.first_date or 'undated'} · {n} report{'s' * (n != 1)}"
    )
    flagged: dict[str, list[DriftFlag]] = {}
    for flag in found.drift:
        flagged.setdefault(flag.ref, []).append(flag)
    for report in found.reports:
        mark = "*" if report.ref == quote_ref.strip() else " "
        first = " · earliest" if report.earliest else ""
        via = f"via {report.via}" if report.via else None
        head = " · ".join(
            safe(x)
            for x in (report.date or "undated", report.outlet, via, report.type, report.ref)
            if x
        )
        click.echo(f"\n{mark} {head}{first}")
        if report.speaker != found.speaker:
            click.echo(f"    speaker: {safe(report.speaker or 'unattributed')}")
        click.echo("\n".join(_WRAP.wrap(safe(" ".join(report.text.split())))))
        for flag in flagged.get(report.ref, []):
            click.echo(f"    ! {flag.kind}: {safe(flag.detail)} (against {safe(flag.other)})")
