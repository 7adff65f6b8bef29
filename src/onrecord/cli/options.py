"""What the command modules share with click: the check of a date option, and the group
whose command list shows each command's first sentence whole."""

from __future__ import annotations

import click

from onrecord.text.days import iso_day


def check_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A click callback: an option given as YYYY-MM-DD, or a clear error."""
    if value is None:
        return None
    try:
        return iso_day(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


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
