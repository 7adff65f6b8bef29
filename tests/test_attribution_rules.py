"""Who said a quote, where the parse or the sentence shape makes it easy to get wrong.

Each case is an invented sentence in a shape that PolNeAR's development split showed to
go wrong: the source and cue of the quote that holds the given words.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

import onrecord
from conftest import innermost_quote_with, quote_with
from onrecord.lexicon import load_lexicon
from onrecord.lexicon.loader import CuePattern
from onrecord.pipeline.cues import CueMatch
from onrecord.pipeline.quotes.reported import Frame, _reporting_frame
from onrecord.pipeline.quotes.source_phrases import holds_whole_reports

CASES = [
    # a coordinated verb after the quote is not its cue: the lead-in cue holds it
    (
        "Protesters said they want “justice for the victims,” but pledged to stay calm.",
        "justice for the victims",
        "Protesters",
        "said",
    ),
    # "while others said" opens a new clause
    (
        'Only 40 percent of voters agreed that the senator is "fit to serve," while 70 percent'
        " said the same of his rival.",
        "fit to serve",
        "Only 40 percent of voters",
        "agreed",
    ),
    # a participle after "X said," shares X
    (
        '"We are not done yet," Harmon said, suggesting a few questions, including, "Why do'
        ' you think the tax cut will pay for itself? What is your basis for that?"',
        "Why do you think",
        "Harmon",
        "suggesting",
    ),
    # a fronted participle is not the frame of the main clause's quote
    (
        "Claiming the criticism is designed to pressure the referees, Delgado told reporters"
        ' that "they are gaming the system, like gaming the ref."',
        "gaming the system",
        "Delgado",
        "told",
    ),
    # a participle on what the subject issued: the subject says it
    (
        "His office put out a statement saying the city “cannot properly vet every request.”",
        "cannot properly vet",
        "His office",
        "saying",
    ),
    (
        "The senator emailed supporters saying: “The struggle continues.”",
        "struggle continues",
        "The senator",
        "saying",
    ),
    # a finite verb with a that-clause that the parser read as a reduced relative
    (
        "Two analysts, Lena Ortiz and Sam Reyes, found in 2014 that the air force is “the best"
        " in the region.”",
        "the best in the region",
        "Two analysts",
        "found",
    ),
    # an aside between the quote and an inverted cue is not the source
    (
        "“Consumers have shown a new resilience,” like the recent slump in markets, said Rita"
        " Lund, the chief economist of the survey.",
        "new resilience",
        "Rita Lund",
        "said",
    ),
    # a particle never comes before its verb: "on Monday ... called" is not "call on"
    (
        "On Monday, Mr. Obi called the chief executive, Jan Roth, “incredibly driven.”",
        "incredibly driven",
        "Mr. Obi",
        "called",
    ),
    # "remark" is a verb of saying as well as a noun
    ("Ms. Vance remarked, “It is a disgrace.”", "It is a disgrace", "Ms. Vance", "remarked"),
    ("“Go back to your seat,” Mr. Hale barked.", "Go back", "Mr. Hale", "barked"),
    # a that-clause after a participle used as a preposition ("following") is the cue's
    (
        "Ms. Roe said following a vote in 2001 that she had “very serious concerns” about it.",
        "very serious concerns",
        "Ms. Roe",
        "said",
    ),
    # the one spoken to is not the speaker
    (
        "Sen. Mara Quinlan scolded him at the hearing: “The scientific community is almost"
        " unanimous against you on this.” The company did not respond.",
        "scientific community",
        "Sen. Mara Quinlan",
        "scolded",
    ),
    # a bare "continued" next to a quotation reports it
    (
        "“We are tired of waiting,” said Ruth Abernathy, a widow of one of the victims."
        " She continued, “All we are asking for is our day in court.”",
        "our day in court",
        "She",
        "continued",
    ),
    # a capitalised word mistagged as a verb in the name after the quote
    (
        "“We will achieve justice in this case,” Tulsa police Chief Carl Brandt said Monday.",
        "achieve justice",
        "Tulsa police Chief Carl Brandt",
        "said",
    ),
    # "according to X" after a quote names its source after itself, not before
    (
        'The governor was greeted with chants of "Bobby!" at a union conference last month,'
        " according to union president Dana Whitcombe.",
        "Bobby",
        "union president Dana Whitcombe",
        "according to",
    ),
    # a lead-in with no cue: the person it names, not its grammatical subject
    (
        "The timing of the surge does not surprise Republican pollster Dana Shawcross:"
        " “Historically, lesser-known candidates have seen the biggest boost.”",
        "lesser-known candidates",
        "Dana Shawcross",
        None,
    ),
    # a fronted participle after a quote that ends its sentence begins the next one
    (
        "Mara Quist herself said Friday that “the best way to carry the valley is to knock on"
        " every door, one by one.” Asked which town was her favorite, she demurred.",
        "best way to carry",
        "Mara Quist",
        "said",
    ),
    # a participle hung on a thing ('an attempt to ...') shares the subject of the one who
    # made it
    (
        "On Friday evening Mr. Quist made a third attempt to deflect Mr. Tarrow's criticism,"
        " writing on Twitter that the real problem facing the town was housing.",
        "the real problem",
        "Mr. Quist",
        "writing",
    ),
    # 'offers X a platform to speak out': X speaks, not what offers it
    (
        "Her seat on the Tarrow council offers Quist a platform to keep speaking out about"
        " causes she values.",
        "causes she values",
        "Quist",
        "speaking out",
    ),
    # 'in addition to worrying that ..., X is hemmed in': X worries
    (
        "And in addition to fearing that she has fallen behind, Mrs. Quist is rather boxed in"
        " by her budget.",
        "fallen behind",
        "Mrs. Quist",
        "fearing",
    ),
    # 'X was among those calling for': X calls for it
    (
        "Mara Quist was among those calling for a recount.",
        "a recount",
        "Mara Quist",
        "calling for",
    ),
    # 'pressure on her to say': she says it, not what puts on the pressure
    (
        "The council's vote will add to the pressure on her to say whether she backs the levy.",
        "she backs",
        "her",
        "say",
    ),
    # a quote that ends the clause a lead-in cue reports is not the next verb's
    (
        "When Quist later referred to the recent flood in the valley and said he would"
        ' "protect our farmers," the crowd applauded.',
        "protect our farmers",
        "Quist",
        "said",
    ),
    # 'because, according to X, Z': X reports the clause the phrase opens
    (
        "Quist will attend the forum, because, according to Quist, rivals would brand him a"
        " “coward” if he stayed home.",
        "coward",
        "Quist",
        "according to",
    ),
    # 'Asked which ..., she shrugged:': the lead-in's subject speaks, not the one who asked
    (
        "Asked which river she liked best, Mara Quist shrugged: “The one I happen to be"
        " fishing that day.”",
        "happen to be fishing",
        "Mara Quist",
        None,
    ),
    # ... even when the subject's phrase names someone ("the timing of X's surge")
    (
        "The pace of Mara Quist's rise does not surprise pollster Dana Shawcross:"
        " “Newcomers who win early contests usually gain the most.”",
        "Newcomers who win",
        "Dana Shawcross",
        None,
    ),
    # the parse hangs the subject on a fronted phrase as an apposition
    (
        "In a statement to the Observer, her senior policy adviser, Tom Keller, said:"
        " “The senator believes that cooperation is essential.”",
        "cooperation is essential",
        "her senior policy adviser, Tom Keller",
        "said",
    ),
    # the quote is not part of its own source
    (
        "“It is unanimous,” councilmember Rosa Delacroix said of the council's support.",
        "It is unanimous",
        "councilmember Rosa Delacroix",
        "said",
    ),
    # object control: "led X to fear" - X fears
    (
        "The row has led the Latvian journalist Andris Kalnins to fear a “new pact.”",
        "new pact",
        "the Latvian journalist Andris Kalnins",
        "fear",
    ),
    # a gerund after a preposition shares the main clause's subject ("upon saying")
    (
        "Jane Roe, herself a supporter during the primary, incurred a wave of boos upon "
        "saying, “Hillary heard the passion of the people.”",
        "Hillary heard the passion",
        "Jane Roe, herself a supporter during the primary",
        "saying",
    ),
    # "said in a statement:": the verb, not the noun of its phrase, is the cue
    (
        "The governor's campaign chairman, John Doyle, said in a statement: "
        '"Tonight, Bill Okoro painted a dark picture."',
        "painted a dark picture",
        "The governor's campaign chairman, John Doyle",
        "said",
    ),
    # "a written statement": a participle modifying a noun is no cue
    (
        "Bill Okoro told the Washington Post in a written statement, "
        "“I really don’t want his endorsement.”",
        "want his endorsement",
        "Bill Okoro",
        "told",
    ),
    # a gerund on a passive clause: its subject speaks, not the agent
    (
        "Jane Roe was booed and shouted down by supporters of the senator after telling "
        "holdouts that they were “being ridiculous.”",
        "being ridiculous",
        "Jane Roe",
        "telling",
    ),
    # a relative clause on an apposition is about the name before it
    (
        "The group raised $100,000 from Harlan Crow, a Texas real estate developer, who had "
        "supported Senator Marco Rubio of Florida.",
        "Senator Marco Rubio",
        "Harlan Crow",
        "supported",
    ),
    # ... and one the parse hung on a date is about the name before the date
    (
        "Gay Republicans are eager to re-elect Sen. Rob Portman this year, who endorsed gay "
        "marriage after his son came out.",
        "gay marriage",
        "Sen. Rob Portman",
        "endorsed",
    ),
    # "X had reason to know that": X knows, not the reason
    (
        "Manafort had reason to know this from the start and reason to know that his advice "
        "would be ignored.",
        "his advice would be ignored",
        "Manafort",
        "know",
    ),
    # the sentence's verb misread as a modifier of its subject, made the root: the subject
    (
        "Rhonda Blake, who is vying to be the next mayor, tweeted on Friday to say she had "
        "never proposed a registry.",
        "she had never proposed a registry",
        "Rhonda Blake, who is vying to be the next mayor",
        "say",
    ),
    # an infinitive hung on a thing: the clause's subject does it
    (
        "As he has long done at forums like this, Morton pivoted with every answer to talk "
        "about what he sees as the country's larger problems.",
        "the country's larger problems",
        "Morton",
        "talk",
    ),
    (
        "Republicans will pledge to appoint judges, and they will also be under pressure to "
        "pledge that their choices would roll back the law.",
        "their choices would roll back",
        "they",
        "pledge",
    ),
    # ... but the first one to say it says it
    (
        "Lena Park became the first senator to say that the deal was dead.",
        "the deal was dead",
        "Lena Park",
        "say",
    ),
    # "issued a statement saying A and said B": B is a second statement, with its own cue
    (
        'Union chief Jessica Marlow issued a statement saying his remark "has no place in our '
        'democracy" and said party leaders will face a "day of reckoning."',
        "party leaders will face",
        "Union chief Jessica Marlow",
        "said",
    ),
    # "comment" is a verb of saying too, not only a noun
    (
        'He would be a better mayor than Voss "no matter what," one reader commented.',
        "no matter what",
        "one reader",
        "commented",
    ),
    # the infinitive's subject is the matrix subject of an adjective or a passive
    (
        "Rural voters are more likely to say that taxes are too high.",
        "taxes are too high",
        "Rural voters",
        "say",
    ),
    (
        "The senator was forced to admit that the figures were wrong.",
        "the figures were wrong",
        "The senator",
        "admit",
    ),
    # a participle on a noun: the noun says it
    (
        "Donors gave money to an outside group backing the mayor.",
        "the mayor",
        "an outside group",
        "backing",
    ),
    # of two subjects the parser gave a parenthetical cue, the one set off next to it
    (
        "Voters, Senator Alma Reyes suggested, do not have to worry that lenders can"
        " influence her.",
        "do not have to worry",
        "Senator Alma Reyes",
        "suggested",
    ),
    # a statement saying that ...: who issued it, even with a that-clause
    (
        'On Saturday, Governor Tess Adler issued a statement saying that the judge was "a'
        ' remarkable person."',
        "remarkable person",
        "Governor Tess Adler",
        "saying",
    ),
    # between a quote and a cue after it, a conjunction or a relative word opens a new
    # clause: the cue is not the quote's
    (
        'She blamed the flooding on a "reckless builder," not on the weather, and said it was'
        " troubling.",
        "reckless builder",
        "She",
        "blamed",
    ),
    (
        'He said, "The bridge will be built" - at which point the crowd chanted "Build it!"',
        "bridge will be built",
        "He",
        "said",
    ),
    # a finite verb with no subject of its own: the noun phrase the parse hung elsewhere
    # just before it, in a coordination, a comparison, a fronted phrase or before an aside
    (
        "Over the past week, prosecutors charged the guard with theft and Mara Quist fired her"
        " deputy, admitting that the office had lost the public's trust.",
        "the office had lost",
        "Mara Quist",
        "admitting",
    ),
    (
        "That would still be more money than the Tarrow Institute says the city can spend"
        " without new taxes.",
        "the city can spend",
        "the Tarrow Institute",
        "says",
    ),
    (
        "In a letter to the mayor, Lena Ortiz, head of the Tarrow Institute, recounted a"
        " meeting she had with the council.",
        "a meeting",
        "Lena Ortiz",
        "recounted",
    ),
    (
        "On his last day in office, Mr. Quist - in a speech that seemed aimed at his successor"
        " - declared that a governor must serve every county.",
        "a governor must serve",
        "Mr. Quist",
        "declared",
    ),
    # a participle after a clause of 'after' goes with the main clause, not with 'after'
    (
        '"We are glad to see it," Quist said on his show after the senator easily won the'
        " primary, remarking that the party needed him back.",
        "the party needed him",
        "Quist",
        "remarking",
    ),
    # ... but one after a clause of 'as' goes with that clause
    (
        "“How many races have I lost in a row? Is it two? Three?” Voss asks as a repair man"
        " walks in front of her, saying he is “here to fix the seven holes in your wall.”",
        "here to fix",
        "a repair man",
        "saying",
    ),
    # the reporting verb said again: its subject says the second clause too
    (
        "But Ortiz said Reyes was not working for the party and said Voss was not involved.",
        "Voss was not involved",
        "Ortiz",
        "said",
    ),
    # "she’s spoken out" is a perfect, not a passive: she spoke
    (
        "More recently, she’s spoken out against the state’s new voting law, inviting critics"
        " to the capitol.",
        "new voting law",
        "she",
        "spoken out",
    ),
    # "she’s said" with the contracted 's parsed as the subject: the pronoun is
    (
        "While she’s said she believes the tax is fair, she’s also praised its critics.",
        "the tax is fair",
        "she",
        "said",
    ),
    # a passive with no one to say it, inside what a cue after it reports: that cue's
    (
        "Victims of floods would be considered a distinct group for purposes of aid, Quist said.",
        "Victims of floods",
        "Quist",
        "said",
    ),
    # a label before a colon is not the subject the parse also made of it
    (
        "Correction: An article on Monday about Lena Ortiz, one of the owners of the mill,"
        " reported that she had sold her shares.",
        "she had sold",
        "An article",
        "reported",
    ),
    # one who cites a document saying something says it through the document
    (
        "This was a change few had expected (Quist cites a cheerful council memo saying as"
        " much after a budget bill passed).",
        "as much after",
        "Quist",
        "saying",
    ),
    # "X has taken the lead in running ads praising Y": X runs them
    (
        "Meanwhile, the Tarrow Institute has taken the lead in running ads praising Sen. Mara"
        " Quist of Ohio.",
        "Mara Quist",
        "the Tarrow Institute",
        "praising",
    ),
    # a date the parse took for the object does not hide the infinitive that was promised
    (
        "Reyes promised Sunday at a Harwick rally to end “the excessively wasteful $9 million"
        " permit regime.”",
        "permit regime",
        "Reyes",
        "promised",
    ),
    # "X, Y and Z all calling for": the names, not "all"
    (
        "The field is split, with Mara Quist, Tom Reyes and Ana Voss all calling for a strong"
        " rule.",
        "a strong rule",
        "Mara Quist",
        "calling",
    ),
    # a verb whose subject the parse hung on an aside before it ("X, exasperated,
    # responded"; "X, asked about Y, had said"): the name before the aside
    (
        "Okafor, exasperated, famously responded: “What difference does it make now?”",
        "What difference",
        "Okafor",
        "responded",
    ),
    (
        "The row began after Ms. Vance, asked about the levy, had said, “Nobody pays it anyway.”",
        "Nobody pays it",
        "Ms. Vance",
        "said",
    ),
    # an infinitive under "so far as": the subject of the verb above
    (
        "The councillor Piet Olsen went so far as to say: “The plan is dead.”",
        "The plan is dead",
        "The councillor Piet Olsen",
        "say",
    ),
    # a cue a verb of perceiving holds: its subject asked, not the one asked
    (
        "“Will you run again?” a reporter can be heard asking Mr. Okafor after the event.",
        "Will you run again",
        "a reporter",
        "asking",
    ),
    # a verb of saying set off after a clause with a report of its own reports all of it
    (
        "Moscow agreed to extend the deal, the ministry said.",
        "Moscow agreed to extend the deal",
        "the ministry",
        "said",
    ),
    (
        "South Korea and Japan agreed on Monday to restore a pact, the ministry said, ending a "
        "two-year dispute.",
        "South Korea and Japan agreed",
        "the ministry",
        "said",
    ),
    # a noun the parser hung on the verb as a clause after its object is not what was said
    (
        "A Turkish court on Friday ordered the release of opposition leader Selim Kaya, who had "
        "spent two years in jail on terrorism charges his supporters say were politically "
        "motivated.",
        "the release of opposition leader Selim Kaya",
        "A Turkish court",
        "ordered",
    ),
    # a clause the parser hung on "said" from inside its subject's description is not what
    # was said, and the description's subject is the sayer
    (
        "A U.S. official, speaking on condition of anonymity to discuss details not yet made "
        "public, said intelligence from allied partners had helped locate the target.",
        "intelligence from allied partners had helped",
        "A U.S. official",
        "said",
    ),
    (
        'A representative for the Lumen brand - a 12-employee business pitched as "the '
        'ultimate destination for busy parents" - noted that the company offers new mothers '
        "eight weeks of paid leave.",
        "the company offers new mothers",
        "A representative for the Lumen brand",
        "noted",
    ),
]


@pytest.mark.parametrize(("text", "words", "source", "cue"), CASES)
def test_the_source_and_cue_of_a_quote(text: str, words: str, source: str, cue: str | None) -> None:
    quote = quote_with(text, words)
    assert quote.source is not None, quote
    assert source in quote.source.text, quote.source.text
    assert quote.source.text.startswith(source.split()[0]), quote.source.text
    if cue is None:
        assert quote.cue is None, quote.cue
    else:
        assert quote.cue is not None, quote
        assert quote.cue.text.startswith(cue), quote.cue.text


def test_a_statement_saying_holds_what_was_said_not_the_participle() -> None:
    quote = quote_with(
        "The ministry issued a statement saying that the talks had failed.", "the talks"
    )
    assert quote.content.text == "the talks had failed"


def test_speaking_on_condition_of_anonymity_says_nothing_about_the_condition() -> None:
    record = onrecord.analyze(
        '"It was a mistake," said an official who spoke on condition of anonymity.'
    )
    assert [q.content.text for q in record.quotes] == ['"It was a mistake,"']


@pytest.mark.parametrize(
    "text",
    [
        "A doctor at the clinic, who asked not to be named for fear of reprisals, said the "
        "building had been hit twice.",
        "The official, who declined to be identified, said talks had stalled.",
    ],
)
def test_asking_not_to_be_named_says_nothing(text: str) -> None:
    record = onrecord.analyze(text)
    assert [q.cue.text for q in record.quotes if q.cue is not None] == ["said"]


def test_asking_to_be_named_to_a_post_is_a_request() -> None:
    [quote] = onrecord.analyze("The senator asked to be named chairman of the committee.").quotes
    assert quote.content.text == "to be named chairman of the committee"


def test_a_question_put_with_whether_frames_nothing() -> None:
    record = onrecord.analyze(
        "Asked afterwards whether she would consider a coalition, the party leader said she "
        "was focused on winning a majority."
    )
    contents = [q.content.text for q in record.quotes]
    assert "Asked afterwards" not in contents
    assert "she was focused on winning a majority" in contents


def test_a_second_person_s_name_after_the_object_is_not_what_was_endorsed() -> None:
    quote = quote_with(
        "Another senator who has not endorsed Mr. Pell, Maria Lopez of Ohio, said she would wait.",
        "Mr. Pell",
    )
    assert quote.content.text == "Mr. Pell"


def test_a_list_of_names_after_the_object_is_all_of_what_was_said() -> None:
    quote = quote_with(
        "This phony fact check goes on to openly ridicule Mark Doyle, Ben Carter, and Carly "
        "Fenton for criticizing the decision to take in additional refugees.",
        "Mark Doyle",
    )
    assert quote.content.text.startswith("Mark Doyle, Ben Carter, and Carly Fenton")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The court ruled that the law was unconstitutional.", "the law was unconstitutional"),
        (
            "The high court on Thursday struck down a state law, ruling 6-3 that it placed an "
            "undue burden on the right to vote.",
            "it placed an undue burden on the right to vote",
        ),
        ("The court ruled out a retrial.", "a retrial"),
    ],
)
def test_a_court_rules_what_it_says(text: str, content: str) -> None:
    [quote] = onrecord.analyze(text).quotes
    assert quote.content.text == content


def test_ruling_a_place_reports_nothing() -> None:
    record = onrecord.analyze("Republicans who rule the state said the bill was needed.")
    assert [q.cue.text for q in record.quotes if q.cue is not None] == ["said"]


def test_calling_a_thing_a_quoted_name_after_a_relative_clause() -> None:
    quote = quote_with(
        'The governor, who signed the law, called the ruling "judicial overreach."',
        "judicial overreach",
    )
    assert quote.content.text == 'the ruling "judicial overreach."'


def test_a_thing_called_by_its_name_is_no_quote() -> None:
    assert onrecord.analyze("Okoro founded a company called Harmony Enterprises.").quotes == []


@pytest.mark.parametrize(
    "text",
    [
        "Ruiz said, \u201cWhy now?\u201d",
        "The crowd chanted, \u201cOut, out, out!\u201d",
        'Asked if he would resign, Volkov said: "Never."',
    ],
)
def test_a_short_question_or_cry_after_its_cue_is_a_quote(text: str) -> None:
    [quote] = [q for q in onrecord.analyze(text).quotes if q.type == "direct"]
    assert quote.cue is not None and quote.cue.text in ("said", "chanted")


def test_a_reply_and_the_answer_to_it_are_two_quotes() -> None:
    record = onrecord.analyze(
        "Okoro responds to Vance with, \u201cWhy now? That was on my way to Lagos?\u201d Vance "
        "then writes back, \u201cYou look cute.\u201d"
    )
    got = [(q.source.text if q.source else None, q.content.text) for q in record.quotes]
    assert got == [
        ("Okoro", "\u201cWhy now? That was on my way to Lagos?\u201d"),
        ("Vance", "\u201cYou look cute.\u201d"),
    ]


def test_a_purpose_clause_is_not_object_control() -> None:
    text = 'Other leaders used particularly blunt language to denounce the "barbaric" attack.'
    record = onrecord.analyze(text)
    for quote in record.quotes:
        assert quote.source is None or "language" not in quote.source.text


def test_continue_with_a_complement_is_no_cue() -> None:
    record = onrecord.analyze('Prices continued to rise, "sharply," as one trader put it.')
    assert all(q.cue is None or q.cue.lemma != "continue" for q in record.quotes)


@pytest.mark.parametrize(
    ("text", "first", "second", "source"),
    [
        # the same verb again: a second statement, not part of the first
        (
            'The mayor said the depot "went into lockdown at once" and said the rescue of the'
            " drivers was always a priority.",
            "went into lockdown",
            "rescue of the drivers",
            "The mayor",
        ),
        # another reporting verb after a comma, when the clause's subject cannot have said it
        (
            "Senator Ruth Vance said the tax plan would give money to large landlords, and called"
            " it a giveaway.",
            "give money to large landlords",
            "a giveaway",
            "Senator Ruth Vance",
        ),
    ],
)
def test_a_second_statement_hung_on_the_reported_clause_is_its_own(
    text: str, first: str, second: str, source: str
) -> None:
    said = quote_with(text, first)
    assert second not in said.content.text
    other = quote_with(text, second)
    assert first not in other.content.text
    assert other.source is not None and other.source.text == source, other.source


def test_officials_can_say_what_the_coordinated_verb_says() -> None:
    quote = quote_with("He said officials told him about it, and asked him to leave.", "told")
    assert quote.content.text.endswith("asked him to leave")


def test_a_quoted_sentence_after_the_attribution_sentence_continues_the_quote() -> None:
    text = (
        '"We are refugees," Nadia Rahimi said. "We are not criminals." Then the group left.'
        ' Omar Saleh said: "We came here to work."'
    )
    record = onrecord.analyze(text)
    first = quote_with(text, "We are refugees")
    assert [text[s:e] for s, e in first.content.spans] == [
        '"We are refugees,"',
        '"We are not criminals."',
    ]
    assert first.type == "direct" and first.speaker is not None
    assert first.speaker.name == "Nadia Rahimi"
    assert len(record.quotes) == 2


def test_continued_with_a_participle_after_it_is_still_a_bare_cue() -> None:
    text = (
        "“It is a reflection of anger,” Ruiz said.\n\n"
        "“A lot of it is justified,” he continued, citing the many workers who lost jobs."
    )
    quote = quote_with(text, "A lot of it")
    assert quote.type == "direct"
    assert quote.cue is not None and quote.cue.text == "continued"


def test_a_named_subject_with_a_long_apposition_before_its_cue() -> None:
    text = (
        "“We will win this,” Anna Berg, the minister of finance who took office in 2019 after"
        " winning a tight race against two rivals in the north, said on Monday."
    )
    quote = quote_with(text, "We will win")
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.speaker is not None and quote.speaker.name == "Anna Berg"


@pytest.mark.parametrize("mark", ["''", '"'])
def test_a_quote_opening_after_a_full_stop_starts_a_sentence(mark: str) -> None:
    text = (
        "The sales tax revenue helps to fill the coffers, and some of it is dedicated to bond"
        f" payments. {mark}Usually we get that back,{mark} Ms. Acosta said."
    )
    quote = quote_with(text, "Usually we get")
    assert quote.type == "direct"
    assert quote.content.text == f"{mark}Usually we get that back,{mark}"
    assert quote.speaker is not None and quote.speaker.name == "Acosta"


def test_a_second_predicate_of_the_speaker_starts_a_second_quote() -> None:
    text = (
        "He said that the mayor is playing “a very old game” and said that the council is"
        " “weak like a baby.”"
    )
    first = quote_with(text, "a very old game")
    assert "council" not in first.content.text
    second = quote_with(text, "weak like a baby")
    assert second.source is not None and second.source.text == "He"


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("The dockworkers' union called for a general strike.", "a general strike", "called for"),
        (
            "Senator Ilse Marrow is calling for new elections in the province.",
            "new elections",
            "calling for",
        ),
        ("As proof, Mayor Ines Kolb pointed to the new budget.", "the new budget", "pointed to"),
        # after a verb of asking, an if- or whether-clause is the question asked
        (
            "The organizer asked volunteers if they planned to attend the rally.",
            "if they planned to attend the rally",
            "asked",
        ),
        # "for X to act": a clause the cue's own preposition opens
        (
            "Senator Ada Moss is calling for the state to step up its efforts against the floods.",
            "the state to step up its efforts against the floods",
            "calling for",
        ),
    ],
)
def test_the_object_of_a_cue_s_preposition_is_what_was_said(
    text: str, content: str, cue: str
) -> None:
    quote = quote_with(text, content)
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.type == "indirect"
    assert quote.content.text.startswith(content)


def test_a_date_after_a_cue_s_preposition_is_not_what_was_said() -> None:
    record = onrecord.analyze("The strike was called for Monday by the union.", doc_id="d")
    assert not [q for q in record.quotes if q.content.text == "Monday"]


def test_who_was_asked_did_not_ask() -> None:
    """'Asked about X, Y said': Y was asked; who asked is not said."""
    quote = quote_with("Asked about the strike, the minister said it was illegal.", "the strike")
    assert quote.cue is not None and quote.cue.text == "Asked"
    assert quote.source is None


def test_finding_a_thing_is_not_reporting_it() -> None:
    """'found the posts' reports nothing; 'found that ...' does."""
    record = onrecord.analyze("Investigators found the posts on Monday.")
    assert [q.content.text for q in record.quotes] == []
    quote = quote_with("The audit found that most clinics were understaffed.", "most clinics")
    assert quote.cue is not None and quote.cue.text == "found"


def test_the_reader_asked_what_they_think_is_no_source() -> None:
    text = (
        "Mara Quist said that Dana Shawcross was a decent man. What do you think of"
        " Shawcross quietly saying “wish him well” afterwards?"
    )
    record = onrecord.analyze(text)
    assert all(q.source is None or q.source.text != "you" for q in record.quotes)
    quote = quote_with(text, "wish him well")
    assert quote.source is not None and quote.source.text == "Shawcross"


def test_a_passage_after_a_dashed_aside_resumes_the_quote_before_it() -> None:
    text = (
        'Quist said, "The bridge will be built" - at which point the crowd chanted "Build it!"'
        ' - "and restore order in our towns."'
    )
    resumed = quote_with(text, "restore order")
    assert resumed.source is not None and resumed.source.text == "Quist"
    assert "Build it" not in resumed.content.text


def test_a_sentence_opened_by_adding_goes_on_for_the_speaker_just_quoted() -> None:
    quote = quote_with(
        "Later in the program, Mara Quist said of the audit that the findings “looked poor.”"
        " Adding, “Still, as with every audit, the numbers are rarely the whole story.”",
        "the whole story",
    )
    assert quote.source is not None and quote.source.text == "Mara Quist"


def test_the_last_noun_of_a_phrase_before_an_aside_is_not_a_subject() -> None:
    quote = quote_with(
        "In a new Tarrow Institute poll, likely voters given the choice of four options --"
        " happy, calm, angry or scared -- are most inclined to say the race would leave them"
        " fearful.",
        "the race would leave",
    )
    assert quote.source is None or "options" not in quote.source.text, quote.source


def test_a_comparison_does_not_report_the_clause_before_it() -> None:
    text = (
        "The report was a reminder that the drought is deeper and wider than many farmers"
        " and local officials realize."
    )
    record = onrecord.analyze(text)
    assert all("The report" not in q.content.text for q in record.quotes), record.quotes


def test_who_is_asked_in_a_reduced_clause_is_not_who_asks() -> None:
    text = '"It is possible for anybody to change," he said when asked about the mayor\'s temper.'
    quote = quote_with(text, "the mayor's temper")
    assert quote.source is None, quote.source


@pytest.mark.parametrize(
    ("text", "content", "source"),
    [
        # the clause goes on after the phrase: what X reports is both parts
        (
            "Fundraising, according to the campaign, has surged in the same period.",
            "Fundraising has surged in the same period",
            "the campaign",
        ),
        (
            "At the heart of the dispute, according to Jon Roe, a former envoy, was a decision "
            "by the president to cut aid.",
            "At the heart of the dispute was a decision by the president to cut aid",
            "Jon Roe, a former envoy",
        ),
        (
            "The firm receives, according to one report, $234 million in contracts from the "
            "ministry.",
            "The firm receives $234 million in contracts from the ministry",
            "one report",
        ),
        # ... but not into words about the source
        (
            "The economy grew by 2 percent, according to the ministry, which released the "
            "figures on Monday.",
            "The economy grew by 2 percent",
            "the ministry",
        ),
        (
            "The voters watched the debate, according to their lawyers, and said they were "
            '"more confused than ever."',
            "The voters watched the debate",
            "their lawyers",
        ),
        (
            "The economy grew by 2 percent, according to Ana Ruiz, the finance minister.",
            "The economy grew by 2 percent",
            "Ana Ruiz, the finance minister",
        ),
    ],
)
def test_a_source_phrase_set_off_inside_a_clause_credits_the_whole_clause(
    text: str, content: str, source: str
) -> None:
    record = onrecord.analyze(text)
    found = [q for q in record.quotes if q.cue is not None and q.cue.text == "according to"]
    assert len(found) == 1, record.quotes
    assert found[0].content.text == content
    assert found[0].source is not None and found[0].source.text == source


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The problem, Ruiz said, is that the budget is too small.", "The problem is that the"),
        ("The plan, she said, would cut taxes for the middle class.", "The plan would cut"),
        ("The plan would cut taxes, she said, for the middle class.", "taxes for the middle"),
        # set off on one side only: the clause before is all of it
        ("The plan would cut taxes for the middle class, she said.", "The plan would cut"),
    ],
)
def test_a_reporting_clause_set_off_inside_what_it_reports_splits_it(
    text: str, content: str
) -> None:
    record = onrecord.analyze(text)
    assert len(record.quotes) == 1, record.quotes
    quote = record.quotes[0]
    assert content in quote.content.text
    assert "said" not in quote.content.text
    assert quote.source is not None and quote.source.text in ("Ruiz", "she")


@pytest.mark.parametrize(
    ("text", "content", "source"),
    [
        # the small model reads "Frank notes" and "Ruiz claims" as appositions
        (
            "Democrats, Frank notes, applaud the shrewd management of the economy.",
            "Democrats applaud the shrewd management of the economy",
            "Frank",
        ),
        ("Voters, Ruiz claims, want a change.", "Voters want a change", "Ruiz"),
    ],
)
def test_a_reporting_aside_read_as_an_apposition_reports_the_clause_around_it(
    text: str, content: str, source: str
) -> None:
    record = onrecord.analyze(text)
    assert len(record.quotes) == 1, record.quotes
    quote = record.quotes[0]
    assert quote.content.text == content
    assert quote.source is not None and quote.source.text == source


def test_an_apposition_of_people_is_no_reporting_aside() -> None:
    record = onrecord.analyze("Ohio Democrats, Ruiz supporters, want a change.")
    assert all(q.source is None or q.source.text != "Ruiz" for q in record.quotes)
    assert all(q.cue is None or q.cue.text != "supporters" for q in record.quotes)


def test_the_report_inside_a_report_set_off_after_it_keeps_its_own_words() -> None:
    quote = innermost_quote_with(
        "South Korea and Japan agreed on Monday to restore a pact, the ministry said, ending a "
        "two-year dispute.",
        "to restore a pact",
    )
    assert quote.content.text == "to restore a pact"
    assert quote.source is not None and quote.source.text == "South Korea and Japan"


def _parsed(words: list[str], heads: list[int], deps: list[str], lemmas: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)


def test_a_verb_of_saying_with_words_of_its_own_after_it_frames_nothing_before_it() -> None:
    """As the parser reads a sentence in context: "says" hung on "hope" as parataxis. In
    "Moscow agreed to talks, the ministry said" the ministry reports Moscow's agreement; in
    "I hope America says, 'Thank you'" America says what follows, and the writer hopes it."""
    lexicon = load_lexicon()
    framed = _parsed(
        ["Moscow", "agreed", "to", "talks", ",", "the", "ministry", "said", "."],
        [1, 1, 1, 2, 1, 6, 7, 1, 1],
        ["nsubj", "ROOT", "prep", "pobj", "punct", "det", "nsubj", "parataxis", "punct"],
        ["Moscow", "agree", "to", "talk", ",", "the", "ministry", "say", "."],
    )
    assert _reporting_frame(framed[7], framed[1], lexicon)
    saying = _parsed(
        ["I", "hope", "America", "says", ",", '"', "Thank", "you", ".", '"'],
        [1, 1, 3, 1, 3, 6, 3, 6, 6, 6],
        [
            "nsubj",
            "ROOT",
            "nsubj",
            "parataxis",
            "punct",
            "punct",
            "ccomp",
            "dobj",
            "punct",
            "punct",
        ],
        ["I", "hope", "America", "say", ",", '"', "thank", "you", ".", '"'],
    )
    assert not _reporting_frame(saying[3], saying[1], lexicon)


def _frame_after(doc: Doc, content: tuple[int, int], source: int, cue: int) -> Frame:
    pattern = CuePattern((doc[cue].lemma_,), "speech", "statement", None)
    return Frame(
        cue=CueMatch(cue, cue, cue, pattern),
        source=(source, source),
        source_head=source,
        content=content,
        content_kind="main",
        addressee=None,
        passive=False,
    )


def test_only_a_bare_verb_of_saying_after_a_clause_holds_the_reports_in_it() -> None:
    """ "Moscow agreed, the ministry said" reports all of the clause; in a headline's
    "Leaders denounce the test, others vow consequences" the second verb says its own."""
    reporting = _parsed(
        ["Moscow", "agreed", ",", "officials", "said", "."],
        [1, 4, 4, 4, 4, 4],
        ["nsubj", "ccomp", "punct", "nsubj", "ROOT", "punct"],
        ["Moscow", "agree", ",", "official", "say", "."],
    )
    assert holds_whole_reports(reporting, _frame_after(reporting, (0, 1), 3, 4))
    vowing = _parsed(
        ["Leaders", "denounce", "it", ",", "others", "vow", "consequences", "."],
        [1, 5, 1, 5, 5, 5, 5, 5],
        ["nsubj", "parataxis", "dobj", "punct", "nsubj", "ROOT", "dobj", "punct"],
        ["leader", "denounce", "it", ",", "other", "vow", "consequence", "."],
    )
    assert not holds_whole_reports(vowing, _frame_after(vowing, (0, 2), 4, 5))


def test_a_verb_coordinated_into_a_clause_reported_after_it_is_the_clause_subject_s() -> None:
    quote = innermost_quote_with(
        "The rebels seized the town and warned they would advance, the army said.",
        "they would advance",
    )
    assert quote.cue is not None and quote.cue.text == "warned"
    assert quote.source is not None and quote.source.text == "The rebels"


def test_as_something_said_was_read_out_frames_nothing() -> None:
    # "as the verdict was read" says when, not who said the main clause
    record = onrecord.analyze(
        "The defendant, who watched from a metal cage, shook his head as the verdict was read."
    )
    assert all("shook his head" not in quote.content.text for quote in record.quotes)


def test_a_question_put_to_the_speaker_is_the_asker_s_even_where_asked_is_mistagged() -> None:
    # the tagger reads the opening "Asked" as a past tense with the main clause's subject
    question = quote_with(
        'Asked what that might look like, she said: "We will figure that out."',
        "what that might look like",
    )
    assert question.source is None and question.speaker is None
