"""A statement's date, as ISO text that sorts as it should."""

from __future__ import annotations

import re

_FULL_YEAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?", re.ASCII)


def statement_date(value: str | None, published: str | None) -> str | None:
    """The quote's date when it has a full year ("2022-02-15", "2021-12", "2019"),
    else the article's published date."""
    if value:
        match = _FULL_YEAR.match(value)
        if match:
            return match.group()
    if published:
        match = _FULL_YEAR.match(published)
        if match:
            return match.group()
    return None
