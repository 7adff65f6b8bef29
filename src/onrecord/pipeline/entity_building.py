"""Building a text's entities: named mentions grouped into people and bodies, with titles,
affiliation, country.

People are merged across full names, surname-only mentions and transliteration
variants (the spelling keys of :meth:`Lexicon.name_key`); countries and
organisations are merged through the lexicons (aliases, adjectives, capitals).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span, Token

from onrecord.lexicon import Lexicon
from onrecord.pipeline.entities import (
    EntityDraft,
    EntityIndex,
    Mention,
    country_key,
    first_name_gender,
    listed_organisation_key,
)
from onrecord.pipeline.entity_titles import describe_person, strip_article
from onrecord.pipeline.nlp import POSSESSIVE_MARKERS, joins_a_word, sentence_of
from onrecord.pipeline.quotes.headline_statements import in_title_case, is_title_case

_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "LOC": "LOC"}


# A headline capitalises its prepositions, and the tagger may take one into the name
_PREPOSITIONS = frozenset(
    {"about", "above", "across", "after", "against", "amid", "amidst", "among", "around",
     "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond",
     "despite", "during", "inside", "into", "near", "outside", "over", "since", "through",
     "throughout", "toward", "towards", "under", "unlike", "until", "upon", "versus",
     "with", "within", "without"}
)  # fmt: skip


def _clean_person(ent: Span, lexicon: Lexicon) -> tuple[int, int, str | None] | None:
    """Token bounds of the name proper (no honorific, title or possessive) and a gender cue."""
    first, last = ent.start, ent.end - 1
    doc = ent.doc
    gender: str | None = None
    while first <= last and (
        doc[first].lower_ in lexicon.honorifics
        or (first < last and doc[first].lower_ == "the")  # "the Jane Roe-led group"
        or (first < last and doc[first].lower_ in _PREPOSITIONS)  # "Beneath Roe's Wins"
        or lexicon.is_title_word(doc[first].text)
        or _split_abbreviation(doc, first, lexicon)
        or (first < last and doc[first].lower_ in lexicon.person_nouns)  # "Comedian Jane Roe"
    ):
        gender = lexicon.honorifics.get(doc[first].lower_, gender)
        first += 1
    for i in range(first + 1, last + 1):
        # "Ferro's Iowa", "Wall Street. Voters": the name ends at a possessive or a sentence end
        if doc[i].text in POSSESSIVE_MARKERS or doc[i].is_sent_start or "\n" in doc[i].text:
            last = i - 1
            break
    while last >= first and (doc[last].text in POSSESSIVE_MARKERS or doc[last].is_punct):
        last -= 1
    if first > last:
        return None
    if first < last and _given_name_goes_on(doc, last):
        last += 2  # "Moon Jae-in", whose name the tagger ended at the hyphen
    elif last - first >= 2 and _modified_by_name(doc, last):
        last -= 2  # "a Jane Roe-style campaign": Jane Roe
    if first > 0 and doc[first - 1].lower_ in lexicon.honorifics:
        gender = lexicon.honorifics[doc[first - 1].lower_]
    return first, last, gender or _apposed_gender(ent.root, lexicon)


def _split_abbreviation(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """A title's abbreviation the tokenizer split from its period ("Brig" "." of "Brig.
    Gen. Jon Roe"), which the tagger may take for a name."""
    return i + 1 < len(doc) and doc[i + 1].text == "." and lexicon.is_title_word(f"{doc[i].text}.")


def _given_name_goes_on(doc: Doc, last: int) -> bool:
    """The name ending at ``last`` goes on after a hyphen in the same word, in lower case
    ("Moon Jae-in", "Ban Ki-moon"); not a name that modifies a common noun ("a Jane
    Roe-type", "the Roe-era rule")."""
    if last + 2 >= len(doc) or not joins_a_word(doc[last + 1]):
        return False
    piece = doc[last + 2]
    if not (piece.is_alpha and piece.is_lower):
        return False
    return piece.pos_ == "PROPN" or doc[last].head != piece


