"""How quotes, cues and sources are found, one construction at a time."""

from __future__ import annotations

import pytest

import onrecord
from conftest import quote_with
from onrecord.record import ArticleRecord, Entity, Quote


def quotes(text: str) -> list[Quote]:
    return onrecord.analyze(text).quotes


def only(text: str) -> Quote:
    found = quotes(text)
    assert len(found) == 1, [(q.type, q.content.text) for q in found]
    return found[0]


def speaker_entity(record: ArticleRecord, quote: Quote) -> Entity:
    assert quote.speaker is not None and quote.speaker.entity is not None
    return next(e for e in record.entities if e.id == quote.speaker.entity)


def test_cue_after_the_quote_with_inverted_subject_and_appositive() -> None:
    text = (
        '"The talks have stalled," said Jane Doe, a senior researcher at the Institute '
        "for Peace Studies, in an interview."
    )
    record = onrecord.analyze(text)
    [quote] = record.quotes
    assert quote.type == "direct"
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.source is not None
    assert quote.source.text.startswith("Jane Doe, a senior researcher")
    person = speaker_entity(record, quote)
    assert person.name == "Jane Doe"
    assert person.affiliation == "Institute for Peace Studies"


def test_colon_lead_in() -> None:
    quote = only('At the summit, John Okoro said: "We will not sign this deal."')
    assert quote.type == "direct"
    assert quote.source is not None and quote.source.text == "John Okoro"


def test_a_quote_split_by_its_cue_is_one_quote() -> None:
    quote = only('"The deal is dead," she said. "There is nothing left to discuss."')
    assert len(quote.content.spans) == 2
    found = quotes('"Every time you say that," Rusk said, referring to the report, "you give up."')
    [quote] = [q for q in found if q.type == "direct"]  # 'referring to' reports its object
    assert len(quote.content.spans) == 2


def test_a_quote_over_several_paragraphs_is_one_quote() -> None:
    text = '"We came to talk.\n\n"We leave with nothing," the envoy said.'
    quote = only(text)
    assert quote.content.spans == [(0, text.index(",") + 2)]


def test_a_cueless_quote_paragraph_continues_the_previous_speaker() -> None:
    text = '"We are ready," Maria Lopez said.\n\n"The other side is not."'
    quote = only(text)
    assert len(quote.content.spans) == 2
    assert quote.speaker is not None and quote.speaker.name == "Maria Lopez"


def test_a_quote_after_a_narrative_sentence_about_its_speaker() -> None:
    record = onrecord.analyze(
        'Rain fell on the capital.\n\nJohn Okoro was defiant on Tuesday. "We will not back down."'
    )
    [quote] = record.quotes
    assert quote.speaker is not None and quote.speaker.name == "John Okoro"


def test_mixed_quote_covers_the_reported_clause() -> None:
    quote = only('The minister said the plan was "dead on arrival" and would never pass.')
    assert quote.type == "mixed"
    assert quote.content.text == 'the plan was "dead on arrival" and would never pass'


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    assert quotes('Officials met their Western "partners" on Monday.') == []
    assert quotes('He appeared on "Meet the Press" on Sunday.') == []
    assert quotes('She appeared on "The Late Hour with Dana Pike" on Sunday.') == []


def test_partial_quote_of_the_current_speaker() -> None:
    record = onrecord.analyze(
        'John Okoro spoke at length.\n\n"We are tired," Okoro said.\n\n'
        'The measures "shook up the whole region" last year.'
    )
    partial = [q for q in record.quotes if q.type == "partial"]
    assert len(partial) == 1
    assert partial[0].speaker is not None and partial[0].speaker.name == "John Okoro"


def test_dash_attribution() -> None:
    quote = only('"I have never felt so afraid for my country." ― Jane Doe')
    assert quote.source is not None and quote.source.text == "Jane Doe"


def test_pronoun_and_description_resolve_to_the_person() -> None:
    text = (
        "Foreign Minister John Okoro arrived in Geneva on Monday.\n\n"
        '"We want peace," the minister said.\n\n'
        '"But not at any price," he added.'
    )
    record = onrecord.analyze(text)
    names = {q.speaker.name for q in record.quotes if q.speaker is not None}
    assert names == {"John Okoro"}


def test_indirect_speech_and_according_to() -> None:
    quote = only("The minister said that the talks had failed.")
    assert quote.type == "indirect"
    assert quote.content.text == "the talks had failed"
    quote = only("According to the minister, the talks failed.")
    assert quote.type == "indirect"
    assert quote.source is not None and quote.source.text == "the minister"
    assert quote.content.text == "the talks failed"


def test_transliteration_variants_of_one_name_are_one_person() -> None:
    record = onrecord.analyze(
        'Yevgeny Sidorov, a senior fellow, spoke first. "We disagree," Evgeny Sidorov said.'
    )
    people = [e for e in record.entities if e.type == "PERSON"]
    assert len(people) == 1
    assert {"Yevgeny Sidorov", "Evgeny Sidorov"} <= set(people[0].aliases)


def test_a_hedged_modifier_after_a_reported_noun_is_part_of_the_claim() -> None:
    text = (
        "The harbour master also criticised the patrols near the coast, talking about a"
        " collision, allegedly with a foreign trawler off Kessel Point."
    )
    quote = quote_with(text, "collision")
    assert quote.content.text == "a collision, allegedly with a foreign trawler off Kessel Point"
    # without a hedge the phrase set off after the noun is the author's, not the claim
    plain = "The harbour master talked about a collision, with obvious regret."
    assert quote_with(plain, "collision").content.text == "a collision"


def test_according_to_holds_the_reports_made_inside_its_clause() -> None:
    record = onrecord.analyze(
        "More than half of the voters said that the levy does more harm than good,"
        " according to a survey by the Harwick Gazette."
    )
    found = {(q.cue.text if q.cue else None, q.content.text) for q in record.quotes}
    assert found == {
        (
            "according to",
            "More than half of the voters said that the levy does more harm than good",
        ),
        ("said", "the levy does more harm than good"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Speaking on Channel Nine’s “Morning Hour,” Mara Quist said the harbour deal was dead.",
        "In an interview with “The Late Hour,” Mara Quist said the harbour deal was dead.",
        "Mara Quist, host of Channel Nine’s “Morning Hour,” said the harbour deal was dead.",
    ],
)
def test_a_programme_named_before_the_cue_is_not_what_was_said(text: str) -> None:
    record = onrecord.analyze(text)
    said = [q for q in record.quotes if q.cue is not None and q.cue.text == "said"]
    assert [q.content.text for q in said] == ["the harbour deal was dead"]
    assert said[0].speaker is not None and said[0].speaker.name == "Mara Quist"
    assert not any("Hour" in q.content.text for q in record.quotes)


def test_the_outlet_someone_speaks_on_is_not_what_they_speak_about() -> None:
    assert quotes("Mara Quist spoke on CNBC on Monday.") == []
    (quote,) = onrecord.analyze("Mara Quist spoke on CNBC about the harbour deal.").quotes
    assert quote.content.text == "the harbour deal"
