"""The canonical sample article against its hand-made gold annotation (issue: the main job)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from onrecord.record import ArticleRecord, Entity, Quote

Span = tuple[int, int]


def _gold_quotes(gold: dict[str, Any], *types: str) -> list[dict[str, Any]]:
    return [q for q in gold["quotes"] if q["type"] in types]


def _quote_with_content(record: ArticleRecord, spans: list[list[int]]) -> Quote | None:
    wanted = [tuple(span) for span in spans]
    matches = [q for q in record.quotes if [tuple(s) for s in q.content.spans] == wanted]
    assert len(matches) <= 1, f"{len(matches)} quotes share the content {wanted}"
    return matches[0] if matches else None


def _entity(record: ArticleRecord, entity_id: str | None) -> Entity | None:
    return next((e for e in record.entities if e.id == entity_id), None)


def _names_of(gold: dict[str, Any], name: str) -> set[str]:
    entity = next(e for e in gold["entities"] if e["name"] == name)
    return {entity["name"], *entity["aliases"]}


def test_every_direct_and_partial_quote_is_found_as_one_quote(
    sample_record: ArticleRecord, sample_gold: dict[str, Any]
) -> None:
    missing = [
        q["id"]
        for q in _gold_quotes(sample_gold, "direct", "partial")
        if _quote_with_content(sample_record, q["content"]["spans"]) is None
    ]
    assert missing == []


def test_multi_paragraph_quotes_are_one_quote_each(
    sample_record: ArticleRecord, sample_gold: dict[str, Any], sample_text: str
) -> None:
    multi = [
        q
        for q in _gold_quotes(sample_gold, "direct")
        if "\n" in sample_text[slice(*q["content"]["spans"][0])]
    ]
    assert len(multi) == 8
    for q in multi:
        found = _quote_with_content(sample_record, q["content"]["spans"])
        assert found is not None and found.type == "direct", q["id"]


def test_the_real_speaker_of_every_direct_quote(
    sample_record: ArticleRecord, sample_gold: dict[str, Any]
) -> None:
    wrong = []
    for q in _gold_quotes(sample_gold, "direct"):
        found = _quote_with_content(sample_record, q["content"]["spans"])
        assert found is not None and found.speaker is not None, q["id"]
        entity = _entity(sample_record, found.speaker.entity)
        ours = {found.speaker.name, *(entity.aliases if entity else [])}
        if not ours & _names_of(sample_gold, q["speaker"]["name"]):
            wrong.append((q["id"], q["speaker"]["name"], found.speaker.name))
    assert wrong == []


def test_scare_quotes_are_not_quotes(sample_record: ArticleRecord, sample_text: str) -> None:
    contents = [q.content.text for q in sample_record.quotes]
    assert '"partners"' not in contents
    assert not any(re.fullmatch(r"[“\"]Russian invasion[”\"]", c) for c in contents)
    # "Russian invasion" stays inside the direct quote that contains it.
    invasion = sample_text.index("“Russian invasion”")
    holders = [
        q for q in sample_record.quotes if any(s <= invasion < e for s, e in q.content.spans)
    ]
    assert [q.type for q in holders] == ["direct"]


@pytest.mark.parametrize(
    ("canonical", "variants"),
    [
        ("Sergei Lavrov", {"Sergei Lavrov", "Sergey Lavrov", "Lavrov"}),
        ("Alexei Podberezkin", {"Alexei Podberezkin", "Alexey Podberyozkin"}),
        ("Sergey Ermakov", {"Sergey Ermakov", "Yermakov"}),
    ],
)
def test_transliteration_variants_make_one_person(
    sample_record: ArticleRecord, canonical: str, variants: set[str]
) -> None:
    holders = [
        e for e in sample_record.entities if e.type == "PERSON" and variants & {e.name, *e.aliases}
    ]
    assert len(holders) == 1, [e.name for e in holders]
    assert variants <= {holders[0].name, *holders[0].aliases}


def test_people_carry_the_titles_the_article_states(sample_record: ArticleRecord) -> None:
    by_alias = {alias: e for e in sample_record.entities for alias in e.aliases}
    assert "Russian Foreign Minister" in by_alias["Lavrov"].titles
    assert by_alias["Lavrov"].country == "RU"
    assert by_alias["Olaf Scholz"].country == "DE"
    expert = by_alias["Sergey Ermakov"]
    assert expert.affiliation == "RISS Research Coordination Center"
    assert any(t.startswith("expert at") for t in expert.titles)


def test_descriptions_resolve_to_the_person_introduced_earlier(
    sample_record: ArticleRecord,
) -> None:
    resolved = {
        q.source.text: q.speaker.name
        for q in sample_record.quotes
        if q.source is not None and q.speaker is not None
    }
    names = {e.name: set(e.aliases) | {e.name} for e in sample_record.entities}

    def is_(mention: str, alias: str) -> bool:
        return alias in names[resolved[mention]]

    assert is_("the minister", "Lavrov")
    assert is_("the Russian leader", "Putin")
    assert is_("the head of the department", "Sergei Shoigu")
    assert is_("the analyst", "Asafov")


def test_captions_never_reach_a_quote_or_a_speaker(sample_record: ArticleRecord) -> None:
    layout = [tuple(s) for s in sample_record.boilerplate]
    assert len(layout) == 9

    def overlaps(span: tuple[int, int]) -> bool:
        return any(s < span[1] and span[0] < e for s, e in layout)

    for quote in sample_record.quotes:
        for part in (quote.content, quote.cue, quote.source):
            if part is not None:
                assert not any(overlaps(tuple(s)) for s in part.spans), quote.id  # type: ignore[arg-type]
    for entity in sample_record.entities:
        assert not any(overlaps(tuple(m)) for m in entity.mentions), entity.name  # type: ignore[arg-type]


def test_layout_matches_the_gold(sample_record: ArticleRecord, sample_gold: dict[str, Any]) -> None:
    assert [list(s) for s in sample_record.boilerplate] == sample_gold["boilerplate"]
    assert [list(s) for s in sample_record.headings] == sample_gold["headings"]


def test_spans_are_offsets_into_the_original_text(
    sample_record: ArticleRecord, sample_text: str
) -> None:
    for quote in sample_record.quotes:
        for part in (quote.content, quote.cue, quote.source):
            if part is not None:
                assert part.text == " ".join(sample_text[s:e] for s, e in part.spans)
    for entity in sample_record.entities:
        for start, end in entity.mentions:
            assert sample_text[start:end] in {entity.name, *entity.aliases}
