"""Pronouns as sources, by salience: "she said" is the previous speaker unless another
person has since been the subject of a sentence, else the person most recently the subject
of a clause, else the one most recently mentioned; "it" and "they" are the body that spoke
last or the organisation (or group) just the subject of a clause."""

from __future__ import annotations

from spacy.tokens import Span, Token

from onrecord.pipeline.nlp import head_of, sentence_of
from onrecord.pipeline.speakers.bodies import body_kind
from onrecord.pipeline.speakers.context import (
    NOBODY,
    UNNAMED,
    MentionResolver,
    ResolutionContext,
    Speaker,
    relabelled,
)
from onrecord.pipeline.speakers.genders import pronoun_gender

# How far back a pronoun looks for its person: a few paragraphs, so each mention costs the
# same however long the article is.
_PRONOUN_REACH = 3000
_SUBJECT_LINKS = frozenset({"like", "including"})
_TOPIC_LINKS = frozenset({"for", "to"})


def gendered_pronoun(context: ResolutionContext, token: Token) -> Speaker | None:
    """The person "he", "his", "she" or "her" refers to; None for any other word."""
    gender = pronoun_gender(token.lower_)
    if gender is None:
        return None
    shared = _shared_subject(context, gender, token)
    if shared is None:
        shared = _subject_after_fronted_clause(context, gender, token)
    if shared is not None:
        return context.speaker(shared, "pronoun")
    return _person_pronoun(context, gender, token.i)


def _subject_after_fronted_clause(
    context: ResolutionContext, gender: str, token: Token
) -> int | None:
    """The person named as the subject of the main clause after a clause set before it
    that opens the sentence: "Although he believes the deal is flawed, Lev Volkov said
    ..." is Volkov (news writing names the person after such a clause, not before)."""
    verb = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "advcl":
        return None
    main = verb.head
    sentence = sentence_of(context.doc, token.i)
    if verb.left_edge.i != sentence.start or main.i < verb.i:
        return None
    subject = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i < verb.right_edge.i:
        return None
    number = context.index.at(subject.i)
    if number is None:
        return None
    entity = context.index.entities[number]
    if entity.type != "PERSON" or entity.gender not in (None, gender):
        return None
    return number


def _shared_subject(context: ResolutionContext, gender: str, token: Token) -> int | None:
    """The person named as the subject of the clause that the pronoun's clause is joined
    to: "Roe said on Sunday that ..., and he accused Doe of ..." is Roe."""
    verb = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "conj":
        return None
    for subject in verb.head.children:
        if subject.dep_ not in ("nsubj", "nsubjpass") or context.is_quoted(subject.idx):
            continue
        number = context.index.at(subject.i)
        if number is None:
            return None
        entity = context.index.entities[number]
        if entity.type == "PERSON" and entity.gender in (None, gender):
            return number
    return None


def _person_pronoun(context: ResolutionContext, gender: str, head: int) -> Speaker:
    entities = context.index.entities
    previous = context.previous
    if previous is UNNAMED and not _other_subject_between(
        context, -1, context.previous_position, head
    ):
        return NOBODY
    if previous is not None and previous.entity is not None:
        prev_entity = entities[previous.entity]
        if (
            prev_entity.type == "PERSON"
            and prev_entity.gender in (None, gender)
            and not _is_family(context, previous.entity)
            and not _other_subject_between(
                context, previous.entity, context.previous_position, head
            )
        ):
            return Speaker(previous.entity, previous.name, "pronoun")
    return _latest_subject(context, gender, head)


def _latest_subject(context: ResolutionContext, gender: str, head: int) -> Speaker:
    """The person of that gender most recently the subject of a clause before the pronoun,
    within a few sentences; else the one most recently mentioned, within a few paragraphs."""
    subject, mentioned = subject_before(context, gender, head)
    chosen = subject if subject is not None else mentioned
    return context.speaker(chosen, "pronoun") if chosen is not None else NOBODY


def subject_before(
    context: ResolutionContext,
    gender: str | None,
    head: int,
    excluded: frozenset[int] = frozenset(),
) -> tuple[int | None, int | None]:
    """The latest person (of a compatible gender, not ``excluded``) who is the subject of a
    clause in the sentence or two before ``head``, and the latest one mentioned at all."""
    doc = context.doc
    end = doc[head].idx
    horizon = _horizon(context, gender, head)
    # over someone's own words, the main subject of the sentence just before them still
    # reaches: "Roe caused a stir. '... . ... . ...,' she replied."
    further = min(horizon, _horizon(context, gender, head, sentences=1, skip_quoted=True))
    mentioned: int | None = None
    for start, last, number in reversed(context.people_between(end - _PRONOUN_REACH, end)):
        if gender and context.index.entities[number].gender not in (None, gender):
            continue
        if number in excluded:
            continue
        if context.is_quoted(start) or _is_family(context, number):
            continue  # a name inside someone's words is not who speaks next
        if _names_a_body(context, doc[last]):
            continue  # "the Roe administration" is mentioned, not Roe
        if mentioned is None:
            mentioned = number
        if start < further:
            break
        if start < horizon and doc[last].head.dep_ != "ROOT":
            continue
        if _is_subject(doc[last]) or _owns_the_subject(context, doc[last]):
            topic = _topic_before(context, gender, start, last)
            return (number if topic is None else topic), mentioned
    return None, mentioned


