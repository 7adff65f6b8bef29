"""Entities: named mentions grouped into people and bodies, with titles, affiliation, country.

People are merged across full names, surname-only mentions and transliteration
variants (the spelling keys of :meth:`Lexicon.name_key`); countries and
organisations are merged through the lexicons (aliases, adjectives, capitals).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from onrecord.lexicon import Lexicon
from onrecord.nlp import sentence_of

_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "LOC": "LOC"}
_HONORIFICS = {
    "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
    "dr": None, "dr.": None, "sir": "m", "madam": "f", "lady": "f", "lord": "m",
}  # fmt: skip
_POSSESSIVE = ("'s", "’s", "'", "’")
_TITLE_WALK = {"PROPN", "NOUN", "ADJ"}
_MAX_TITLE_TOKENS = 14


@dataclass(slots=True)
class Mention:
    start: int  # characters
    end: int
    first: int  # tokens, inclusive
    last: int
    text: str


_WORD = re.compile(r"\w+")
_INDEXED_WORDS = 4  # word sequences up to this long are looked up whole


class FormFinder:
    r"""Where a form occurs in a text as whole words: the offsets ``re.finditer`` gives for
    ``(?<!\w)form(?!\w)``. The text's words are indexed once (by sequences of up to
    _INDEXED_WORDS words), so each form costs its own occurrences, not a scan of the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
        self.by_words: dict[int, dict[tuple[str, ...], list[int]]] = {}
        self.by_shape: dict[tuple[tuple[str, ...], int, int], dict[str, list[int]]] = {}
        self.found: dict[str, list[int]] = {}

    def _index(self, size: int) -> dict[tuple[str, ...], list[int]]:
        index = self.by_words.get(size)
        if index is None:
            index = {}
            words = [word for _, word in self.words]
            for i in range(len(words) - size + 1):
                index.setdefault(tuple(words[i : i + size]), []).append(i)
            self.by_words[size] = index
        return index

    def _spelled(self, key: tuple[str, ...], lead: int, length: int) -> dict[str, list[int]]:
        """The places where the words ``key`` occur, by the text of the ``length``
        characters that start ``lead`` characters before them. The forms that share their
        words and shape ("“NATO", "«NATO", "'NATO") are looked up here, so that the words'
        occurrences are read once per shape, not once per form (forms x occurrences, when a
        word comes with every kind of mark around it)."""
        shape = (key, lead, length)
        spelled = self.by_shape.get(shape)
        if spelled is None:
            spelled = {}
            for i in self._index(len(key)).get(key, []):
                start = self.words[i][0] - lead
                if start >= 0:
                    spelled.setdefault(self.text[start : start + length], []).append(start)
            self.by_shape[shape] = spelled
        return spelled

    def __call__(self, form: str) -> list[int]:
        found = self.found.get(form)
        if found is not None:
            return found
        text = self.text
        runs = [(m.start(), m.group()) for m in _WORD.finditer(form)]
        if not runs:
            found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
        else:
            found = []
            size = min(len(runs), _INDEXED_WORDS)
            key = tuple(word for _, word in runs[:size])
            end = -1
            for start in self._spelled(key, runs[0][0], len(form)).get(form, []):
                stop = start + len(form)
                if start < end:
                    continue
                if (start > 0 and _WORD.match(text, start - 1)) or _WORD.match(text, stop):
                    continue  # not a whole word at one end
                found.append(start)
                end = stop
        self.found[form] = found
        return found


@dataclass(slots=True)
class EntityDraft:
    type: str
    key: str
    forms: Counter[str] = field(default_factory=Counter)
    mentions: list[Mention] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    affiliation: str | None = None
    country: str | None = None
    gender: str | None = None
    fixed_name: str | None = None  # canonical name from a lexicon
    label: str = ""  # the tagger's label of the first mention (LOC for non-political places)
    canonical: str | None = None  # set by choose_name once all mentions are known

    @property
    def name(self) -> str:
        if self.fixed_name:
            return self.fixed_name
        return self.canonical or next(iter(self.forms))

    def choose_name(self, text: str, occurrences: FormFinder | None = None) -> None:
        """The canonical name: the full form the whole text (captions too) uses most, the
        earliest on a tie. Give every entity of one text the same ``occurrences``, so that
        the text's words are indexed once, not searched once per form."""
        if self.fixed_name or not self.forms:
            return
        full = [form for form in self.forms if " " in form] or list(self.forms)
        if len(full) == 1:  # nothing to choose between: no need to count
            self.canonical = full[0]
            return
        occurrences = occurrences or FormFinder(text)

        def standing(form: str) -> tuple[int, int]:
            found = occurrences(form)
            return (len(found), -(found[0] if found else len(text)))

        self.canonical = max(full, key=standing)

    @property
    def first_position(self) -> int:
        return self.mentions[0].start if self.mentions else 0

    def add_title(self, title: str) -> None:
        if title and title not in self.titles:
            self.titles.append(title)


