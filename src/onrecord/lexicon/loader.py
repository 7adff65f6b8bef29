"""The lexicons: data files in ``onrecord/lexicon/data`` that users extend without touching code.

Every file is tab-separated text with ``#`` comments. Directories named in the
environment variable ``ONRECORD_LEXICON_PATH`` (separated by ``os.pathsep``) may
hold files of the same names; their rows are added to the packaged ones.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from onrecord.errors import OnrecordError

ENV_PATH = "ONRECORD_LEXICON_PATH"
_FUNCTION_WORDS = frozenset(["a", "an", "and", "at", "de", "for", "in", "of", "on", "the", "to"])


@dataclass(frozen=True, slots=True)
class CuePattern:
    lemmas: tuple[str, ...]  # head lemma first
    cls: str  # speech | cognition | evidence | noun | phrase | bare | attitude
    act: str
    plover: str | None


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    name: str


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    country: str | None
    kind: str
    nouns: frozenset[str] = frozenset()  # "the alliance" for NATO, "the bloc" for the EU


@dataclass(slots=True)
class Lexicon:
    cues: dict[str, list[CuePattern]] = field(default_factory=dict)
    phrases: list[CuePattern] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    descriptors: dict[str, frozenset[str]] = field(default_factory=dict)
    country_names: dict[str, Country] = field(default_factory=dict)  # name or alias
    country_adjectives: dict[str, Country] = field(default_factory=dict)
    country_metonyms: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)  # name or alias
    hedges: list[str] = field(default_factory=list)
    object_roles: dict[str, str] = field(default_factory=dict)  # verb lemma -> its role
    connectives: set[tuple[str, ...]] = field(default_factory=set)
    continuations: set[tuple[str, ...]] = field(default_factory=set)
    institution_words: dict[str, str | None] = field(default_factory=dict)  # word -> kind
    gendered_words: dict[str, str] = field(default_factory=dict)
    first_names: dict[str, str] = field(default_factory=dict)  # name -> m | f
    body_nouns: dict[str, str] = field(default_factory=dict)  # noun -> its kind of body
    organisation_kinds: dict[str, str] = field(default_factory=dict)  # word -> media, ...
    person_nouns: dict[str, str | None] = field(default_factory=dict)  # noun -> gender
    determiners: dict[str, frozenset[str]] = field(default_factory=dict)  # word -> kinds
    honorifics: dict[str, str | None] = field(default_factory=dict)  # "mr." and "mr" -> gender
    document_nouns: frozenset[str] = frozenset()
    headline_words: dict[str, str] = field(default_factory=dict)  # word -> label | kicker | ...
    function_words: frozenset[str] = frozenset()
    venues: dict[str, frozenset[str]] = field(default_factory=dict)  # noun -> addressee preps
    via_patterns: list[str] = field(default_factory=list)  # "told {outlet}", in order
    media_words: frozenset[str] = frozenset()  # "Agency", "News": a name with one is an outlet
    act_plover: dict[str, str | None] = field(default_factory=dict)
    act_signals: dict[str, str] = field(default_factory=dict)  # phrase -> act
    boilerplate: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    transliteration: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    _title_words: frozenset[str] = frozenset()
    _party_words: dict[str, str] = field(default_factory=dict)  # "gop" -> "Republican Party"

    # --- queries -----------------------------------------------------------------

    def cue_patterns(self, lemma: str) -> list[CuePattern]:
        return self.cues.get(lemma, [])

    def is_speech_verb(self, lemma: str) -> bool:
        """Whether the lemma is a verb of saying (not of believing or perceiving)."""
        return any(p.cls == "speech" for p in self.cues.get(lemma.lower(), ()))

    def is_boilerplate_line(self, line: str) -> bool:
        return any(pattern.search(line) for pattern, _ in self.boilerplate)

    def is_credit_line(self, line: str) -> bool:
        return line.lstrip("•·▪●◦‣∙ ").startswith("©") or any(
            kind == "credit" and pattern.search(line) for pattern, kind in self.boilerplate
        )

    def title_kind(self, title: str) -> str | None:
        """The kind of source a title describes, from its most specific known role."""
        words = title.lower().split()
        best: tuple[int, str] | None = None
        for size in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                kind = self.titles.get(" ".join(words[i : i + size]))
                if kind and (best is None or size > best[0]):
                    best = (size, kind)
        return best[1] if best else None

    def is_title_word(self, word: str) -> bool:
        return word.lower() in self._title_words

    def is_person_word(self, word: str) -> bool:
        """A title word or a noun for a person ("minister", "spokesman", "woman")."""
        lower = word.lower()
        return lower in self._title_words or lower in self.person_nouns

    def party_named(self, words: str) -> str | None:
        """The party the first capitalised party word of ``words`` names ("the GOP
        front-runner" -> Republican Party, "a Democrat" -> Democratic Party; but not "a
        conservative columnist"), if any."""
        for word in words.split():
            if not word[:1].isupper():
                continue
            for lower in (word.lower(), word.lower().removesuffix("s")):  # "Republicans"
                party = self._party_words.get(lower) or self._party_words.get(lower + "ic")
                if party is not None:
                    return party
        return None

    def is_determiner(self, word: str, *kinds: str) -> bool:
        """Whether the lower-case ``word`` is a determiner of one of ``kinds`` (any kind when
        none is given): ``is_determiner("another", "indefinite")``."""
        found = self.determiners.get(word)
        return found is not None and (not kinds or not found.isdisjoint(kinds))

    def country(self, name: str) -> Country | None:
        key = name.strip()
        key = key[4:] if key.lower().startswith("the ") else key
        return (
            self.country_names.get(key)
            or self.country_adjectives.get(key)
            or self.country_metonyms.get(key)
            or self.country_metonyms.get("the " + key)
        )

    def name_key(self, token: str) -> str:
        """Spelling key of one name token: transliteration variants share it."""
        decomposed = unicodedata.normalize("NFKD", token.lower())
        key = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        for pattern, replacement in self.transliteration:
            key = pattern.sub(replacement, key)
        return key


# --- loading -------------------------------------------------------------------------


def read_rows(name: str, extra_dirs: tuple[Path, ...]) -> Iterator[list[str]]:
    """The rows of lexicon file ``name``: the packaged file's, then each extra directory's,
    split on tabs, without blank and comment lines."""
    sources: list[str] = []
    packaged = resources.files("onrecord.lexicon.data").joinpath(name)
    if packaged.is_file():
        sources.append(packaged.read_text(encoding="utf-8"))
    for directory in extra_dirs:
        path = directory / name
        if path.is_file():
            sources.append(path.read_text(encoding="utf-8"))
    for source in sources:
        for line in source.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                yield [cell.strip() for cell in line.split("\t")]


def _cell(row: list[str], index: int) -> str | None:
    value = row[index] if index < len(row) else ""
    return None if value in ("", "-") else value


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()] if value else []


