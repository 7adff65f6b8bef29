"""The country an article is filed from, by its dateline ("ANKARA, Turkey -", "LONDON
(Reuters) -"): the government a bare "the government" of the article speaks for."""

from __future__ import annotations

import re

from onrecord.lexicon import Country, Lexicon
from onrecord.text.clean import Layout, first_dateline

_PLACE = re.compile(r"[A-Za-z][A-Za-z'’.-]*(?: [A-Za-z][A-Za-z'’.-]*)*")


def dateline_country(text: str, layout: Layout, lexicon: Lexicon) -> Country | None:
    """The country the lede's dateline names, by its name or its capital, if any."""
    span = first_dateline(text, layout)
    if span is None:
        return None
    for place in _PLACE.findall(text[span[0] : span[1]]):
        for form in (place, place.title()):
            country = lexicon.country(form)
            if country is not None:
                return country
    return None
