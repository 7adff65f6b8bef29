"""Speakers: the person or body behind a source mention ("he", "the minister", "Moscow").

Names resolve to their entity; pronouns to the most salient compatible person
(the previous speaker unless another person has since been the subject of a
sentence); descriptions ("the Russian leader", "the head of the department") to
the most recent person whose stated title the description can refer to, using
the descriptor lexicon.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.entities import EntityDraft, EntityIndex, Mention
from onrecord.extract import RawQuote
from onrecord.lexicon import Lexicon
from onrecord.nlp import sentence_of

_MASCULINE = frozenset({"he", "him", "his", "himself"})
_FEMININE = frozenset({"she", "her", "hers", "herself"})
_PLURAL = frozenset({"they", "them", "their"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "its", "their"})


@dataclass(frozen=True, slots=True)
class Speaker:
    entity: int | None  # index into EntityIndex.entities
    name: str | None


def infer_genders(doc: Doc, index: EntityIndex, lexicon: Lexicon) -> None:
    """Guess each person's gender from honorifics, gendered titles and following pronouns."""
    votes: dict[int, dict[str, int]] = {}
    sents = list(doc.sents)
    for number, sent in enumerate(sents[:-1]):
        found = {index.at(t.i) for t in sent}
        people = {p for p in found if p is not None and index.entities[p].type == "PERSON"}
        if len(people) != 1:
            continue
        person = people.pop()
        for token in sents[number + 1]:
            if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ in _MASCULINE | _FEMININE:
                gender = "m" if token.lower_ in _MASCULINE else "f"
                votes.setdefault(person, {}).setdefault(gender, 0)
                votes[person][gender] += 1
                break
    for number, entity in enumerate(index.entities):
        if entity.type != "PERSON" or entity.gender:
            continue
        for title in entity.titles:
            for word, gender in lexicon.gendered_words.items():
                if title.lower().endswith(word):
                    entity.gender = gender
        counted = votes.get(number)
        if not entity.gender and counted:
            best = max(counted, key=lambda g: counted[g])
            if counted[best] >= 2 * counted.get("f" if best == "m" else "m", 0):
                entity.gender = best


class SpeakerResolver:
    def __init__(self, doc: Doc, index: EntityIndex, lexicon: Lexicon) -> None:
        self.doc = doc
        self.index = index
        self.lexicon = lexicon
        self.last_spoke: dict[int, int] = {}  # entity -> offset of its latest quote
        self.previous: Speaker | None = None
        self.previous_position = 0

    def resolve_all(self, quotes: Sequence[RawQuote]) -> list[Speaker]:
        speakers: list[Speaker] = []
        by_id: dict[int, Speaker] = {}
        for quote in quotes:
            speaker = self._resolve(quote, by_id)
            by_id[id(quote)] = speaker
            speakers.append(speaker)
            if speaker.entity is not None or speaker.name is not None:
                if speaker.entity is not None:
                    self.last_spoke[speaker.entity] = quote.start
                self.previous = speaker
                self.previous_position = quote.start
        return speakers

    def _resolve(self, quote: RawQuote, by_id: dict[int, Speaker]) -> Speaker:
        if quote.source is not None:
            first, last = quote.source
            head = quote.source_head if quote.source_head is not None else last
            return self.mention(first, last, head, quote.start)
        if quote.continues is not None:
            return by_id.get(id(quote.continues), Speaker(None, None))
        return Speaker(None, None)

    # --- one mention ----------------------------------------------------------------

    def mention(self, first: int, last: int, head: int, position: int) -> Speaker:
        doc = self.doc
        people = [
            e for e in self.index.in_range(first, last) if self.index.entities[e].type == "PERSON"
        ]
        if people:
            containing = self.index.at(head)
            chosen = containing if containing in people else people[-1]
            return self._speaker(chosen)
        head_token = doc[head]
        lower = head_token.lower_
        if head_token.pos_ == "PRON" or lower in _MASCULINE | _FEMININE | _PLURAL:
            if lower in _MASCULINE | _FEMININE:
                return self._pronoun("m" if lower in _MASCULINE else "f", position, head)
            return Speaker(None, None)
        entity_at_head = self.index.at(head)
        if entity_at_head is not None:
            return self._speaker(entity_at_head)
        if head_token.pos_ == "PROPN":
            named = self._by_name(head_token.text, position)
            if named is not None:
                return self._speaker(named)
        if head_token.tag_ in ("NNS", "NNPS"):
            return Speaker(None, None)  # "experts", "officials": unnamed, collective
        described = self._description(first, last, head_token, position)
        if described is not None:
            return self._speaker(described)
        return Speaker(None, None)

    def _by_name(self, word: str, position: int) -> int | None:
        """A person whose name the tagger missed here: match it by spelling key."""
        key = self.lexicon.name_key(word)
        found = [
            number
            for number, entity in enumerate(self.index.entities)
            if entity.type == "PERSON"
            and any(key == self.lexicon.name_key(form.split()[-1]) for form in entity.forms)
        ]
        if not found:
            return None
        return max(found, key=lambda number: self._recency(number, position))

    def _speaker(self, entity: int) -> Speaker:
        return Speaker(entity, self.index.entities[entity].name)

    def _recency(self, entity: int, position: int) -> int:
        mentioned = self.index.mentioned_before(entity, position)
        spoke = self.last_spoke.get(entity, -1)
        return max(mentioned if mentioned is not None else -1, spoke if spoke < position else -1)

    def _pronoun(self, gender: str, position: int, head: int) -> Speaker:
        entities = self.index.entities
        previous = self.previous
        if previous is not None and previous.entity is not None:
            prev_entity = entities[previous.entity]
            if (
                prev_entity.type == "PERSON"
                and prev_entity.gender in (None, gender)
                and not self._other_subject_between(previous.entity, self.previous_position, head)
            ):
                return previous
        best: tuple[int, int] | None = None
        sent_start = sentence_of(self.doc, head).start
        for number, entity in enumerate(entities):
            if entity.type != "PERSON" or entity.gender not in (None, gender):
                continue
            recency = self._recency(number, position)
            if recency < 0:
                continue
            subject_bonus = 0
            for mention in entity.mentions:
                if mention.start < position and self.doc[mention.last].dep_ in (
                    "nsubj",
                    "nsubjpass",
                ):
                    subject_bonus = 200 if mention.first < sent_start else 100
            score = recency + subject_bonus
            if best is None or score > best[0]:
                best = (score, number)
        return self._speaker(best[1]) if best else Speaker(None, None)

    def _other_subject_between(self, speaker: int, start: int, head: int) -> bool:
        end = self.doc[head].idx
        for number, entity in enumerate(self.index.entities):
            if number == speaker or entity.type != "PERSON":
                continue
            for mention in entity.mentions:
                if start < mention.start < end and self.doc[mention.last].dep_ in (
                    "nsubj",
                    "nsubjpass",
                ):
                    return True
        return False

    def _description(self, first: int, last: int, head: Token, position: int) -> int | None:
        """'the Russian leader' -> the latest person whose title a 'leader' can be;
        'the Foreign Minister of Poland' -> the latest Polish person who can be one."""
        words = [t for t in self.doc[first : last + 1] if not t.is_punct]
        while words and words[0].lower_ in _DETERMINERS:
            words = words[1:]
        country = None
        while words and self._country_of(words[0].text):
            country = self._country_of(words[0].text)
            words = words[1:]
        for i, token in enumerate(words[:-1]):
            place = self._country_of(" ".join(t.text for t in words[i + 1 :]))
            if token.lower_ == "of" and place:
                country, words = place, words[:i]  # "the Foreign Minister of Poland"
                break
        if not words:
            return None
        phrase = " ".join(t.lower_ for t in words)
        refers: set[str] = set()
        for candidate in (phrase, " ".join(phrase.split()[-2:]), head.lower_):
            refers |= set(self.lexicon.descriptors.get(candidate, ()))
        if not refers and (phrase in self.lexicon.titles or head.lower_ in self.lexicon.titles):
            refers = {phrase, head.lower_}
        if not refers:
            return None
        best: tuple[int, int] | None = None
        for number, entity in enumerate(self.index.entities):
            if entity.type != "PERSON":
                continue
            if country and entity.country and entity.country != country:
                continue
            # A person of that country whose office the article has not stated may hold it.
            untitled = bool(country) and entity.country == country and not entity.titles
            if not (_holds(entity, refers, phrase) or untitled):
                continue
            recency = self._recency(number, position)
            if recency >= 0 and (best is None or recency > best[0]):
                best = (recency, number)
        return best[1] if best else None

    def _country_of(self, text: str) -> str | None:
        found = self.lexicon.country_adjectives.get(text) or self.lexicon.country_names.get(text)
        return found.iso2 if found else None