def load_lexicon(extra_dirs: tuple[Path, ...] = ()) -> Lexicon:
    lex = Lexicon()
    for row in read_rows("cues.tsv", extra_dirs):
        pattern = CuePattern(
            lemmas=tuple(row[0].lower().split()),
            cls=row[1],
            act=_cell(row, 2) or "statement",
            plover=_cell(row, 3),
        )
        if pattern.cls == "phrase":
            lex.phrases.append(pattern)
        else:
            lex.cues.setdefault(pattern.lemmas[0], []).append(pattern)
    for patterns in lex.cues.values():
        patterns.sort(key=lambda p: -len(p.lemmas))  # most specific first
    lex.phrases.sort(key=lambda p: -len(p.lemmas))
    for row in read_rows("titles.tsv", extra_dirs):
        lex.titles[row[0].lower()] = row[1]
    for row in read_rows("descriptors.tsv", extra_dirs):
        refers = {part.strip().lower() for part in row[1].split(",") if part.strip()}
        lex.descriptors[row[0].lower()] = frozenset(refers | {row[0].lower()})
    for row in read_rows("countries.tsv", extra_dirs):
        country = Country(iso2=row[0], name=row[1])
        for name in [row[1], *_split(_cell(row, 2))]:
            lex.country_names[name] = country
        for adjective in _split(_cell(row, 3)):
            lex.country_adjectives[adjective] = country
        for metonym in _split(_cell(row, 4)):
            lex.country_metonyms[metonym] = country
    for row in read_rows("organisations.tsv", extra_dirs):
        org = Organisation(
            name=row[0],
            country=_cell(row, 2),
            kind=_cell(row, 3) or "other",
            nouns=frozenset(noun.lower() for noun in _split(_cell(row, 4))),
        )
        for name in [row[0], *_split(_cell(row, 1))]:
            lex.organisations[name] = org
    lex.hedges = [row[0].lower() for row in read_rows("hedges.tsv", extra_dirs)]
    lex.object_roles = {row[0].lower(): row[1] for row in read_rows("cue_frames.tsv", extra_dirs)}
    lex.connectives = {
        tuple(row[0].lower().split()) for row in read_rows("connectives.tsv", extra_dirs)
    }
    lex.continuations = {
        tuple(row[0].lower().split()) for row in read_rows("continuations.tsv", extra_dirs)
    }
    lex.institution_words = {
        row[0].lower(): _cell(row, 1) for row in read_rows("institution_words.tsv", extra_dirs)
    }
    lex.function_words = frozenset(
        row[0].lower() for row in read_rows("function_words.tsv", extra_dirs)
    )
    lex.document_nouns = frozenset(
        row[0].lower() for row in read_rows("document_nouns.tsv", extra_dirs)
    )
    lex.headline_words = {
        row[0].lower(): row[1] for row in read_rows("headline_words.tsv", extra_dirs)
    }
    lex.gendered_words = {
        row[0].lower(): row[1] for row in read_rows("gendered_words.tsv", extra_dirs)
    }
    lex.first_names = {row[0]: row[1] for row in read_rows("first_names.tsv", extra_dirs)}
    lex.body_nouns = {row[0].lower(): row[1] for row in read_rows("body_nouns.tsv", extra_dirs)}
    lex.organisation_kinds = {
        row[0].lower(): row[1] for row in read_rows("organisation_kinds.tsv", extra_dirs)
    }
    lex.person_nouns = {
        row[0].lower(): _cell(row, 1) for row in read_rows("person_nouns.tsv", extra_dirs)
    }
    lex.determiners = {
        row[0].lower(): frozenset(_split(_cell(row, 1)))
        for row in read_rows("determiners.tsv", extra_dirs)
    }
    for row in read_rows("honorifics.tsv", extra_dirs):
        word, gender = row[0].lower(), _cell(row, 1)
        lex.honorifics[word] = gender
        lex.honorifics[word.removesuffix(".")] = gender  # "Mr" as well as "Mr."
    lex.act_plover = {row[0]: _cell(row, 1) for row in read_rows("acts.tsv", extra_dirs)}
    lex.act_signals = {row[0].lower(): row[1] for row in read_rows("act_signals.tsv", extra_dirs)}
    lex.venues = {
        row[0].lower(): frozenset(p.strip() for p in (_cell(row, 1) or "").split(",") if p.strip())
        for row in read_rows("venues.tsv", extra_dirs)
    }
    via = list(read_rows("via.tsv", extra_dirs))
    lex.via_patterns = [row[1] for row in via if row[0] == "pattern" and len(row) > 1]
    lex.media_words = frozenset(row[1] for row in via if row[0] == "word" and len(row) > 1)
    try:
        lex.boilerplate = [
            (re.compile(row[0], re.IGNORECASE), _cell(row, 1) or "other")
            for row in read_rows("boilerplate.tsv", extra_dirs)
        ]
        lex.transliteration = [
            (re.compile(row[0]), row[1] if len(row) > 1 else "")
            for row in read_rows("transliteration.tsv", extra_dirs)
        ]
    except re.error as err:
        raise OnrecordError(f"a lexicon regular expression does not compile: {err}") from None
    lex._title_words = frozenset(
        word for title in lex.titles for word in title.split() if word not in _FUNCTION_WORDS
    )
    lex._party_words = {
        key.lower().removesuffix(" party"): org.name
        for key, org in lex.organisations.items()
        if org.kind == "party" and (key != org.name or org.name.endswith(" Party"))
    }
    return lex


def lexicon_dirs() -> tuple[Path, ...]:
    """The directories named in ``ONRECORD_LEXICON_PATH``, whose files extend the packaged ones."""
    return tuple(Path(p) for p in os.environ.get(ENV_PATH, "").split(os.pathsep) if p)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicons plus those in ``ONRECORD_LEXICON_PATH``, loaded once."""
    return load_lexicon(lexicon_dirs())
