"""Coverage-guided fuzzing (atheris/libFuzzer) of the reader, the layout and quote pairing.

No spaCy: each input goes through

- ``read.decode`` and ``read.check_text`` (bytes as UTF-8; the same bytes as UTF-16, which
  gives any code point, lone surrogates included): they return text or raise
  ``InputError``, nothing else; decoded text encodes back to the same bytes; text
  ``check_text`` accepts contains no NUL and can be encoded as UTF-8;
- ``clean.find_layout``: paragraphs, boilerplate, headings and title are non-empty line
  spans inside the text, paragraphs sorted and disjoint; the parser text keeps every
  offset and line break;
- ``marks.pair_quotes`` on the layout's paragraphs (all of them, and without the headings
  as ``api`` passes them): pairs inside the text, sorted, not overlapping, each starting
  and ending at a quotation mark of its family, in the paragraphs it says it covers;
- ``sources``' JSONL reading: ``_lines`` numbers the lines and measures the ones over the
  limit exactly like a plain split, and ``_jsonl_item`` turns each line into an
  ``InputItem`` or an ``InputFailure``, never an exception.

A broken invariant or an unexpected exception is a *finding*. By default the run goes on
after one: each distinct finding (by check and place) is written once to the findings
folder, with the shortest input seen for it, and listed at the end. ``--strict`` makes a
finding a libFuzzer crash instead (the run stops and libFuzzer writes ``crash-*``).

Usage (from the repository root)::

    .venv/bin/python benchmarks/fuzz.py --seconds 600
    .venv/bin/python benchmarks/fuzz.py --runs 20000 --seconds 120
    .venv/bin/python benchmarks/fuzz.py --reproduce path/to/input   # run one input, no fuzzing

The script runs libFuzzer in a child process, passes its progress through, and prints a
summary at the end: executions, coverage (libFuzzer's ``cov:``/``ft:``), corpus size and
findings. The seed corpus is ``benchmarks/fuzz_corpus/`` (read only); new inputs go to the
working corpus folder (``--work``, a fresh temporary folder by default).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "fuzz_corpus"
FINDINGS_ENV = "ONRECORD_FUZZ_FINDINGS"
STRICT_ENV = "ONRECORD_FUZZ_STRICT"
WORKER_FLAG = "--worker"

Span = tuple[int, int]

QUOTATION_MARKS = frozenset("\"'“”„«»‘’‚‹›")
DOUBLE_MARKS = frozenset('"“”„«»')
SINGLE_MARKS = frozenset("'‘’‚‹›")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LINE = re.compile(rb"[^\n]*\n|[^\n]+\Z")


class Violation(Exception):
    """A broken invariant: ``kind`` names it (one finding per kind), the message shows it."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


def require(condition: bool, kind: str, detail: object = "") -> None:
    if not condition:
        raise Violation(kind, str(detail))


# --- the checks (imported lazily: the worker instruments onrecord before importing it) ----


def check_decode(data: bytes) -> str | None:
    """decode + check_text on the bytes as UTF-8: the accepted text, or None if refused."""
    from onrecord.errors import InputError
    from onrecord.text.read import decode

    try:
        text = decode(data, origin="fuzz")
    except InputError as err:
        require(str(err).startswith("fuzz: "), "decode: error message without the origin", err)
        return None
    require(isinstance(text, str), "decode: not a str", type(text))
    require(text.encode("utf-8") == data, "decode: text does not encode back to the bytes")
    return checked(text)


def checked(text: str) -> str | None:
    """check_text: the text unchanged, or None when it raises InputError."""
    from onrecord.errors import InputError
    from onrecord.text.read import check_text

    try:
        result = check_text(text, origin="fuzz")
    except InputError:
        return None
    require(result is text, "check_text: changed the text")
    require("\x00" not in result, "check_text: accepted a NUL character")
    try:
        result.encode("utf-8")
    except UnicodeEncodeError as err:
        raise Violation(
            "check_text: accepted text that is not valid Unicode (lone surrogate)",
            f"{result[err.start : err.end]!r} at {err.start}",
        ) from None
    return result


def _line_span(text: str, span: Span, what: str) -> None:
    start, end = span
    require(0 <= start < end <= len(text), f"layout: {what} span outside the text or empty", span)
    require("\n" not in text[start:end], f"layout: {what} span crosses a line break", span)
    require(bool(text[start:end].strip()), f"layout: {what} span is blank", span)


