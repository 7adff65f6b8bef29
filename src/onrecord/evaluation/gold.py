"""Load gold annotations from any supported layout."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from onrecord.errors import InputError
from onrecord.evaluation.brat import is_brat_split, load_brat_split
from onrecord.evaluation.gold_json import is_gold_json_dir, load_gold_json, load_gold_json_dir
from onrecord.evaluation.model import GoldDoc
from onrecord.evaluation.speaker_layer import attach_speaker_layer


def load_gold(
    path: str | Path,
    *,
    date_alternatives: Mapping[str, Sequence[str]] | None = None,
    speakers: str | Path | None = None,
) -> list[GoldDoc]:
    """Load gold documents from a PolNeAR-style split directory (``text/``, ``attributions/``),
    a single gold JSON file, or a directory of ``*.gold.json`` files.

    ``date_alternatives`` maps a quote's ``date_text`` to further date values accepted as right
    (gold JSON only; PolNeAR has no dates). A brat split is scored for speakers where a speaker
    layer gives them: ``speakers`` (a folder of ``<doc_id>.speakers.json``) or else the split's
    own ``speakers/`` folder.
    """
    path = Path(path)
    if is_brat_split(path):
        docs = load_brat_split(path)
        layer = Path(speakers) if speakers is not None else path / "speakers"
        return attach_speaker_layer(docs, layer) if layer.is_dir() or speakers else docs
    if speakers is not None:
        raise InputError("--speakers applies to a brat split (text/ and attributions/)")
    if path.is_file() and path.suffix == ".json":
        return [load_gold_json(path, date_alternatives)]
    if is_gold_json_dir(path):
        return load_gold_json_dir(path, date_alternatives)
    raise InputError(
        f"{path}: not a gold annotation: expected a split directory with text/ and attributions/, "
        "a .gold.json file, or a directory of .gold.json files"
    )


def parse_date_alternatives(options: Iterable[str]) -> dict[str, list[str]]:
    """Parse ``"DATE TEXT=VALUE"`` options (as given to ``--accept-date``) into a mapping.

    >>> parse_date_alternatives(["Two days earlier=2022-02-14"])
    {'Two days earlier': ['2022-02-14']}
    """
    parsed: dict[str, list[str]] = {}
    for option in options:
        date_text, sep, value = option.rpartition("=")
        if not sep or not date_text.strip() or not value.strip():
            raise InputError(f"--accept-date expects 'DATE TEXT=VALUE', got {option!r}")
        parsed.setdefault(date_text.strip(), []).append(value.strip())
    return parsed
