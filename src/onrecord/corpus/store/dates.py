"""Date filters for searches, as ISO text that sorts as it should."""

from __future__ import annotations

import re
from datetime import date

from onrecord.corpus.store.errors import StoreError

_BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?\Z", re.ASCII)


def _check(bound: str, name: str) -> str:
    bound = bound.strip()
    if not _BOUND.match(bound) or not _real(bound):
        raise StoreError(f"{name} must be a date like 2022, 2022-02 or 2022-02-15, not {bound!r}")
    return bound


def _real(bound: str) -> bool:
    """Whether a YYYY, YYYY-MM or YYYY-MM-DD bound names a real year, month or day."""
    parts = bound.split("-")
    try:
        date(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[2]) if len(parts) > 2 else 1,
        )
    except ValueError:
        return False
    return True


def lower_bound(since: str) -> str:
    """``since`` as the smallest ISO text it includes ("2022-02" includes "2022-02-01")."""
    return _check(since, "since")


def upper_bound(until: str) -> str:
    """``until`` as the largest ISO text it includes: "2022-02" includes "2022-02-28"."""
    bound = _check(until, "until")
    return bound + "-99-99"[: 10 - len(bound)] if len(bound) < 10 else bound