def check_layout(text: str) -> tuple[list[Span], list[Span]]:
    """find_layout's spans; returns (all paragraphs, paragraphs without headings)."""
    from onrecord.lexicon import default_lexicon
    from onrecord.text.clean import find_layout

    layout = find_layout(text, default_lexicon())
    previous = 0
    for span in layout.paragraphs:
        _line_span(text, span, "paragraph")
        require(span[0] >= previous, "layout: paragraphs unsorted or overlapping", span)
        previous = span[1]
    paragraphs = set(layout.paragraphs)
    for span in layout.boilerplate:
        _line_span(text, span, "boilerplate")
        require(span not in paragraphs, "layout: boilerplate that is also a paragraph", span)
    for span in layout.headings:
        _line_span(text, span, "heading")
        require(span in paragraphs, "layout: heading that is not a paragraph", span)
    if layout.title is not None:
        _line_span(text, layout.title, "title")
        require(layout.title in paragraphs, "layout: title that is not a paragraph", layout.title)
    parser_text = layout.parser_text(text)
    require(len(parser_text) == len(text), "layout: parser text changes the length")
    inside = bytearray(len(text))
    for start, end in [*layout.boilerplate, *layout.headings]:
        inside[start:end] = b"\x01" * (end - start)
    for i, (old, new) in enumerate(zip(text, parser_text, strict=True)):
        if old != new:
            require(inside[i] == 1 and new == " ", "layout: parser text changed outside", i)
            require(old not in "\r\n", "layout: parser text lost a line break", i)
    body = [p for p in layout.paragraphs if p not in set(layout.headings)]
    return layout.paragraphs, body


def check_pairs(text: str, paragraphs: Sequence[Span]) -> None:
    """pair_quotes: sorted, disjoint spans from a mark of the family to a mark of it."""
    from onrecord.text.marks import pair_quotes

    quotes = pair_quotes(text, paragraphs)
    require(quotes == pair_quotes(text, list(paragraphs)), "pair_quotes: not deterministic")
    previous = 0
    for quote in quotes:
        start, end = quote.span
        require(start >= 0 and start + 2 <= end <= len(text), "pair_quotes: bad span", quote)
        require(start >= previous, "pair_quotes: unsorted or overlapping", quote)
        previous = end
        marks = DOUBLE_MARKS if quote.family == "double" else SINGLE_MARKS
        require(quote.family in ("double", "single"), "pair_quotes: unknown family", quote)
        require(text[start] in marks, "pair_quotes: does not start at a mark", quote)
        require(text[end - 1] in marks, "pair_quotes: does not end at a mark", quote)
        touched = [p for p in paragraphs if p[0] < end and start < p[1]]
        require(bool(touched), "pair_quotes: outside every paragraph", quote)
        require(touched[0][0] <= start and end <= touched[-1][1], "pair_quotes: crosses", quote)
        require(quote.paragraphs == len(touched), "pair_quotes: paragraph count", quote)


def check_lines(data: bytes) -> None:
    """sources._lines against a plain split of the bytes, with a small line limit."""
    from onrecord.text.inputs.jsonl import _lines

    limit = (data[0] % 40) + 1 if data else 1
    expected: list[tuple[int, bytes | int | None]] = []
    for number, match in enumerate(_LINE.finditer(data), start=1):
        line = match.group()
        content = line.removesuffix(b"\n")
        if not line.strip():
            expected.append((number, None))
        elif len(content) <= limit:
            expected.append((number, line))
        else:
            expected.append((number, len(content)))
    got = list(_lines(io.BytesIO(data), limit))
    require(got == expected, "sources._lines: differs from a plain split", (limit, got, expected))


def check_jsonl(data: bytes) -> None:
    """sources._jsonl_item on each of the first lines: an item or a failure, never a raise."""
    from onrecord.text.inputs import InputFailure, InputItem
    from onrecord.text.inputs.jsonl import _jsonl_item

    for number, match in enumerate(_LINE.finditer(data), start=1):
        if number > 4:
            break
        line = match.group()
        if not line.strip():
            continue
        result = _jsonl_item(line, f"fuzz:{number}", f"fuzz-{number}", 5_000_000, True)
        if isinstance(result, InputFailure):
            require(bool(result.reason.strip()), "jsonl: failure without a reason", result)
            continue
        require(isinstance(result, InputItem), "jsonl: neither item nor failure", type(result))
        require(bool(result.text.strip()), "jsonl: blank text accepted", result.origin)
        require("\x00" not in result.text, "jsonl: NUL accepted", result.origin)
        require(bool(result.doc_id), "jsonl: empty id", result)
        for value in (result.text, result.doc_id, result.title, result.url, result.outlet):
            if value is not None:
                require(isinstance(value, str), "jsonl: field not a str", result)
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    raise Violation("jsonl: lone surrogate accepted", repr(result)) from None
        published = result.published
        require(published is None or bool(_ISO_DATE.match(published)), "jsonl: date", result)


