"""Statements a headline makes in a headline's own shapes, and who makes them: "Quist: ...",
"Mara Quist Says ...", a label noun ("Newspaper Says ...") standing for the paper the
article names, and names that title case would run on into the verb."""

from __future__ import annotations

import pytest

import onrecord
from conftest import quote_with

BODY = (
    "Senator Mara Quist said on Monday that the budget deal would pass before the recess, "
    "and that she had the votes.\n\n"
    "Her rival, Tom Harlow, disagreed.\n"
)

CASES = [
    # a name, a colon and the claim
    (
        f"Quist: Budget deal will pass before the recess.\n\n{BODY}",
        "Budget deal will pass",
        "Mara Quist",
    ),
    # a name and a place before the colon
    (
        f"Quist at rally: Budget deal will pass before the recess.\n\n{BODY}",
        "Budget deal will pass",
        "Mara Quist",
    ),
    # a title-case "Says"
    (
        f"Mara Quist Says Budget Deal Will Pass Before The Recess\n\n{BODY}",
        "Budget Deal Will Pass",
        "Mara Quist",
    ),
    # auxiliaries between the name and the verb are not part of the name
    (
        f"Quist May Not Have Suggested A Tax Hike, But She Backed One\n\n{BODY}",
        "A Tax Hike",
        "Mara Quist",
    ),
    # a body's name before the colon, which the tagger runs on across it
    (
        "Tarrow Institute: State Department Hid Key Emails For Years\n\n"
        "The Tarrow Institute, a watchdog group, said on Monday that the department had kept "
        "the emails from the public.\n",
        "State Department Hid Key Emails",
        "Tarrow Institute",
    ),
    # a name, a verb and whom it is aimed at before the colon: the name speaks
    (
        f"Mara Quist mocks Harlow backers: 'You are wasting your votes.'\n\n{BODY}",
        "wasting your votes",
        "Mara Quist",
    ),
    # the claim first, then who says it
    (
        f"Budget deal will pass before the recess, Quist hints; \n\n{BODY}",
        "Budget deal will pass",
        "Mara Quist",
    ),
    # a poll before the colon speaks for its pollster
    (
        "Poll: Quist Leads Harlow By Six Points In Senate Race\n\n"
        "A Tarrow Institute poll released on Monday shows Senator Mara Quist ahead of Tom "
        "Harlow by six points.\n",
        "Quist Leads Harlow",
        "Tarrow Institute",
    ),
    # a kicker word inside a name is still a name
    (
        "Harlow Watch: Quist Leads By Six Points In Senate Race\n\n"
        "The Harlow Watch group said on Monday that Senator Mara Quist was ahead.\n",
        "Quist Leads By Six Points",
        "Harlow Watch",
    ),
    # a label noun stands for the paper the article names
    (
        "Newspaper Says Governor Must Visit Flooded Towns, Show Compassion\n\n"
        "A Duluth newspaper called on Governor Ann Roe to visit the flooded towns.\n\n"
        "The Riverbend Clarion wrote on Sunday that the governor had stayed away too long.\n",
        "Governor Must Visit Flooded Towns",
        "Riverbend Clarion",
    ),
    # a role without its article is the person the body introduces in that role
    (
        "Tarrowan lawmaker wants ban on imports lifted\n\n"
        "A Tarrowan lawmaker, Joel Barragan, asked the government to lift the ban.\n",
        "ban on imports",
        "Joel Barragan",
    ),
    (
        "Senator's daughter says she will not vote for Harlow\n\n"
        "Mara Lind, the daughter of Senator Carl Lind, said on Tuesday that she would not "
        "vote for Tom Harlow.\n",
        "she will not vote for Harlow",
        "Mara Lind",
    ),
    # a headline's bare body noun: the body the first paragraphs name with it, by a name that
    # holds it, a noun the lexicon lists for it, or a body named with it
    (
        "Fund warns of slowdown as trade row deepens\n\n"
        "OSLO (Reuters) - The Nordic Investment Fund cut its growth forecast on Tuesday, "
        "warning that a trade row could hurt output.\n",
        "slowdown",
        "Nordic Investment Fund",
    ),
    (
        "Alliance warns Moscow over troop build-up\n\n"
        "BRUSSELS (Reuters) - NATO warned Russia on Monday against any further troop build-up "
        'near Ukraine. "We are watching closely," Secretary General Jens Holm said.\n',
        "troop build-up",
        "NATO",
    ),
    (
        "Union rejects pay offer as strike looms\n\n"
        "LONDON - The country's largest rail union rejected a pay offer on Wednesday. "
        "The RTW union said its members would strike next week.\n",
        "pay offer",
        "RTW union",
    ),
    # ... also where the tagger read the capitalised noun as a name
    (
        "Agency says oil demand will peak\n\n"
        "PARIS - The International Energy Agency said on Wednesday that global oil demand would "
        "peak before 2030.\n",
        "oil demand will peak",
        "International Energy Agency",
    ),
    # a headline's bare title: the person the lede titles so ("The mayor of X, Y,")
    (
        "Mayor defends budget cuts\n\n"
        "The mayor of Springfield, Joan Whitlock, on Tuesday defended her plan to cut the library "
        'budget, calling it "painful but necessary."\n',
        "budget cuts",
        "Joan Whitlock",
    ),
    # ... also by an abbreviated title ("Gov.")
    (
        "Governor vetoes voting bill\n\n"
        "ATLANTA - Gov. Marcia Delgado vetoed a sweeping elections bill on Friday, calling it "
        '"a solution in search of a problem."\n',
        "voting bill",
        "Marcia Delgado",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker"), CASES)
def test_headline_statement(text: str, words: str, speaker: str) -> None:
    quote = quote_with(text, words)
    assert quote.speaker is not None and quote.speaker.name == speaker, quote.source


@pytest.mark.parametrize("label", ["Watch", "Friday’s Evening Briefing"])
def test_a_kicker_or_a_column_before_a_colon_is_nobody(label: str) -> None:
    record = onrecord.analyze(f"{label}: Budget deal will pass before the recess.\n\n{BODY}")
    assert not any("Budget deal" in q.content.text for q in record.quotes)


def test_what_a_verb_answers_is_not_a_claim() -> None:
    record = onrecord.analyze(f"Mara Quist Responded To Harlow’s Budget Demand\n\n{BODY}")
    assert not any("Budget Demand" in q.content.text for q in record.quotes)


def test_a_headline_name_stops_before_its_verb() -> None:
    record = onrecord.analyze(
        f"Quist May Not Have Suggested A Tax Hike, But She Backed One\n\n{BODY}"
    )
    assert not any("Suggested" in entity.name for entity in record.entities)


def test_a_headline_preposition_is_no_part_of_a_name() -> None:
    record = onrecord.analyze(
        "Behind Quist's Win, a Quiet Network;\n\nA drop in turnout has reached some of the "
        "voters Mrs. Quist must win, and Jane Roe said the campaign was worried."
    )
    people = [entity.name for entity in record.entities if entity.type == "PERSON"]
    assert "Quist" in people
    assert not any("Behind" in name for name in people)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a label noun with no paper named
        (
            "Newspaper Says Governor Must Visit Flooded Towns, Show Compassion\n\n"
            "An editorial called on Governor Ann Roe to visit the flooded towns.\n",
            "Governor Must Visit Flooded Towns",
        ),
        # a role the body gives nobody
        (
            "Tarrowan lawmaker wants ban on imports lifted\n\n"
            "A Tarrowan farmer, Joel Barragan, asked the government to lift the ban.\n",
            "ban on imports",
        ),
        # a capitalised common noun opening the headline
        (
            "Experts warn of a dangerous moment\n\n"
            "Mara Quist, an economist at the Tarrow Institute, warned that prices would rise.\n",
            "a dangerous moment",
        ),
    ],
)
def test_a_headline_source_that_names_no_one_is_nobody(text: str, words: str) -> None:
    quote = quote_with(text, words)
    assert quote.speaker is None or quote.speaker.name is None