@dataclass(slots=True)
class EntityIndex:
    entities: list[EntityDraft]
    token_entity: dict[int, int]  # token index -> entity index
    _by_key: dict[str, int] = field(default_factory=dict)
    _org_mentions: list[tuple[int, int]] | None = None  # (start, entity), sorted

    def at(self, token: int) -> int | None:
        return self.token_entity.get(token)

    def add(self, entity: EntityDraft) -> int:
        """Add an entity found after the index was built (a body named by a source mention);
        the caller attaches its mentions."""
        self.entities.append(entity)
        self.numbers_by_key()[entity.key] = len(self.entities) - 1
        return len(self.entities) - 1

    def attach(self, number: int, doc: Doc, first: int, last: int) -> None:
        """Add tokens ``first..last`` as a mention of entity ``number`` (once)."""
        entity = self.entities[number]
        if any(m.first == first for m in entity.mentions):
            return
        span = doc[first : last + 1]
        entity.mentions.append(Mention(span.start_char, span.end_char, first, last, span.text))
        entity.mentions.sort(key=lambda m: m.start)
        if self._org_mentions is not None and entity.type == "ORG":
            bisect.insort(self._org_mentions, (span.start_char, number))
        for i in range(first, last + 1):
            self.token_entity.setdefault(i, number)

    def numbers_by_key(self) -> dict[str, int]:
        """Entity number by key (the first entity of a key), built once."""
        if not self._by_key:
            for number, entity in enumerate(self.entities):
                self._by_key.setdefault(entity.key, number)
        return self._by_key

    def in_range(self, first: int, last: int) -> list[int]:
        found: list[int] = []
        for i in range(first, last + 1):
            index = self.token_entity.get(i)
            if index is not None and index not in found:
                found.append(index)
        return found

    def organisations_between(self, start: int, end: int) -> dict[int, list[int]]:
        """The organisations mentioned in ``[start, end)`` with their mentions' offsets there,
        found through one sorted list of mentions, so a window costs what it holds."""
        if self._org_mentions is None:
            self._org_mentions = sorted(
                (m.start, number)
                for number, entity in enumerate(self.entities)
                if entity.type == "ORG"
                for m in entity.mentions
            )
        low = bisect.bisect_left(self._org_mentions, (start, -1))
        high = bisect.bisect_left(self._org_mentions, (end, -1))
        found: dict[int, list[int]] = {}
        for offset, number in self._org_mentions[low:high]:
            if self.entities[number].type == "ORG":
                found.setdefault(number, []).append(offset)
        return found

    def mention_positions(self, index: int) -> list[int]:
        return [m.start for m in self.entities[index].mentions]

    def mentioned_before(self, index: int, position: int) -> int | None:
        """Offset of the entity's last mention before a position, if any."""
        mentions = self.entities[index].mentions
        k = bisect.bisect_left(mentions, position, key=lambda m: m.start)
        return mentions[k - 1].start if k else None


def _clean_person(ent: Span, lexicon: Lexicon) -> tuple[int, int, str | None] | None:
    """Token bounds of the name proper (no honorific, title or possessive) and a gender cue."""
    first, last = ent.start, ent.end - 1
    doc = ent.doc
    gender: str | None = None
    while first <= last and (
        doc[first].lower_ in _HONORIFICS
        or lexicon.is_title_word(doc[first].text)
        or (first < last and doc[first].lower_ in lexicon.person_nouns)  # "Comedian Jane Roe"
    ):
        gender = _HONORIFICS.get(doc[first].lower_, gender)
        first += 1
    for i in range(first + 1, last + 1):
        # "Cruz's Iowa", "Wall Street. Voters": the name ends at a possessive or a sentence end
        if doc[i].text in _POSSESSIVE or doc[i].is_sent_start or "\n" in doc[i].text:
            last = i - 1
            break
    while last >= first and (doc[last].text in _POSSESSIVE or doc[last].is_punct):
        last -= 1
    if first > last:
        return None
    if first > 0 and doc[first - 1].lower_ in _HONORIFICS:
        gender = _HONORIFICS[doc[first - 1].lower_]
    return first, last, gender or _apposed_gender(ent.root, lexicon)


