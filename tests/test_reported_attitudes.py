"""Reported attitudes and accusations: wanting and planning with a speaker, the charge
after 'accused X of', an object with what it is called, and 'referring to'."""

from __future__ import annotations

import pytest

import onrecord
from onrecord.record import Quote


def _quotes(text: str) -> list[Quote]:
    return onrecord.analyze(text).quotes


def _by_cue(text: str, cue: str) -> Quote:
    return next(q for q in _quotes(text) if q.cue is not None and q.cue.text == cue)


def test_the_charge_after_accused_is_the_content() -> None:
    quote = _by_cue("Mara Quist accused the Tarrow Institute of hiding its losses.", "accused")
    assert quote.content.text == "hiding its losses"
    assert quote.speaker is not None and quote.speaker.name == "Mara Quist"


def test_accused_without_a_charge_keeps_its_object() -> None:
    quote = _by_cue("Mara Quist accused the Tarrow Institute.", "accused")
    assert quote.content.text == "the Tarrow Institute"


def test_what_a_speaker_wants_or_plans_is_reported() -> None:
    wants = _by_cue("Mara Quist wants to bring back the old tariffs.", "wants")
    assert wants.content.text == "to bring back the old tariffs"
    assert wants.speaker is not None and wants.speaker.name == "Mara Quist"
    plans = _by_cue("The Tarrow Institute plans to open an office in Lisbon.", "plans")
    assert plans.speaker is not None and plans.speaker.name == "Tarrow Institute"


def test_a_thing_that_wants_or_favours_reports_nothing() -> None:
    assert _quotes("The new report favors a slower schedule.") == []
    assert _quotes("The storm wants to move north.") == []


def test_seeing_something_as_something_is_an_attitude() -> None:
    quote = _by_cue("Mara Quist sees the deal as a breakthrough.", "sees the deal as")
    assert quote.speaker is not None and quote.speaker.name == "Mara Quist"
    assert "breakthrough" in quote.content.text


def test_an_object_keeps_what_it_is_called() -> None:
    quote = _by_cue("Mara Quist described him as a careful negotiator.", "described")
    assert quote.content.text == "him as a careful negotiator"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Mara Quist compared the levy to a ransom note.", "compared", "the levy to a ransom note"),
        (
            "Mara Quist defended the board against the charge.",
            "defended",
            "the board against the charge",
        ),
        ("Mara Quist posted a link to the audit report.", "posted", "a link to the audit report"),
        ("Mara Quist explained the plan to reporters.", "explained", "the plan"),
    ],
)
def test_an_object_runs_on_through_what_the_verb_sets_beside_it(
    text: str, cue: str, content: str
) -> None:
    assert _by_cue(text, cue).content.text == content


@pytest.mark.parametrize(
    "text",
    [
        "The Tarrow economy added 151,000 jobs in August.",
        "Mara Quist maintained a lead over the field.",
        "Prosecutors charged the officer with assault.",
        "The pilot study established a baseline for the region.",
    ],
)
def test_a_verb_that_reports_only_with_a_clause_reports_nothing_of_its_object(text: str) -> None:
    assert _quotes(text) == []


def test_a_verb_that_reports_only_with_a_clause_still_reports_one() -> None:
    added = _by_cue("Mara Quist added that the talks would go on.", "added")
    assert added.content.text == "the talks would go on"
    assert added.speaker is not None and added.speaker.name == "Mara Quist"
    maintained = _by_cue("Mara Quist maintained that the deal was fair.", "maintained")
    assert maintained.content.text == "the deal was fair"


def test_a_quoted_object_is_still_what_was_said() -> None:
    quote = _by_cue('A sign outside the hall read "Vote Quist" in red letters.', "read")
    assert quote.content.text == '"Vote Quist"'


def test_referring_to_after_a_quotation() -> None:
    text = '"We will see," Mara Quist said, referring to the Tarrow Institute\'s new plan.'
    quote = _by_cue(text, "referring to")
    assert quote.content.text == "the Tarrow Institute's new plan"
    assert quote.speaker is not None and quote.speaker.name == "Mara Quist"


def test_an_object_keeps_what_it_is_criticised_for() -> None:
    text = "Mara Quist criticized Senator Ole Brandt for opposing the new tax."
    quote = _by_cue(text, "criticized")
    assert quote.content.text == "Senator Ole Brandt for opposing the new tax"
    quote = _by_cue("Mara Quist praised the team for two hours.", "praised")
    assert quote.content.text == "the team"


@pytest.mark.parametrize(
    ("text", "cue", "content", "act"),
    [
        ("Mara Quist has been critical of the port deal.", "been critical", "the port deal",
         "criticism"),
        ("Mara Quist is wary of the new tariffs.", "is wary", "the new tariffs", "statement"),
    ],
)  # fmt: skip
def test_what_a_stance_adjective_is_about_is_the_content(
    text: str, cue: str, content: str, act: str
) -> None:
    quote = _by_cue(text, cue)
    assert (quote.content.text, quote.speech_act) == (content, act)
    assert quote.speaker is not None and quote.speaker.name == "Mara Quist"


def test_an_adjective_that_takes_no_stance_reports_nothing() -> None:
    assert _quotes("The new road is critical to the region.") == []


def test_a_stance_inside_a_report_stays_in_the_report() -> None:
    [quote] = _quotes("Mara Quist added that voters are well aware of the risks of a strike.")
    assert quote.cue is not None and quote.cue.text == "added"
    assert quote.content.text == "voters are well aware of the risks of a strike"


def test_defending_a_stance_is_reported() -> None:
    quote = _by_cue("Mara Quist defended her decision to close the harbour.", "defended")
    assert quote.content.text == "her decision to close the harbour"
    assert quote.speaker is not None and quote.speaker.name == "Mara Quist"


def test_what_someone_offers_is_reported() -> None:
    quote = _by_cue("Mara Quist offered her condolences to the families.", "offered")
    assert quote.content.text == "her condolences"


def test_whom_something_is_offered_is_the_addressee_not_what_was_offered() -> None:
    quote = _by_cue("Mara Quist offered the voters a preview of her plan.", "offered")
    assert quote.content.text == "a preview of her plan"
    assert quote.addressee is not None and quote.addressee.name == "the voters"


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        # ground held or contested is no stance defended
        ("Harwick troops defended the city for three weeks.", "defend"),
        ("Government forces defended their positions near the airport.", "defend"),
        ("The Greens are defending a number of seats in the spring election.", "defend"),
        ("The party will defend Tarrow County in the spring.", "defend"),
        ("The tenacity with which the ministry defends its interests surprised them.", "defend"),
        # a thing that offers something makes no offer
        ("Global trade offers undeniable benefits to the port.", "offer"),
        ("The new ferry offers a faster crossing.", "offer"),
        # speaking a language says nothing
        ("Lupe Oyelaran speaks fluent Spanish.", "speak"),
        ("The two capitals speak the language of partnership.", "speak"),
    ],
)
def test_a_verb_of_saying_in_its_other_sense_reports_nothing(text: str, verb: str) -> None:
    assert not any(q.cue is not None and q.cue.text.startswith(verb) for q in _quotes(text))