def _modified_by_name(doc: Doc, last: int) -> bool:
    """The token at ``last`` is a common noun hyphened to the name before it, which modifies
    it ("Roe-style", "Roe-era")."""
    piece = doc[last]
    return (
        joins_a_word(doc[last - 1])
        and piece.is_alpha
        and piece.is_lower
        and piece.pos_ != "PROPN"
        and doc[last - 2].head == piece
    )


def _apposed_gender(root: Token, lexicon: Lexicon) -> str | None:
    """The gender a noun beside a name tells: "his wife, Jane Roe", "Jon Roe, her son"."""
    related = [root.head] if root.dep_ == "appos" else []
    related += [child for child in root.children if child.dep_ == "appos"]
    for noun in related:
        gender = lexicon.gendered_words.get(noun.lower_)
        if gender is not None and noun.pos_ == "NOUN":
            return gender
    return None


def _trailing_function_word(token: Token) -> bool:
    """A lower-case preposition, conjunction or article, which ends no name."""
    return token.pos_ in ("ADP", "CCONJ", "DET") and token.text.islower()


def _text(doc: Doc, first: int, last: int) -> str:
    text = doc[first : last + 1].text
    for suffix in POSSESSIVE_MARKERS[:2]:
        text = text.removesuffix(suffix)
    return text.strip()


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
            while last > first and (
                doc[last].text in POSSESSIVE_MARKERS
                or doc[last].is_punct
                or _trailing_function_word(doc[last])
            ):
                last -= 1  # "Barclays in London", tagged "Barclays in": the name is "Barclays"
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
            if not text:
                continue  # a bare possessive ending the tagger took for a name ("’s")
            other_mentions.append(
                (Mention(doc[first].idx, doc[first].idx + len(text), first, last, text), label)
            )

    other_mentions = _split_owned_people(doc, other_mentions, person_mentions, lexicon)
    # A first name and a surname the tagger read as an organisation ("Adel Nefzi") are a person.
    # (The mentions are sorted into two lists, never removed one by one: each removal searched
    # the list, mentions x mentions.)
    other_mentions = _move_people(
        other_mentions,
        person_mentions,
        lambda m, label: label in ("ORG", "GPE") and _looks_like_a_person(m.text, lexicon),
    )
    # "One voter, Lupe Oyelaran, 35," or "Lupe Oyelaran, a nurse": a name beside an age or a
    # noun for a person is a person's
    other_mentions = _move_people(
        other_mentions,
        person_mentions,
        lambda m, label: (
            label in ("ORG", "GPE")
            and _could_be_a_name(m.text, lexicon)
            and _apposed_to_a_person(doc[m.last], lexicon)
        ),
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
    person_mentions.extend(_titled_names(doc, person_mentions, other_mentions, lexicon))
    person_mentions.extend(_joined_names(doc, person_mentions, other_mentions, lexicon))
    person_mentions.sort(key=lambda pair: pair[0].start)
    _extend_first_names(doc, person_mentions, full_forms, lexicon)
    other_mentions = _without_people(doc, other_mentions, [m for m, _ in person_mentions])
    person_mentions, other_mentions = _short_body_names(
        doc, person_mentions, other_mentions, lexicon
    )
    _group_people(person_mentions, people, lexicon)
    short_forms = _short_forms(doc, other_mentions, person_mentions, lexicon)
    for mention, label in other_mentions:
        _add_body(mention, label, bodies, lexicon, short_forms.get(mention.text))

    entities = sorted([*people, *bodies.values()], key=lambda e: e.first_position)
    token_entity: dict[int, int] = {}
    for index, entity in enumerate(entities):
        entity.mentions.sort(key=lambda m: m.start)
        for mention in entity.mentions:
            for i in range(mention.first, mention.last + 1):
                token_entity.setdefault(i, index)
    for entity in entities:
        if entity.type == "PERSON":
            describe_person(doc, entity, lexicon, token_entity, entities)
    return EntityIndex(entities, token_entity)


def _split_owned_people(
    doc: Doc,
    mentions: list[tuple[Mention, str]],
    people: list[tuple[Mention, str | None]],
    lexicon: Lexicon,
) -> list[tuple[Mention, str]]:
    """A person the tagger read together with their outlet or title as one organisation:
    "Metro Herald's Jane Roe", "CNN Jane Roe", "Senator Jane Roe". The person goes to
    ``people``; the outlet, if any, stays an organisation."""
    kept: list[tuple[Mention, str]] = []
    for mention, label in mentions:
        split = _owned_person(doc, mention, lexicon) if label == "ORG" else None
        if split is None:
            kept.append((mention, label))
            continue
        owner, person = split
        people.append((person, None))
        if owner is not None:
            kept.append((owner, label))
    return kept


def _owned_person(
    doc: Doc, mention: Mention, lexicon: Lexicon
) -> tuple[Mention | None, Mention] | None:
    """The organisation and the person of an organisation mention that ends in a first name
    and a surname, after a possessive, title words or a known organisation's name."""
    for i in range(mention.first + 1, mention.last):
        if doc[i].text not in lexicon.first_names:
            continue
        name = _text(doc, i, mention.last)
        if not 2 <= len(name.split()) <= 3 or not _could_be_a_name(name, lexicon):
            return None
        person = Mention(doc[i].idx, doc[i].idx + len(name), i, mention.last, name)
        before = doc[mention.first : i]
        if before[-1].text in POSSESSIVE_MARKERS and i - 1 > mention.first:
            owner_last = i - 2
        elif all(lexicon.is_title_word(t.text) or t.lower_ in lexicon.honorifics for t in before):
            return None, person
        elif before.text in lexicon.organisations:
            owner_last = i - 1
        else:
            return None
        owner = _text(doc, mention.first, owner_last)
        start = doc[mention.first].idx
        return Mention(start, start + len(owner), mention.first, owner_last, owner), person
    return None


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


def _apposed_to_a_person(token: Token, lexicon: Lexicon) -> bool:
    """A name beside an age ("Lupe Oyelaran, 35,") or a noun only a person is ("One voter,
    Lupe Oyelaran", "Lupe Oyelaran, a retired nurse")."""
    related = [token.head] if token.dep_ == "appos" else []
    related += [child for child in token.children if child.dep_ == "appos"]
    for other in related:
        if other.like_num and other.text.isdigit() and 1 <= int(other.text) <= 110:
            return True
        if other.pos_ == "NOUN" and lexicon.is_person_word(other.lower_):
            return True
    return False


def _titled_names(
    doc: Doc,
    people: list[tuple[Mention, str | None]],
    others: list[tuple[Mention, str]],
    lexicon: Lexicon,
) -> list[tuple[Mention, str | None]]:
    """Names the tagger left untagged after a person's title or honorific: "Governor Ana
    Ruiz signed the bill", "Foreign Minister Pell", "Dr. Ruiz". The name is the run of
    capitalised proper nouns the title modifies, up to three words, that names no
    organisation, country or institution; never in a title-case headline."""
    tagged = _tagged_tokens(people, others)
    found: list[tuple[Mention, str | None]] = []
    for title in doc:
        if (
            title.dep_ != "compound"
            or not title.text[:1].isupper()
            or title.ent_iob_ != "O"
            or not (title.lower_ in lexicon.titles or title.lower_ in lexicon.honorifics)
        ):
            continue  # a whole title ("Governor", "Minister", "Dr."), not "Field" or "News"
        sentence = sentence_of(doc, title.i)
        if is_title_case(doc, (sentence.start, sentence.end - 1)):
            continue  # "... Pulled Out The Race Card In A Major Way": a headline's words
        first = title.i + 1
        last = first
        while last + 1 < len(doc) and _name_word(doc[last + 1], lexicon) and last - first < 2:
            last += 1
        if first >= len(doc) or not _name_word(doc[first], lexicon):
            continue
        run = doc[first : last + 1]
        if title.head.i != last or any(t.i in tagged or t.ent_iob_ != "O" for t in run):
            continue
        if any(t.head.i != last for t in run[:-1]) or doc[last].dep_ == "compound":
            continue  # "the Governor Ruiz administration": a modifier, not a mention
        text = _text(doc, first, last)
        if " " in text and not _could_be_a_name(text, lexicon):
            continue
        if lexicon.country(text) is not None or text in lexicon.organisations:
            continue
        if text.lower() in lexicon.institution_words:
            continue
        found.append((Mention(doc[first].idx, doc[first].idx + len(text), first, last, text), None))
        tagged.update(range(first, last + 1))
    return found


def _tagged_tokens(
    people: list[tuple[Mention, str | None]], others: list[tuple[Mention, str]]
) -> set[int]:
    """The tokens some mention already covers."""
    return {i for m, _ in [*people, *others] for i in range(m.first, m.last + 1)}


def _name_word(token: Token, lexicon: Lexicon) -> bool:
    return (
        token.tag_ == "NNP"  # not "Outlets", "Operations"
        and token.text[:1].isupper()
        and token.text.replace("-", "").replace("'", "").replace("’", "").isalpha()
        and not lexicon.is_title_word(token.text)
    )


def _joined_names(
    doc: Doc,
    people: list[tuple[Mention, str | None]],
    others: list[tuple[Mention, str]],
    lexicon: Lexicon,
) -> list[tuple[Mention, str | None]]:
    """Names the tagger left untagged beside a person's, joined by "and" or a comma: "Tom
    Pell and Ana Ruiz met", where it tagged only the first. Only a run of capitalised
    proper nouns that opens with a known first name."""
    tagged = _tagged_tokens(people, others)
    found: list[tuple[Mention, str | None]] = []
    for mention, _gender in people:
        for other in doc[mention.last].conjuncts:
            if other.i in tagged or other.pos_ != "PROPN":
                continue
            first = other.i
            while (
                first > 0
                and doc[first - 1].dep_ == "compound"
                and doc[first - 1].head.i == other.i
                and doc[first - 1].pos_ == "PROPN"
                and doc[first - 1].i not in tagged
            ):
                first -= 1
            text = _text(doc, first, other.i)
            if not _looks_like_a_person(text, lexicon):
                continue
            end = doc[first].idx + len(text)
            found.append((Mention(doc[first].idx, end, first, other.i, text), None))
            tagged.update(range(first, other.i + 1))
    return found


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
            and before.lower_ not in lexicon.honorifics
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
        if gender is not None:  # "Mrs. Marrow" is not Karl Marrow
            candidates = [e for e in candidates if _gender_of(e, lexicon) in (None, gender)]
        if candidates:
            # A bare surname is the person of that name the article has talked about most
            # so far ("Ferro" is the senator, not his wife); ties go to the latest.
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


def _short_body_names(
    doc: Doc,
    person_mentions: list[tuple[Mention, str | None]],
    other_mentions: list[tuple[Mention, str]],
    lexicon: Lexicon,
) -> tuple[list[tuple[Mention, str | None]], list[tuple[Mention, str]]]:
    """A one-word "person" that is the first word of an organisation's name given before it
    (``_first_words``) and of no person's full name ("Meridian Technologies fined ...
    Meridian said") is that organisation."""
    full_words = {word for m, _ in person_mentions if " " in m.text for word in m.text.split()}
    firsts = _first_words(doc, other_mentions, full_words, lexicon)
    first_seen = {m.text: m.start for m, _ in reversed(other_mentions)}
    moved = [
        m
        for m, _ in person_mentions
        if m.text in firsts
        and first_seen[firsts[m.text]] < m.start
        and not (m.first > 0 and doc[m.first - 1].lower_ in lexicon.honorifics)  # "Ms. White"
    ]
    if not moved:
        return person_mentions, other_mentions
    keep = [(m, g) for m, g in person_mentions if m not in moved]
    others = sorted([*other_mentions, *((m, "ORG") for m in moved)], key=lambda p: p[0].start)
    return keep, others


def _first_words(
    doc: Doc, other_mentions: list[tuple[Mention, str]], person_words: set[str], lexicon: Lexicon
) -> dict[str, str]:
    """The first word of each organisation's name of several words that ends in a word of
    an organisation ("Meridian" for "Meridian Technologies"), never a person's word, a
    title-case headline's run of capitals ("Pell To Resign") nor the first of two names the
    tagger joined ("Alphabet and Facebook")."""
    forms: dict[str, str] = {}
    for mention, label in other_mentions:
        words = mention.text.split()
        if label != "ORG" or not goes_by_first_word(words, lexicon):
            continue
        if words[0] not in person_words and not in_title_case(doc, mention.first):
            forms.setdefault(words[0], mention.text)
    return forms


def _short_forms(
    doc: Doc,
    other_mentions: list[tuple[Mention, str]],
    person_mentions: list[tuple[Mention, str | None]],
    lexicon: Lexicon,
) -> dict[str, str]:
    """The full names shorter forms of organisations stand for: the first word of a longer
    name (``_first_words``) and an acronym set in brackets after the name ("the Joint Chiefs
    of Staff (JCS)"); never a place ("U.S.") or a listed organisation of its own."""
    person_words = {word for m, _ in person_mentions for word in m.text.split()}
    forms = _first_words(doc, other_mentions, person_words, lexicon)
    for mention, label in other_mentions:
        words = mention.text.split()
        after = doc[mention.last + 1 : mention.last + 4]
        if label != "ORG" or len(after) < 3 or after[0].text != "(" or after[2].text != ")":
            continue
        initials = "".join(w[0] for w in words if w[:1].isupper())
        if after[1].text == initials and len(initials) >= 2:
            forms[initials] = mention.text
    return {
        short: full
        for short, full in forms.items()
        if lexicon.country(short) is None
        and short not in lexicon.organisations  # "U.N." is no short "U.N. Security Council"
        and any(m.text == short and label == "ORG" for m, label in other_mentions)
    }


def goes_by_first_word(words: list[str], lexicon: Lexicon) -> bool:
    """Whether an organisation's name may be shortened to its first word: several words,
    not two names joined, the last a word of an organisation ("Meridian Technologies",
    "Monmouth University"; not "Pell Train" or "Alphabet and Facebook")."""
    if len(words) < 2 or {"and", "&"} & set(words):
        return False
    last = words[-1].casefold().strip(".,")
    return (
        last in lexicon.institution_words
        or last in lexicon.organisation_kinds
        or last in lexicon.body_nouns
    )


def _add_body(
    mention: Mention,
    label: str,
    bodies: dict[str, EntityDraft],
    lexicon: Lexicon,
    full_name: str | None = None,
) -> None:
    """Adds a mention of a body to the body it names (``full_name`` where the mention is a
    short form of a name the article gave in full)."""
    text = full_name or mention.text
    iso: str | None
    country = lexicon.country(text)
    if country is not None and label != "NORP":
        label = "GPE"
        key, entity_type, name, iso = country_key(country.iso2), "GPE", country.name, country.iso2
    elif label == "NORP":
        return  # demonym adjectives are not entities of their own
    else:
        bare = strip_article(text)
        org = lexicon.organisations.get(bare) or lexicon.organisations.get(text)
        if org is not None:
            key, entity_type = listed_organisation_key(org.name), "ORG"
            name, iso = org.name, org.country
        else:
            entity_type = "GPE" if label == "LOC" else label
            key, name, iso = f"{entity_type}:{bare.lower()}", bare, None
    entity = bodies.get(key)
    if entity is None:
        entity = EntityDraft(entity_type, key, fixed_name=name, country=iso, label=label)
        bodies[key] = entity
    entity.mentions.append(mention)
    entity.forms[strip_article(mention.text)] += 1