def _apposed_gender(root: Token, lexicon: Lexicon) -> str | None:
    """The gender a noun beside a name tells: "his wife, Jane Roe", "Jon Roe, her son"."""
    related = [root.head] if root.dep_ == "appos" else []
    related += [child for child in root.children if child.dep_ == "appos"]
    for noun in related:
        gender = lexicon.gendered_words.get(noun.lower_)
        if gender is not None and noun.pos_ == "NOUN":
            return gender
    return None


def _text(doc: Doc, first: int, last: int) -> str:
    text = doc[first : last + 1].text
    for suffix in _POSSESSIVE[:2]:
        text = text.removesuffix(suffix)
    return text.strip()


def _strip_article(text: str) -> str:
    for article in ("the ", "The ", "a ", "an ", "A ", "An "):
        if text.startswith(article):
            return text[len(article) :]
    return text


def build_entities(doc: Doc, lexicon: Lexicon) -> EntityIndex:
    people: list[EntityDraft] = []
    bodies: dict[str, EntityDraft] = {}
    person_mentions: list[tuple[Mention, str | None]] = []
    other_mentions: list[tuple[Mention, str]] = []
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        if label is None or not ent.text.strip():
            continue
        if label == "PERSON":
            cleaned = _clean_person(ent, lexicon)
            if cleaned is None:
                continue
            first, last, gender = cleaned
            text = _text(doc, first, last)
            if lexicon.country(text) is not None or text in lexicon.organisations:
                other_mentions.append(
                    (
                        Mention(doc[first].idx, doc[last].idx + len(doc[last]), first, last, text),
                        "GPE",
                    )
                )
                continue
            mention = Mention(doc[first].idx, doc[first].idx + len(text), first, last, text)
            person_mentions.append((mention, gender))
        else:
            first, last = ent.start, ent.end - 1
            while last > first and (doc[last].text in _POSSESSIVE or doc[last].is_punct):
                last -= 1
            if first < last and doc[first].lower_ == "the":
                first += 1  # "the United States": the name is "United States"
            while first <= last and doc[first].is_space:
                first += 1
            while last >= first and doc[last].is_space:
                last -= 1
            if first > last or not doc[first : last + 1].text.strip():
                continue  # the tagger's "the" + a line break: no name at all
            following = doc[last + 1] if last + 1 < len(doc) else None
            if (
                label == "ORG"
                and following is not None
                and following.text[:1].isupper()
                and lexicon.is_title_word(following.text)
            ):
                continue  # "Defense" in "Defense Minister": part of a title
            text = _text(doc, first, last)
            other_mentions.append(
                (Mention(doc[first].idx, doc[first].idx + len(text), first, last, text), label)
            )

    # A first name and a surname the tagger read as an organisation ("Adel Nefzi") are a person.
    # (The mentions are sorted into two lists, never removed one by one: each removal searched
    # the list, mentions x mentions.)
    other_mentions = _move_people(
        other_mentions,
        person_mentions,
        lambda m, label: label in ("ORG", "GPE") and _looks_like_a_person(m.text, lexicon),
    )
    # "Khizr Nadir" read as an organisation, where the article says "Mr. Nadir": a person
    addressed = {lexicon.name_key(m.text) for m, g in person_mentions if g and " " not in m.text}
    other_mentions = _move_people(
        other_mentions,
        person_mentions,
        lambda m, label: (
            label == "ORG"
            and lexicon.name_key(m.text.split()[-1]) in addressed
            and _could_be_a_name(m.text, lexicon)
        ),
    )
    surnames = {lexicon.name_key(m.text.split()[-1]) for m, _ in person_mentions if " " in m.text}
    full_forms = {m.text for m, _ in person_mentions if " " in m.text}
    # A surname the tagger read as an organisation ("Novak said") is a person.
    other_mentions = _move_people(
        other_mentions,
        person_mentions,
        lambda m, label: (
            label in ("ORG", "GPE") and " " not in m.text and lexicon.name_key(m.text) in surnames
        ),
    )
    person_mentions.sort(key=lambda pair: pair[0].start)
    _extend_first_names(doc, person_mentions, full_forms, lexicon)
    other_mentions = _without_people(doc, other_mentions, [m for m, _ in person_mentions])
    _group_people(person_mentions, people, lexicon)
    for mention, label in other_mentions:
        _add_body(mention, label, bodies, lexicon)

    entities = sorted([*people, *bodies.values()], key=lambda e: e.first_position)
    token_entity: dict[int, int] = {}
    for index, entity in enumerate(entities):
        entity.mentions.sort(key=lambda m: m.start)
        for mention in entity.mentions:
            for i in range(mention.first, mention.last + 1):
                token_entity.setdefault(i, index)
    for entity in entities:
        if entity.type == "PERSON":
            _describe_person(doc, entity, lexicon, token_entity, entities)
    return EntityIndex(entities, token_entity)


