"""Two people of one family name told apart by age: "the younger Mr. Roe" is the son the
article names ("John Roe Jr."), "the elder Roe" the father."""

from __future__ import annotations

from onrecord.pipeline.speakers.context import ResolutionContext

_YOUNGER = frozenset({"younger"})
_ELDER = frozenset({"elder", "older"})
_JUNIOR = frozenset({"jr", "jr.", "junior"})
_SENIOR = frozenset({"sr", "sr.", "senior"})


def by_age(context: ResolutionContext, first: int, head: int, entity: int) -> int:
    """The person of the family name at ``head`` that "younger" or "elder" before it picks
    out: the one whose name says Jr. (or Sr.), if the article names one; else ``entity``."""
    doc = context.doc
    words = {t.lower_ for t in doc[first:head]}
    if words & _YOUNGER:
        marks = _JUNIOR
    elif words & _ELDER:
        marks = _SENIOR
    else:
        return entity
    surname = doc[head].lower_
    for number, other in enumerate(context.index.entities):
        if other.type != "PERSON":
            continue
        for form in other.forms:
            names = form.lower().replace(",", " ").split()
            if surname in names and not marks.isdisjoint(names):
                return number
    return entity
