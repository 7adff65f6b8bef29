"""Bytes to text: decoding and the checks that make untrusted input safe to analyse."""

from __future__ import annotations

import re

from onrecord.errors import InputError

DEFAULT_MAX_CHARS = 5_000_000
_SURROGATE = re.compile("[\ud800-\udfff]")


def decode(data: bytes, *, origin: str = "input") -> str:
    """Decode UTF-8 article bytes, with an error a user can act on when they are not text."""
    if b"\x00" in data[:65536]:
        raise InputError(
            f"{origin}: looks like a binary file (it contains NUL bytes); "
            "give onrecord a UTF-8 text file"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{origin}: not valid UTF-8 (byte {err.start}: {data[err.start : err.start + 1]!r}); "
            "convert it first, e.g. `iconv -f WINDOWS-1252 -t UTF-8`"
        ) from None


def check_text(text: str, *, origin: str = "input", max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Reject text that cannot be an article; return it unchanged otherwise."""
    if len(text) > max_chars:
        raise InputError(
            f"{origin}: {len(text):,} characters is more than the limit of {max_chars:,}; "
            "split the file into articles"
        )
    if "\x00" in text:
        raise InputError(f"{origin}: contains NUL characters; give onrecord a text file")
    if _SURROGATE.search(text):
        raise InputError(
            f"{origin}: contains unpaired surrogate characters, which are not text; "
            "decode the source bytes as UTF-8 (not UTF-16 or 'surrogateescape')"
        )
    return text