def _move_people(
    mentions: list[tuple[Mention, str]],
    people: list[tuple[Mention, str | None]],
    is_person: Callable[[Mention, str], bool],
) -> list[tuple[Mention, str]]:
    """The mentions that are not people; those that are go to the end of ``people``, in
    order."""
    kept: list[tuple[Mention, str]] = []
    for mention, label in mentions:
        if is_person(mention, label):
            people.append((mention, None))
        else:
            kept.append((mention, label))
    return kept


def _looks_like_a_person(name: str, lexicon: Lexicon) -> bool:
    return name.split()[0] in lexicon.first_names and _could_be_a_name(name, lexicon)


def _could_be_a_name(name: str, lexicon: Lexicon) -> bool:
    """Two or three capitalised words that name no known organisation, country or
    institution."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and all(word[:1].isupper() for word in words)
        and lexicon.organisations.get(name) is None
        and lexicon.country(name) is None
        and not any(word.lower() in lexicon.institution_words for word in words)
    )


def _extend_first_names(
    doc: Doc, mentions: list[tuple[Mention, str | None]], full_forms: set[str], lexicon: Lexicon
) -> None:
    """'... Federation Ivan | Petrenko': take the first name back when the full form is known,
    or when the tagger left out an untagged proper name compounded with it ('Reince | X')."""
    for index, (mention, gender) in enumerate(mentions):
        if " " in mention.text or mention.first == 0:
            continue
        before = doc[mention.first - 1]
        candidate = f"{before.text} {mention.text}"
        untagged_first_name = (
            before.pos_ == "PROPN"
            and before.dep_ == "compound"
            and before.head.i == mention.first
            and not before.ent_type_
            and before.text[:1].isupper()
            and before.text.isalpha()
            and before.lower_ not in _HONORIFICS
            and not lexicon.is_title_word(before.text)
        )
        if candidate in full_forms or untagged_first_name:
            mentions[index] = (
                Mention(before.idx, mention.end, before.i, mention.last, candidate),
                gender,
            )


def _without_people(
    doc: Doc, mentions: list[tuple[Mention, str]], people: list[Mention]
) -> list[tuple[Mention, str]]:
    """Cut person names out of other mentions ('the Russian Federation Ivan' + 'Petrenko')."""
    taken = {i for p in people for i in range(p.first, p.last + 1)}
    kept: list[tuple[Mention, str]] = []
    for mention, label in mentions:
        first, last = mention.first, mention.last
        while first <= last and first in taken:
            first += 1
        while last >= first and last in taken:
            last -= 1
        if first > last:
            continue
        if (first, last) != (mention.first, mention.last):
            text = _text(doc, first, last)
            mention = Mention(doc[first].idx, doc[first].idx + len(text), first, last, text)
        kept.append((mention, label))
    return kept


def _group_people(
    mentions: Iterable[tuple[Mention, str | None]], people: list[EntityDraft], lexicon: Lexicon
) -> None:
    by_full: dict[tuple[str, str], EntityDraft] = {}
    pending: list[tuple[Mention, str | None]] = []
    for mention, gender in mentions:
        words = mention.text.split()
        if len(words) < 2:
            pending.append((mention, gender))
            continue
        key = (lexicon.name_key(words[0]), lexicon.name_key(words[-1]))
        entity = by_full.get(key)
        if entity is None:
            entity = EntityDraft("PERSON", f"{key[0]} {key[1]}")
            by_full[key] = entity
            people.append(entity)
        _attach(entity, mention, gender)
    # people by last and by first word of their key (the first of two or more words), in
    # order: a bare name is looked up, not compared with every person of the article
    by_last: dict[str, list[EntityDraft]] = {}
    by_first: dict[str, list[EntityDraft]] = {}
    by_key: dict[str, EntityDraft] = {}

    def index(entity: EntityDraft) -> None:
        by_key.setdefault(entity.key, entity)
        words = entity.key.split()
        if words:  # a key of marks only ("“ ”") names no one
            by_last.setdefault(words[-1], []).append(entity)
        if " " in entity.key and words:
            by_first.setdefault(words[0], []).append(entity)

    for entity in people:
        index(entity)
    # each candidate's mention starts, sorted, made when first needed and kept up to date: a
    # bare name's weighing bisects them rather than reading every mention of the person
    starts: dict[int, list[int]] = {}

    def weight(entity: EntityDraft, position: int) -> tuple[int, int]:
        known = starts.get(id(entity))
        if known is None:
            known = starts[id(entity)] = sorted(m.start for m in entity.mentions)
        return _weight(known, position)

    for mention, gender in pending:
        word = lexicon.name_key(mention.text)
        same_surname = by_last.get(word, [])
        same_first = by_first.get(word, [])
        candidates = same_surname or (same_first if len(same_first) == 1 else [])
        if gender is not None:  # "Mrs. Clinton" is not Bill Clinton
            candidates = [e for e in candidates if _gender_of(e, lexicon) in (None, gender)]
        if candidates:
            # A bare surname is the person of that name the article has talked about most
            # so far ("Cruz" is the senator, not his wife); ties go to the latest.
            before = [e for e in candidates if e.first_position < mention.start] or candidates

            position = mention.start
            entity = max(before, key=lambda e: weight(e, position))
        else:
            entity = by_key.get(word) or EntityDraft("PERSON", word)
            if entity.key not in by_key:
                people.append(entity)
                index(entity)
        _attach(entity, mention, gender)
        if id(entity) in starts:
            bisect.insort(starts[id(entity)], mention.start)


def first_name_gender(forms: Iterable[str], lexicon: Lexicon) -> str | None:
    """The gender the first names of a person's full forms tell, when they all agree."""
    genders = {lexicon.first_names.get(form.split()[0]) for form in forms if " " in form}
    genders.discard(None)
    return genders.pop() if len(genders) == 1 else None


