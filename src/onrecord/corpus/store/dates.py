"""Date filters for searches, as ISO text that sorts as it should."""

from __future__ import annotations

import re

from onrecord.corpus.store.errors import StoreError
from onrecord.text.days import calendar_day

_BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?\Z", re.ASCII)


def _check(bound: str, name: str) -> str:
    bound = bound.strip()
    if not _BOUND.match(bound) or not _real(bound):
        raise StoreError(f"{name} must be a date like 2022, 2022-02 or 2022-02-15, not {bound!r}")
    return bound


def _real(bound: str) -> bool:
    """Whether a YYYY, YYYY-MM or YYYY-MM-DD bound names a real year, month or day."""
    parts = [int(part) for part in bound.split("-")] + [1, 1]
    return calendar_day(parts[0], parts[1], parts[2]) is not None


def lower_bound(since: str) -> str:
    """``since`` as the smallest ISO text it includes ("2022-02" includes "2022-02-01")."""
    return _check(since, "since")


def upper_bound(until: str) -> str:
    """``until`` as the largest ISO text it includes: "2022-02" includes "2022-02-28"."""
    bound = _check(until, "until")
    return bound + "-99-99"[: 10 - len(bound)] if len(bound) < 10 else bound
