"""What onrecord knows about language, as data: the packaged word lists in `data/` and
any folder named in ONRECORD_LEXICON_PATH."""

from onrecord.lexicon.loader import (
    ENV_PATH,
    Country,
    CuePattern,
    Lexicon,
    Organisation,
    default_lexicon,
    lexicon_dirs,
    load_lexicon,
    read_rows,
)

__all__ = [
    "ENV_PATH",
    "Country",
    "CuePattern",
    "Lexicon",
    "Organisation",
    "default_lexicon",
    "lexicon_dirs",
    "load_lexicon",
    "read_rows",
]
