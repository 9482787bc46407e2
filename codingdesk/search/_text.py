"""Word handling shared by the index, the vocabulary and the ranking."""

import re
from functools import lru_cache

NON_WORD = re.compile(r"[^a-z0-9]+")
# "Bennett's fracture" and "Bennett fracture" are the same words to a coder.
POSSESSIVE = re.compile(r"['’]s\b")
# Words that carry no meaning for matching a code title. ("other" is not one:
# "Other X" is a specified code, and coders take "X, unspecified" over it
# when the chart says no more.)
STOPWORDS = frozenset(
    "a an and as at by for from in into of on or the to with w due than its is".split()
)
# Title words that mark the default code a coder picks when the chart lacks
# detail: they cost nothing when the query does not mention them.
DEFAULT_WORDS = frozenset(
    "unspecified nos without site type part mention specified elsewhere classified not".split()
)


def normalize_text(text: str) -> str:
    """Lower case, possessive 's dropped; every other character that is not
    a-z or 0-9 becomes one space."""
    return NON_WORD.sub(" ", POSSESSIVE.sub("", text.lower())).strip()


def words(text: str) -> list[str]:
    return normalize_text(text).split()


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A light English stemmer, enough to match plurals and -itis/-ic forms
    loosely ("fractures" = "fracture", "veins" = "vein")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_stems(text: str) -> set[str]:
    return {stem(word) for word in words(text) if word not in STOPWORDS}


def detail_stems(title: str) -> set[str]:
    """The title words that add detail a query may not have asked for: not
    stopwords, not default words, and not the word an "unspecified" governs
    ("unspecified ear", "unspecified site" say the chart did not specify it)."""
    tokens = words(title)
    governed = {tokens[i + 1] for i, token in enumerate(tokens[:-1]) if token == "unspecified"}
    return {stem(word) for word in tokens if word not in STOPWORDS and word not in DEFAULT_WORDS and word not in governed}
