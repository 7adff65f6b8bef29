"""Scoring speakers against a speaker layer over a brat split (PolNeAR's speakers/ format)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli.app import main
from onrecord.errors import InputError
from onrecord.evaluation import EvalQuote, load_gold
from onrecord.evaluation.speaker_errors import classify
from onrecord.evaluation.speakers import parties, speaker_matches

BRAT = Path(__file__).parent / "fixtures" / "eval" / "polnear_mini"


def _layer(
    folder: Path, doc_id: str, speakers: dict[str, str | None], **aliases: list[str]
) -> None:
    folder.mkdir(exist_ok=True)
    entities = [{"name": name, "aliases": list(a)} for name, a in aliases.items()]
    for name in {n for n in speakers.values() if n} - set(aliases):
        entities.append({"name": name, "aliases": []})
    data = {"doc_id": doc_id, "entities": entities, "speakers": speakers}
    (folder / f"{doc_id}.speakers.json").write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def split(tmp_path: Path) -> Path:
    target = tmp_path / "split"
    shutil.copytree(BRAT, target)
    _layer(target / "speakers", "doc_a", {"E1": "Mayor Okoro", "E2": None, "E3": "Jane Doe"})
    return target


def test_a_split_with_a_speakers_folder_is_scored_for_speakers(split: Path) -> None:
    docs = {doc.doc_id: doc for doc in load_gold(split)}
    assert "speaker" in docs["doc_a"].annotated
    assert "speaker" not in docs["doc_b"].annotated  # no layer file: not scored
    assert [q.speaker for q in docs["doc_a"].quotes] == ["Mayor Okoro", None, "Jane Doe"]


def test_a_layer_that_misses_an_attribution_is_refused(split: Path) -> None:
    _layer(split / "speakers", "doc_a", {"E1": "Mayor Okoro"})
    with pytest.raises(InputError, match="no entry for E2"):
        load_gold(split)


def test_eval_reports_speaker_scores_and_errors_by_kind(split: Path, tmp_path: Path) -> None:
    layer = tmp_path / "elsewhere"
    _layer(layer, "doc_a", {"E1": "Mayor Okoro", "E2": None, "E3": "Jane Doe"})
    result = CliRunner().invoke(
        main, ["eval", str(split), "--speakers", str(layer), "--speaker-docs-only", "--errors", "5"]
    )
    assert result.exit_code == 0, result.output
    assert "in 1 documents" in result.output  # only the annotated one
    assert "speaker end-to-end" in result.output
    assert "matched quotes with a wrong speaker, by kind" in result.output
    # "The mayor" names nobody the article identifies by name: a role-description error
    assert "role description: 1" in result.output


def test_any_party_of_a_joined_gold_name_is_right() -> None:
    assert parties("Ann Vell, Tom Rusk and Ida Brenn") == [
        "Ann Vell",
        "Tom Rusk",
        "Ida Brenn",
    ]
    assert parties("Tallis/Marden") == ["Tallis", "Marden"]
    assert parties("Alder-Brook police") == []
    gold = EvalQuote(content=((0, 1),), speaker="Ann Vell, Tom Rusk and Ida Brenn")
    assert speaker_matches(EvalQuote(content=((0, 1),), speaker="Tom Rusk"), gold)
    assert speaker_matches(EvalQuote(content=((0, 1),), speaker="Brenn"), gold)
    assert not speaker_matches(EvalQuote(content=((0, 1),), speaker="Dale Okoro"), gold)


@pytest.mark.parametrize(
    ("gold_speaker", "pred_source", "kind"),
    [
        ("Jane Doe", "", "no source"),
        ("Jane Doe", "she", "pronoun"),
        ("Jane Doe", "I", "first person"),
        ("Halvorsen Institute", "the poll", "document or poll"),
        ("Castellan campaign", "Castellan's campaign", "possessive or collective"),
        ("Riverton police", "police", "body or group"),
        ("Dale Okoro", "the presidential nominee", "role description"),
        ("Jane Doe", "Doe", "name"),
        (None, "Doe", "speaker where gold has none"),
        ("European leaders", "BRUSSELS - European leaders", "dateline"),
    ],
)
def test_speaker_errors_are_grouped_by_kind(
    gold_speaker: str | None, pred_source: str, kind: str
) -> None:
    gold = EvalQuote(content=((0, 1),), speaker=gold_speaker)
    pred = EvalQuote(content=((0, 1),), speaker="Somebody Else")
    assert classify(gold, pred, "x", pred_source, attribution=True) == kind
