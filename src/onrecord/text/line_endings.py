"""Line endings: a text with CRLF (or CR) line breaks is analysed as the same text with LF
ones, and its record points into the text as given.

Browsers send a text area's content with CRLF line breaks, Windows editors save them, and
spaCy reads "\\r\\n\\r\\n" as another token than "\\n\\n", which changes its tags and
entities. So the analysis runs on the text with every CRLF made LF (and every lone CR
made LF, which keeps its length), and :func:`to_original` moves every span of the record
back onto the text as given: offsets index the original text, and a span's text is cut
from it.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from onrecord.record import ArticleRecord, text_sha256

_SPAN_LISTS = ("spans", "mentions", "boilerplate", "headings")


class LineEndings:
    """Where a text's CRLF pairs are, to map offsets of its LF form back to it."""

    def __init__(self, original: str) -> None:
        self.original = original
        # the offset, in the LF text, of each line break that was a CRLF pair
        self._removed: list[int] = []
        position = original.find("\r\n")
        while position >= 0:
            self._removed.append(position - len(self._removed))
            position = original.find("\r\n", position + 2)
        self.lf = original.replace("\r\n", "\n").replace("\r", "\n")

    @property
    def changed(self) -> bool:
        return self.lf != self.original

    def offset(self, lf_offset: int) -> int:
        """The offset in the original text of an offset in the LF text (a span that ends
        at a line break ends before its carriage return)."""
        return lf_offset + bisect_left(self._removed, lf_offset)

    def to_original(self, record: ArticleRecord) -> ArticleRecord:
        """The record of the LF text, with its spans, span texts and hash those of the
        original text."""
        if not self.changed:
            return record
        data = self._mapped(record.to_dict())
        data["text_sha256"] = text_sha256(self.original)
        return ArticleRecord.model_validate(data)

    def _mapped(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self._mapped(item) for item in value]
        if not isinstance(value, dict):
            return value
        out = {key: self._mapped(item) for key, item in value.items()}
        for key in _SPAN_LISTS:
            if isinstance(value.get(key), list):
                out[key] = [[self.offset(s), self.offset(e)] for s, e in value[key]]
        if "spans" in value and isinstance(value.get("text"), str):
            lf_text = " ".join(self.lf[s:e] for s, e in value["spans"])
            if value["text"] == lf_text:  # a text cut from the spans: cut it from the original
                out["text"] = " ".join(self.original[s:e] for s, e in out["spans"])
        return out
