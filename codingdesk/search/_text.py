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


# Words after which a title names what the chart did not say, or what is absent.
GOVERNING_WORDS = frozenset({"without", "not"})


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
    """The title words that add detail a query may not have asked for.

    Not stopwords or default words, and not the words a default governs:
    "unspecified ear" and "unspecified site" say the chart did not specify
    them, and "without gangrene" or "not specified as recurrent" name what
    is absent. A governed stretch runs to the next comma or "with" (a
    "without" list to the next "with"), and for "unspecified" to the next
    word."""
    detail: set[str] = set()
    without_list = False
    for segment in title.lower().split(","):
        tokens = words(segment)
        governed: set[int] = set()
        # "without behavioral disturbance, psychotic disturbance, ... and
        # anxiety": a list after "without" runs on over its commas.
        absent = without_list = without_list and not (tokens and tokens[0] == "with")
        for position, word in enumerate(tokens):
            if word == "with":
                absent = without_list = False
            if word in GOVERNING_WORDS:
                absent = True
                without_list = word == "without"
            elif absent:
                governed.add(position)
            if word == "unspecified":
                governed.add(position + 1)
        detail |= {
            stem(word)
            for position, word in enumerate(tokens)
            if position not in governed and word not in STOPWORDS and word not in DEFAULT_WORDS
        }
    return detail