def check_text_input(text: str) -> None:
    paragraphs, body = check_layout(text)
    check_pairs(text, paragraphs)
    check_pairs(text, body)


def one_input(data: bytes) -> list[tuple[str, BaseException]]:
    """Run every check on the input; the findings as (stage, exception)."""
    found: list[tuple[str, BaseException]] = []

    def stage(name: str, check: Callable[[], object]) -> None:
        try:
            check()
        except Exception as err:  # a finding: recorded, the run goes on
            found.append((name, err))

    text: list[str | None] = [None]

    def utf8() -> None:
        text[0] = check_decode(data)

    stage("decode", utf8)
    utf8_text = text[0]
    if utf8_text is not None:
        stage("text", lambda: check_text_input(utf8_text))
    wide = data[: len(data) // 2 * 2].decode("utf-16-le", "surrogatepass")
    wide_ok: list[str | None] = [None]

    def utf16() -> None:
        wide_ok[0] = checked(wide)

    stage("check_text", utf16)
    # Layout and pairing are str functions: any str, lone surrogates included.
    if wide != utf8_text and "\x00" not in wide:
        stage("text16", lambda: check_text_input(wide))
    stage("lines", lambda: check_lines(data))
    stage("jsonl", lambda: check_jsonl(data))
    return found


def signature(stage: str, err: BaseException) -> str:
    if isinstance(err, Violation):
        return err.kind
    frames = traceback.extract_tb(err.__traceback__)
    inner = [f for f in frames if "onrecord" in f.filename] or frames
    where = f"{Path(inner[-1].filename).name}:{inner[-1].lineno}" if inner else "?"
    return f"{stage}: {type(err).__name__} at {where}"


# --- the worker: runs inside libFuzzer -----------------------------------------------------


class Recorder:
    """Keeps the shortest input of each distinct finding in the findings folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.shortest: dict[str, int] = {}
        folder.mkdir(parents=True, exist_ok=True)

    def record(self, data: bytes, stage: str, err: BaseException) -> None:
        key = signature(stage, err)
        if key in self.shortest and self.shortest[key] <= len(data):
            return
        first = key not in self.shortest
        self.shortest[key] = len(data)
        name = hashlib.sha1(key.encode()).hexdigest()[:12]
        (self.folder / f"{name}.input").write_bytes(data)
        trace = "".join(traceback.format_exception(err))
        (self.folder / f"{name}.txt").write_text(
            f"{key}\n\ninput ({len(data)} bytes): {data!r}\n\n{trace}", encoding="utf-8"
        )
        if first:
            print(f"FINDING {key} ({len(data)} bytes: {data[:80]!r})", file=sys.stderr, flush=True)


def worker(argv: list[str]) -> None:
    import atheris  # type: ignore[import-untyped]

    with atheris.instrument_imports(include=["onrecord"]):
        import onrecord.lexicon
        import onrecord.text.clean
        import onrecord.text.inputs
        import onrecord.text.marks
        import onrecord.text.read

    onrecord.lexicon.default_lexicon()  # load the data files before fuzzing starts
    recorder = Recorder(Path(os.environ[FINDINGS_ENV]))
    strict = os.environ.get(STRICT_ENV) == "1"

    def test_one_input(data: bytes) -> None:
        for stage, err in one_input(data):
            if strict:
                raise err
            recorder.record(data, stage, err)

    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


# --- the driver: runs the worker, shows progress, sums up ---------------------------------

# Tokens libFuzzer splices into inputs (-dict): marks, line breaks, caption and credit
# openings, JSONL keys. Written to the working folder at the start of a run.
DICTIONARY = [
    *sorted(QUOTATION_MARKS),
    "\n",
    "\n\n",
    "\r\n",
    "  \u2022 ",
    "\u00a9 ",
    "Photo: ",
    "Getty Images",
    "Reuters",
    "Advertisement",
    " he said.",
    " said",
    ", \u201d",
    "\u2019s ",
    "s\u2019 ",
    "'s",
    " (",
    ") ",
    " - ",
    ":",
    "...",
    "\ufeff",
    "\u2028",
    "\u00a0",
    "\u200b",
    '{"text": "',
    '", "id": "',
    '", "published": "2022-02-15"}',
    '"title": null',
    "\\u201c",
    "\\ud800",
    "\\u0000",
]


def write_dictionary(path: Path) -> None:
    lines = []
    for token in DICTIONARY:
        escaped = "".join(
            chr(b) if 0x20 <= b < 0x7F and b not in b'"\\' else f"\\x{b:02x}"
            for b in token.encode("utf-8")
        )
        lines.append(f'"{escaped}"')
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


_STATUS = re.compile(r"^#(\d+)\s+(\w+)\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)")
_STAT = re.compile(r"^stat::(\w+):\s+(\d+)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=600, help="fuzz this long (600)")
    parser.add_argument("--runs", type=int, default=None, help="stop after this many inputs")
    parser.add_argument("--work", type=Path, default=None, help="working corpus folder")
    parser.add_argument("--findings", type=Path, default=None, help="findings folder")
    parser.add_argument("--max-len", type=int, default=4096, help="longest input in bytes")
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take")
    parser.add_argument("--strict", action="store_true", help="stop at the first finding")
    parser.add_argument("--verbose", action="store_true", help="show every libFuzzer line")
    parser.add_argument("--reproduce", type=Path, nargs="+", help="run these inputs and exit")
    args = parser.parse_args(argv)

    if args.reproduce:
        return reproduce(args.reproduce)
    work = args.work or Path(tempfile.mkdtemp(prefix="onrecord-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)
    findings = args.findings or work / "findings"
    corpus = work / "corpus"
    corpus.mkdir(exist_ok=True)
    dictionary = work / "onrecord.dict"
    write_dictionary(dictionary)
    libfuzzer = [
        f"-max_total_time={args.seconds}",
        f"-dict={dictionary}",
        f"-max_len={args.max_len}",
        f"-timeout={args.timeout}",
        "-rss_limit_mb=4096",
        "-print_final_stats=1",
        f"-artifact_prefix={work}/",
        str(corpus),  # new inputs go to the first folder
        str(SEEDS),
    ]
    if args.runs is not None:
        libfuzzer.insert(0, f"-runs={args.runs}")
    env = dict(os.environ, **{FINDINGS_ENV: str(findings), STRICT_ENV: "1" if args.strict else ""})
    command = [sys.executable, str(Path(__file__).resolve()), WORKER_FLAG, *libfuzzer]
    print("running:", " ".join(command), file=sys.stderr, flush=True)

    status: dict[str, str] = {}
    stats: dict[str, int] = {}
    crash_lines: list[str] = []
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            line = line.rstrip("\n")
            if match := _STATUS.match(line):
                status = dict(
                    zip(
                        ("execs", "event", "cov", "ft", "corp", "size"), match.groups(), strict=True
                    )
                )
            elif match := _STAT.match(line):
                stats[match.group(1)] = int(match.group(2))
            if any(k in line for k in ("crash-", "timeout-", "oom-", "ERROR", "Uncaught")):
                crash_lines.append(line)
            progress = line.startswith("#")
            dictionary_entry = line.startswith('"')  # libFuzzer's recommended dictionary
            shown = (not progress and not dictionary_entry) or (
                progress and status.get("event") in ("INITED", "pulse", "DONE")
            )
            if args.verbose or shown:
                print(line, file=sys.stderr, flush=True)
        code = child.wait()

    found = sorted(findings.glob("*.txt")) if findings.is_dir() else []
    artifacts = sorted(
        p for p in work.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-"))
    )
    executions = stats.get("number_of_executed_units", int(status.get("execs", 0)))
    print("\n== onrecord fuzz summary ==")
    print(f"command:     {' '.join(command)}")
    print(f"exit code:   {code}")
    print(f"executions:  {executions:,}")
    if "average_exec_per_sec" in stats:
        print(f"exec/s:      {stats['average_exec_per_sec']:,}")
    if "slowest_unit_time_sec" in stats:
        print(f"slowest:     {stats['slowest_unit_time_sec']} s for one input")
    print(f"coverage:    cov: {status.get('cov', '?')}  ft: {status.get('ft', '?')}")
    print(f"corpus:      {status.get('corp', '?')} inputs ({status.get('size', '?')}) in {corpus}")
    print(f"crashes:     {len(artifacts)} libFuzzer artifact(s), {len(found)} distinct finding(s)")
    for artifact in artifacts:
        print(f"  {artifact}")
    for line in crash_lines[:10]:
        print(f"  | {line}")
    for report in found:
        first = report.read_text(encoding="utf-8").split("\n", 1)[0]
        print(f"  {report.with_suffix('.input')}: {first}")
    return 1 if (artifacts or found or code not in (0,)) else 0


def reproduce(paths: Sequence[Path]) -> int:
    status = 0
    for path in paths:
        data = path.read_bytes()
        found = one_input(data)
        print(f"{path}: {len(data)} bytes, {len(found)} finding(s)")
        for stage, err in found:
            status = 1
            print(f"  {signature(stage, err)}")
            print("".join(traceback.format_exception(err)))
    return status


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == WORKER_FLAG:
        worker([sys.argv[0], *sys.argv[2:]])
    else:
        sys.exit(main())