def _topic_before(
    context: ResolutionContext, gender: str | None, start: int, last: int
) -> int | None:
    """A person the sentence of the subject at ``last`` is set out for, before it ("For
    Roe, Doe is exposing ..."): the one whose view the sentence gives."""
    doc = context.doc
    sentence = sentence_of(doc, last)
    for _start, other_last, number in context.people_between(sentence.start_char, start):
        if gender and context.index.entities[number].gender not in (None, gender):
            continue
        if _fronted_topic(doc[other_last]):
            return number
    return None


def _names_a_body(context: ResolutionContext, token: Token) -> bool:
    """A person's name that only modifies the noun of a body ("the Roe administration")."""
    return token.dep_ == "compound" and body_kind(token.head, context.lexicon) == "body"


def _horizon(
    context: ResolutionContext,
    gender: str | None,
    head: int,
    *,
    sentences: int = 2,
    skip_quoted: bool = False,
) -> int:
    """Where the two sentences (or ``sentences``) before the one holding ``head`` begin; a
    sentence whose subject is a pronoun of the same gender ("But he also views her ...")
    continues the same person, so the search goes two sentences past it; with
    ``skip_quoted``, a sentence of someone's own words is not counted."""
    doc = context.doc
    sentence = sentence_of(doc, head)
    limit = doc[head].idx - _PRONOUN_REACH
    spare = sentences
    while spare > 0 and sentence.start > 0 and sentence.start_char > limit:
        sentence = sentence_of(doc, sentence.start - 1)
        chained = gender is not None and any(
            token.dep_ in ("nsubj", "nsubjpass")
            and pronoun_gender(token.lower_) == gender
            and not context.is_quoted(token.idx)
            for token in sentence
        )
        if chained:
            spare = sentences
        elif not (skip_quoted and _all_quoted(context, sentence)):
            spare -= 1
    return sentence.start_char


def _all_quoted(context: ResolutionContext, sentence: Span) -> bool:
    """A sentence wholly inside someone's own words."""
    words = [token for token in sentence if not (token.is_punct or token.is_space)]
    return bool(words) and all(context.is_quoted(token.idx) for token in (words[0], words[-1]))


def _is_family(context: ResolutionContext, number: int) -> bool:
    """ "The Marrows": a family named by the plural of a person's surname, not one person."""
    forms = context.index.entities[number].forms
    return all(
        " " not in form
        and form.endswith("s")
        and any(
            other != number
            for other in context.surnames.get(context.lexicon.name_key(form[:-1]), ())
        )
        for form in forms
    )


def _other_subject_between(context: ResolutionContext, speaker: int, start: int, head: int) -> bool:
    """Whether another person is the subject of a clause between the previous quote and
    the pronoun (or the two are too far apart to tell); in what someone said, only when
    no one is said to say it ("it is assumed that Doe has earned a slot")."""
    end = context.doc[head].idx
    if end - start > _PRONOUN_REACH:
        start = end - _PRONOUN_REACH
    return any(
        number != speaker
        and (not context.is_reported(mention_start) or context.is_unsourced(mention_start))
        and (_is_subject(context.doc[last]) or _owns_the_subject(context, context.doc[last]))
        for mention_start, last, number in context.people_between(start + 1, end)
    )


def body_pronoun(
    context: ResolutionContext, head: int, *, plural: bool, mention: MentionResolver
) -> Speaker:
    """ "it" and "they" as sources: the body that spoke last, if the last speaker is one
    and no other body has been a subject since; else an organisation that is the subject
    of a clause in the sentence or two before ("The ministry issued a statement. It
    said ..."). A group just the subject ("officials") is resolved by ``mention``."""
    previous = context.previous
    after = context.previous_position if previous is not None else -1
    group = _group_subject_before(context, head, after) if plural else None
    if group is not None:  # "Lindqvist campaign officials looked into it. They determined"
        return relabelled(mention(group.left_edge.i, group.i, group.i, group.idx), "pronoun")
    body = previous.entity if previous is not None else None
    counted_as_many = None
    if not plural and context.previous_plural:
        counted_as_many, body = body, None  # "Doe and Roe said ... It has seized": not them
    if body is not None and context.index.entities[body].type != "PERSON":
        subject = body_subject_before(context, head, after=context.previous_position)
        return context.speaker(subject if subject is not None else body, "pronoun")
    if plural:
        return NOBODY  # "they" after a person: people the article may not name
    subject = body_subject_before(context, head, skip=counted_as_many)
    return context.speaker(subject, "pronoun") if subject is not None else NOBODY


