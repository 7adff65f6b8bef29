"""Where a quote begins and ends, and when two quoted passages are one quote or two.

Each case is an invented sentence in a shape that PolNeAR's train split showed to go
wrong: a quote cut or merged with its neighbour costs both a miss and a false alarm.
"""

from __future__ import annotations

import onrecord
from onrecord.record import Quote


def _quotes(text: str) -> list[Quote]:
    return onrecord.analyze(text).quotes


def _holding(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.content.text]
    assert len(found) == 1, [(q.type, q.content.text) for q in quotes]
    return found[0]


# A passage after "X said, adding that ..." belongs to the second verb, not to the first quote.
def test_a_passage_after_a_second_reporting_verb_is_its_own_quote() -> None:
    quotes = _quotes(
        '"This is our moment," Ruiz said, adding that the city would send a "clear message'
        ' to every family in the state."'
    )
    first = _holding(quotes, "This is our moment")
    assert first.content.text == '"This is our moment,"'
    second = _holding(quotes, "clear message")
    assert second.type == "mixed"
    assert second.cue is not None and second.cue.text == "adding"
    assert second.content.text.startswith("the city would send")


def test_a_passage_after_another_speakers_verb_is_not_the_first_quote() -> None:
    quotes = _quotes(
        '"The budget is a mess," Ruiz tweeted after Okafor argued that "nobody could have'
        ' done better."'
    )
    first = _holding(quotes, "budget is a mess")
    assert first.content.text == '"The budget is a mess,"'
    second = _holding(quotes, "nobody could have")
    assert second.speaker is not None and second.speaker.name == "Okafor"


def test_a_passage_a_word_leads_into_is_not_the_quote_resumed() -> None:
    quotes = _quotes(
        '"We did our best," Ruiz said during a panel, remarking that while there are "still'
        ' some doubts over the plan," the mayor already "paid a heavy price for it."'
    )
    assert _holding(quotes, "We did our best").content.text == '"We did our best,"'
    later = _holding(quotes, "still some doubts")
    assert later.cue is not None and later.cue.text == "remarking"


def test_a_quote_its_cue_interrupts_is_still_one_quote() -> None:
    quotes = _quotes('"Every time you say that," Rusk said, pointing at the chart, "you lose."')
    assert len(quotes) == 1
    assert len(quotes[0].content.spans) == 2


def test_a_date_right_after_the_cue_is_not_what_was_said() -> None:
    [on_monday] = _quotes("Halvorsen Motors said on Monday it would cut about 3,000 jobs.")
    [monday] = _quotes("The ministry said Tuesday its aircraft had not been involved.")
    assert on_monday.content.text == "it would cut about 3,000 jobs"
    assert monday.content.text == "its aircraft had not been involved"
