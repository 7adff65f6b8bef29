"""`onrecord speakers` (with `merge`, `split`, `explain`) and `onrecord correct`: who is
quoted, and corrections of who said what."""

from __future__ import annotations

import click

from onrecord.cli.options import WholeHelpGroup
from onrecord.cli.render import counted, safe
from onrecord.cli.store import DB_HELP, command_store


def date_range(first: str | None, last: str | None) -> str:
    """ "2022-02-13 – 2022-02-15", one date when both are the same, "undated" for none."""
    if not first and not last:
        return "undated"
    if not first or not last or first == last:
        return str(first or last)
    return f"{first} – {last}"


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
    with command_store(db) as store:
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
    with command_store(db or group_db) as store:
        row = store.merge_speakers(keep, other)
    click.echo(f"merged into {row.id}: {safe(row.name)} ({safe('; '.join(row.aliases))})")


@speakers.command()
@click.argument("speaker")
@click.argument("alias")
@click.option("--db", "db", help=DB_HELP)
@click.pass_obj
def split(group_db: str | None, speaker: str, alias: str, db: str | None) -> None:
    """Move ALIAS (and the mentions that carry it) out of SPEAKER into a speaker of its own."""
    with command_store(db or group_db) as store:
        row = store.split_speaker(speaker, alias)
    click.echo(f"new speaker {row.id}: {safe(row.name)}")


@speakers.command()
@click.argument("speaker")
@click.option("--db", "db", help=DB_HELP)
@click.pass_obj
def explain(group_db: str | None, speaker: str, db: str | None) -> None:
    """Why the mentions of SPEAKER were taken to be one person or body."""
    with command_store(db or group_db) as store:
        explanation = store.explain_speaker(speaker)
    click.echo("\n".join(safe(line) for line in explanation.lines()))


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
    with command_store(db) as store:
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