def _gender_of(entity: EntityDraft, lexicon: Lexicon) -> str | None:
    """A person's gender as their honorific or first name tells it, so far."""
    return entity.gender or first_name_gender(entity.forms, lexicon)


def _weight(starts: list[int], position: int) -> tuple[int, int]:
    """How present a person is before a position, from their mentions' sorted starts:
    mentions so far, then the latest one."""
    earlier = bisect.bisect_left(starts, position)
    return (earlier, starts[earlier - 1] if earlier else -1)


def _attach(entity: EntityDraft, mention: Mention, gender: str | None) -> None:
    entity.mentions.append(mention)
    entity.forms[mention.text] += 1
    if gender and not entity.gender:
        entity.gender = gender


def _add_body(
    mention: Mention, label: str, bodies: dict[str, EntityDraft], lexicon: Lexicon
) -> None:
    text = mention.text
    iso: str | None
    country = lexicon.country(text)
    if country is not None and label != "NORP":
        label = "GPE"
        key, entity_type, name, iso = f"country:{country.iso2}", "GPE", country.name, country.iso2
    elif label == "NORP":
        return  # demonym adjectives are not entities of their own
    else:
        bare = _strip_article(text)
        org = lexicon.organisations.get(bare) or lexicon.organisations.get(text)
        if org is not None:
            key, entity_type, name, iso = f"org:{org.name}", "ORG", org.name, org.country
        else:
            entity_type = "GPE" if label == "LOC" else label
            key, name, iso = f"{entity_type}:{bare.lower()}", bare, None
    entity = bodies.get(key)
    if entity is None:
        entity = EntityDraft(entity_type, key, fixed_name=name, country=iso, label=label)
        bodies[key] = entity
    entity.mentions.append(mention)
    entity.forms[_strip_article(text)] += 1


# --- titles, affiliation and country of people ------------------------------------------


