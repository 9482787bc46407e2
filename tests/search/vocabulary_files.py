"""A small reader for the vocabulary TSV files, kept apart from the engine's
own loader so the data tests check the files as written."""

import re
from functools import cache

from codingdesk.search._vocabulary import VOCABULARY_DIR

HEADER = ["term", "means", "note"]
NON_WORD = re.compile(r"[^a-z0-9]+")


def normalized(text: str) -> str:
    return " ".join(NON_WORD.sub(" ", text.lower()).split())


@cache
def lines(file_name: str) -> tuple[str, ...]:
    """The lines that are not comments or blank, header first."""
    text = (VOCABULARY_DIR / file_name).read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def rows(file_name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(line.split("\t")) for line in lines(file_name)[1:])


def meanings(file_name: str, term: str) -> list[str]:
    return [row[1] for row in rows(file_name) if row[0] == term]
