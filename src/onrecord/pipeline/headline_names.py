"""Names in a title-case headline: the tagger runs a name on into the capitalised words
after it ("Mara Quist Says Budget" or "Quist May Not Have Suggested" read as one name,
"Tarrow Institute: State Department" across a label's colon). A name is cut at the colon,
or before the verb of saying and the auxiliaries that lead to it."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from onrecord.lexicon import Lexicon
from onrecord.pipeline.quotes.headline_statements import (
    headline_line,
    is_title_case,
    speech_verb_form,
    words_named_after,
)


def cut_headline_names(doc: Doc, lexicon: Lexicon) -> None:
    """Shorten, in place, each name of the headline that runs on into a verb of saying."""
    line = headline_line(doc)
    if line is None or not is_title_case(doc, line):
        return  # in a sentence-case line a capitalised word is the name's own
    ents: list[Span] = []
    changed = False
    for ent in doc.ents:
        end = _name_end(doc, ent, lexicon) if ent.start <= line[1] else ent.end
        if end != ent.end:
            changed = True
            if end > ent.start:
                ents.append(Span(doc, ent.start, end, label=ent.label_))
        else:
            ents.append(ent)
    if changed:
        doc.ents = ents


def _name_end(doc: Doc, ent: Span, lexicon: Lexicon) -> int:
    colon = next((t.i for t in ent[1:] if t.text == ":"), None)
    if colon is not None:
        return colon  # "Tarrow Institute: State Department Hid ...": two names
    verb = next(
        (
            t.i
            for t in ent[1:]
            if speech_verb_form(t, lexicon) and not words_named_after(doc, ent.start, t.i + 1)
        ),
        None,
    )  # "United States Warns ...": "States" is the name's own word where the body has it
    if verb is None:
        return ent.end
    end = verb
    while end > ent.start and lexicon.headline_words.get(doc[end - 1].lower_) == "auxiliary":
        end -= 1
    if verb - end == 1 and end > ent.start and words_named_after(doc, ent.start, verb):
        return verb  # "Mara May Says": "May" is the name's own word where the body has it
    return end