def _describe_person(
    doc: Doc,
    entity: EntityDraft,
    lexicon: Lexicon,
    token_entity: dict[int, int],
    entities: list[EntityDraft],
) -> None:
    for mention in entity.mentions:
        for title_range in (
            _pre_name_title(doc, mention, lexicon),
            _appositive_title(doc, mention, lexicon),
        ):
            if title_range is None:
                continue
            first, last = title_range
            title = _strip_article(doc[first : last + 1].text.strip(" ,"))
            if not any(lexicon.is_title_word(t.text) for t in doc[first : last + 1]):
                if last - first < 3 and not entity.country:  # "his Polish counterpart X"
                    entity.country = _affiliation(
                        doc, first, last, lexicon, token_entity, entities
                    )[1]
                continue
            entity.add_title(title)
            affiliation, country = _affiliation(doc, first, last, lexicon, token_entity, entities)
            if affiliation and not entity.affiliation:
                entity.affiliation = affiliation
            if country and not entity.country:
                entity.country = country


def _pre_name_title(doc: Doc, mention: Mention, lexicon: Lexicon) -> tuple[int, int] | None:
    """'Polish Foreign Minister | Jan X', 'the press secretary of the President | Ivan X'."""
    i = mention.first - 1
    first = mention.first
    sent_start = sentence_of(doc, mention.first).start
    steps = 0
    while i >= sent_start and steps < _MAX_TITLE_TOKENS:
        token = doc[i]
        if token.ent_type_ == "PERSON":
            break  # another person's name
        if token.pos_ in _TITLE_WALK or (token.lower_ in ("of", "the") and i < mention.first - 1):
            first = i
            i -= 1
            steps += 1
            continue
        break
    # A title starts with a title word, a nationality or an adjective ("Russian Foreign
    # Minister", "senior researcher"), not with whatever noun came before it ("support for").
    while first < mention.first and not _opens_title(doc[first], lexicon):
        first += 1
    if first >= mention.first:
        return None
    return first, mention.first - 1


def _opens_title(token: Token, lexicon: Lexicon) -> bool:
    if token.lower_ in ("of", "the", "for", "and"):
        return False
    return (
        lexicon.is_title_word(token.text)
        or token.text in lexicon.country_adjectives
        or token.pos_ == "ADJ"
        or (token.pos_ == "PROPN" and token.ent_type_ in ("NORP", "ORG", "GPE", ""))
    )


def _appositive_title(doc: Doc, mention: Mention, lexicon: Lexicon) -> tuple[int, int] | None:
    """'X, senior researcher at Y,' or 'the official representative of Y, X': an appositive
    whose head is a title, short enough to be one, naming nobody else."""
    root = doc[mention.last]
    found: tuple[int, int] | None = None
    head: Token | None = None
    for child in root.children:
        if child.dep_ == "appos" and child.i > mention.last:
            found, head = (child.left_edge.i, child.right_edge.i), child
            break
    if found is None and root.dep_ == "appos" and root.head.i < mention.first:
        head = root.head
        end = mention.first - 1
        for i in range(mention.first - 1, head.i, -1):
            if doc[i].text == ",":
                end = i - 1
                break
        found = (head.left_edge.i, end)
    if found is None or head is None or found[1] - found[0] > _MAX_TITLE_TOKENS:
        return None
    if not (lexicon.is_title_word(head.text) or head.lower_ in lexicon.descriptors):
        return None
    if any(t.ent_type_ == "PERSON" for t in doc[found[0] : found[1] + 1]):
        return None
    return found


def _affiliation(
    doc: Doc,
    first: int,
    last: int,
    lexicon: Lexicon,
    token_entity: dict[int, int],
    entities: list[EntityDraft],
) -> tuple[str | None, str | None]:
    country: str | None = None
    for token in doc[first : last + 1]:
        found = lexicon.country_adjectives.get(token.text) or lexicon.country_names.get(token.text)
        if found is not None:
            country = found.iso2
            break
    for token in doc[first : last + 1]:
        if token.lower_ not in ("at", "of", "from", "with") or token.i >= last:
            continue
        start = token.i + 1
        words = doc[start : last + 1]
        if not words:
            continue
        text = _strip_article(words.text.strip(" ,"))
        head_word = _strip_article(text).split()[0] if text else ""
        place = lexicon.country(text)
        if place is not None:
            return None, country or place.iso2
        if lexicon.is_title_word(head_word):
            continue  # 'secretary of the President': a person, not a body
        is_org = any(
            entities[token_entity[t.i]].type == "ORG" for t in words if t.i in token_entity
        ) or any(t.lower_ in lexicon.institution_words for t in words)
        if is_org:
            org_entity = next(
                (entities[token_entity[t.i]] for t in words if t.i in token_entity), None
            )
            if org_entity is not None and org_entity.country and not country:
                country = org_entity.country
            return text, country
    return None, country