def _group_subject_before(context: ResolutionContext, head: int, after: int) -> Token | None:
    """The latest plural noun or name that is the subject of a clause in the sentence before
    ``head`` (after the offset ``after``), outside anyone's words; a sentence whose
    subject is "they" goes on about the same group, so the search goes one past it."""
    doc = context.doc
    start = sentence_of(doc, head).start
    limit = doc[head].idx - _PRONOUN_REACH
    spare = 1
    while spare > 0 and start > 0 and doc[start].idx > limit:
        sentence = sentence_of(doc, start - 1)
        start = sentence.start
        chained = any(t.dep_ == "nsubj" and t.lower_ == "they" for t in sentence)
        spare = 1 if chained else spare - 1
    for token in reversed(doc[start:head]):
        if token.idx <= after:
            break
        if (
            token.dep_ == "nsubj"
            and token.tag_ in ("NNS", "NNPS")  # "officials", "Republicans"
            and token.pos_ in ("NOUN", "PROPN")
            and not context.is_reported(token.idx)
        ):
            return token
    return None


def body_subject_before(
    context: ResolutionContext,
    head: int,
    after: int = -1,
    verbs: frozenset[str] | None = None,
    skip: int | None = None,
) -> int | None:
    """The latest organisation but ``skip`` that is the subject of a clause in the sentence
    or two before ``head`` (and after the offset ``after``); with ``verbs``, of one of those
    or of a verb of saying."""
    doc = context.doc
    window = sentence_of(doc, max(0, sentence_of(doc, head).start - 1))
    horizon = max(after, sentence_of(doc, max(0, window.start - 1)).start_char)
    end = doc[head].idx
    nearby = context.index.organisations_between(horizon, end)
    best: tuple[int, int] | None = None
    for number, starts in nearby.items():
        if number == skip:
            continue
        for start in starts:
            token = doc.char_span(start, start + 1, alignment_mode="expand")
            if token is None or context.is_reported(start):
                continue
            mention_head = doc[head_of(doc, (token.start, token.end - 1))]
            last = mention_head
            while last.dep_ == "compound" and last.head.i > last.i:
                last = last.head
            verb = last.head.lemma_.lower()
            if verbs is not None and not (verb in verbs or context.lexicon.is_speech_verb(verb)):
                continue
            if _is_subject(last) and (best is None or start > best[0]):
                best = (start, number)
    return best[1] if best else None


def _owns_the_subject(context: ResolutionContext, token: Token) -> bool:
    """A person whose thing is the subject of a clause ("Roe's article attacked Doe"): the
    person the clause is about, unless the thing is itself a person ("Roe's spokesman")."""
    if token.dep_ != "poss" or token.head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    owned = token.head
    lexicon = context.lexicon
    return not (
        owned.ent_type_ == "PERSON"
        or owned.lower_ in lexicon.person_nouns
        or owned.lower_ in lexicon.descriptors
        or owned.lower_ in lexicon.titles
        or owned.lower_ in lexicon.gendered_words
    )


def _is_subject(token: Token) -> bool:
    """The subject of a clause, or a person named inside the subject ("Some defenders of
    free trade, like Jane Doe, acknowledge")."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return True
    if token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass"):
        return True  # "One voter, Jane Doe, showed up early."
    if token.dep_ == "attr" and any(c.dep_ == "expl" for c in token.head.children):
        return True  # "Then there's Quist."
    if token.dep_ == "pobj" and token.head.lower_ in _SUBJECT_LINKS:
        return token.head.head.dep_ in ("nsubj", "nsubjpass")
    return _fronted_topic(token)


def _fronted_topic(token: Token) -> bool:
    """A person named in a phrase set before the main clause and off by a comma ("For
    Roe, the answer is plain", "And for Roe and the others, it means ..."): the one the
    sentence is about."""
    while token.dep_ == "conj":
        token = token.head
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ not in _TOPIC_LINKS:
        return False
    clause = preposition.head
    if preposition.dep_ != "prep" or clause.dep_ != "ROOT" or preposition.i > clause.i:
        return False
    lead = clause.doc[sentence_of(clause.doc, clause.i).start : preposition.i]
    if any(not (t.is_punct or t.is_space or t.dep_ in ("cc", "advmod")) for t in lead):
        return False
    after = preposition.right_edge.i + 1
    return after < len(clause.doc) and clause.doc[after].text == ","