def _holds(entity: EntityDraft, refers: set[str], phrase: str) -> bool:
    for title in entity.titles:
        lowered = f" {title.lower()} "
        if f" {phrase} " in lowered:
            return True
        if any(f" {word} " in lowered for word in refers):
            return True
    return False


def note_source_mentions(
    doc: Doc,
    quotes: Sequence[RawQuote],
    speakers: Sequence[Speaker],
    index: EntityIndex,
    lexicon: Lexicon,
) -> None:
    """Add the names and descriptions that introduce quotes to their speakers' entities.

    "Novak added" (a surname the tagger missed) becomes a mention and an alias of the
    person; "the minister" becomes an alias (a description that referred to them). A name
    is added only when it spells the person's own name (a resolution error must not make
    another person an alias), a description only when it is one ("the timing of ...").
    """
    for quote, speaker in zip(quotes, speakers, strict=True):
        if speaker.entity is None or quote.source is None:
            continue
        entity = index.entities[speaker.entity]
        first, last = quote.source
        while first < last and (
            doc[first].lower_ in _HONORIFIC_WORDS or lexicon.is_title_word(doc[first].text)
        ):
            first += 1  # "Sen. Marco X" is "Marco X"
        tokens = doc[first : last + 1]
        text = tokens.text
        start, end = tokens.start_char, tokens.end_char
        if any(m.start <= start < m.end for m in entity.mentions):
            continue
        if all(t.pos_ == "PROPN" for t in tokens) and len(tokens) <= 3:
            if entity.type == "PERSON" and not _spells(entity, text, lexicon):
                continue
            entity.mentions.append(Mention(start, end, first, last, text))
            entity.forms[text] += 1
        elif (
            tokens[0].lower_ == "the"
            and len(tokens) <= 8
            and text not in entity.descriptions
            and (lexicon.is_title_word(tokens[-1].text) or tokens[-1].lower_ in lexicon.descriptors)
        ):
            entity.descriptions.append(text)
            entity.mentions.append(Mention(start, end, first, last, text))
    for entity in index.entities:
        entity.mentions.sort(key=lambda m: m.start)


def _spells(entity: EntityDraft, name: str, lexicon: Lexicon) -> bool:
    """The name is a spelling of the person's own: same surname key, and the same first
    name key when both give one."""
    words = name.split()
    for form in entity.forms:
        known = form.split()
        if lexicon.name_key(words[-1]) != lexicon.name_key(known[-1]):
            continue
        if (
            len(words) > 1
            and len(known) > 1
            and lexicon.name_key(words[0]) != lexicon.name_key(known[0])
        ):
            continue
        return True
    return False


_HONORIFIC_WORDS = frozenset({"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr"})
