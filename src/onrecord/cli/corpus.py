"""Corpus commands: ingest, search, speakers, timeline, export, failures, correct,
statements, trace; each group lives in its own module, ``register`` adds them all."""

from __future__ import annotations

import click

from onrecord.cli.ingest import failures, ingest
from onrecord.cli.search import export, search, timeline
from onrecord.cli.speakers import correct, speakers
from onrecord.cli.statements import statements, trace

__all__ = ["register"]


def register(main: click.Group) -> None:
    """Add the corpus commands to the ``onrecord`` group."""
    main.add_command(ingest)
    main.add_command(search)
    main.add_command(speakers)
    main.add_command(timeline)
    main.add_command(export)
    main.add_command(failures)
    main.add_command(correct)
    main.add_command(statements)
    main.add_command(trace)