@pytest.mark.parametrize(
    "headline",
    [
        # a first line in sentence case: "States" is the name's own word, not a verb
        "Alderia noted progress after written replies from the United States and the league.",
        # ... and in title case too, where the article names "United States"
        "United States Warns Alderia Over Border Talks",
    ],
)
def test_a_name_whose_word_looks_like_a_verb_of_saying_is_not_cut(headline: str) -> None:
    record = onrecord.analyze(f"{headline}\n\nThe United States said the talks would go on.")
    assert "United" not in {entity.name for entity in record.entities}
    assert all(q.source is None or q.source.text != "United" for q in record.quotes)


@pytest.mark.parametrize(
    ("headline", "speaker"),
    [("Kessler apologizes for Brandt comments;", "Ilse Kessler"), ("Voters punish Brandt;", None)],
)
def test_a_bare_title_under_the_headline_is_the_person_the_headline_opens_with(
    headline: str, speaker: str | None
) -> None:
    text = (
        f"{headline}\n"
        "Senator vows to be 'more careful' with her opinions.\n\n"
        "Ilse Kessler regrets her insults of Mayor Tom Brandt."
    )
    quote = quote_with(text, "more careful")
    got = (quote.speaker.name, quote.speaker.how) if quote.speaker else (None, None)
    assert got == ((speaker, "title") if speaker else (None, None))


def test_a_plural_noun_before_a_headline_s_verb_says_nothing() -> None:
    record = onrecord.analyze(
        "Harbour Power Plant Rules Face Key Test In Court\n\n"
        "The city's rules for the plant face a test in court on Tuesday."
    )
    assert record.quotes == []


@pytest.mark.parametrize(
    "headline", ["Ceasefire talks stall as both sides trade blame", "Peace talks resume in Geneva"]
)
def test_talks_held_in_a_headline_say_nothing(headline: str) -> None:
    record = onrecord.analyze(f"{headline}\n\nThe two delegations did not meet on Thursday.")
    assert record.quotes == []


def test_a_headline_s_bare_title_is_the_holder_the_body_introduces() -> None:
    # the tagger misses "Pope Leo" after the blanked dateline: the body's source adds him
    text = (
        "Pope calls for ceasefire in Christmas message\n\n"
        "VATICAN CITY - Pope Leo appealed on Wednesday for a ceasefire in all the world's "
        "wars, in his traditional Christmas message to a crowd of tens of thousands in St. "
        "Peter's Square."
    )
    quote = quote_with(text, "ceasefire in Christmas message")
    assert quote.speaker is not None and quote.speaker.name == "Leo"
