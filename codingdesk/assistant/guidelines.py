"""Guideline knowledge base: short entries, each citing its official source.

Entries live as Markdown files in ``knowledge/guidelines/<id>.md``: a header
block of ``key: value`` lines, a blank line, then the body. They are written in
our own words (the AMA's CPT guideline text is copyrighted; the ICD-10 and
NCCI texts are summarised, not quoted). ``guideline_search`` is the grounded
engine's first retrieval step, so it is deliberately simple and deterministic.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

GUIDELINES_DIR = Path(__file__).parent / "knowledge" / "guidelines"

TOPICS = frozenset(
    {"icd10cm-conventions", "icd10cm-chapter", "icd10pcs", "em", "modifiers", "ncci"}
)
HEADER_KEYS = ("title", "topic", "source", "keywords", "codes")
# These may be empty; the others may not.
OPTIONAL_VALUE_KEYS = frozenset({"codes"})

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Scores: a whole keyword phrase found in the query outweighs any number of
# loose word hits in the title, which outweigh hits in the body.
KEYWORD_PHRASE_SCORE = 10
KEYWORD_EXTRA_TOKEN_SCORE = 2
KEYWORD_WORD_SCORE = 4
TITLE_WORD_SCORE = 3
BODY_WORD_SCORE = 1

STOPWORDS = frozenset(
    "a an and are as at be by can do does for from how i in is it of on or "
    "the to what when which who why should we you my our this that there".split()
)


class GuidelineFileError(ValueError):
    """A guideline file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class GuidelineEntry:
    id: str
    title: str
    topic: str
    source: str
    keywords: tuple[str, ...]
    codes: tuple[str, ...]
    body: str


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


def guideline_entry_parse(path: Path) -> GuidelineEntry:
    text = path.read_text(encoding="utf-8")
    header_text, sep, body = text.partition("\n\n")
    if not sep or not body.strip():
        raise GuidelineFileError(f"{path.name}: expected a header block, a blank line, then a body")
    entry_id = path.stem
    if not ID_RE.match(entry_id):
        raise GuidelineFileError(f"{path.name}: file name is not a lowercase-hyphenated id")

    header: dict[str, str] = {}
    for line in header_text.splitlines():
        key, colon, value = line.partition(":")
        key = key.strip()
        if not colon or not key:
            raise GuidelineFileError(f"{path.name}: header line is not 'key: value': {line!r}")
        if key not in HEADER_KEYS:
            raise GuidelineFileError(f"{path.name}: unknown header key {key!r}")
        if key in header:
            raise GuidelineFileError(f"{path.name}: header key {key!r} appears twice")
        header[key] = value.strip()
    for key in HEADER_KEYS:
        if key not in header:
            raise GuidelineFileError(f"{path.name}: missing header key {key!r}")
        if not header[key] and key not in OPTIONAL_VALUE_KEYS:
            raise GuidelineFileError(f"{path.name}: header key {key!r} is empty")
    if header["topic"] not in TOPICS:
        raise GuidelineFileError(
            f"{path.name}: header key 'topic' has {header['topic']!r}; "
            f"expected one of {', '.join(sorted(TOPICS))}"
        )
    return GuidelineEntry(
        id=entry_id,
        title=header["title"],
        topic=header["topic"],
        source=header["source"],
        keywords=_split_list(header["keywords"]),
        codes=_split_list(header["codes"]),
        body=body.strip(),
    )


@functools.cache
def _entries() -> tuple[GuidelineEntry, ...]:
    paths = sorted(GUIDELINES_DIR.glob("*.md"))
    return tuple(guideline_entry_parse(path) for path in paths)


def guideline_entries() -> list[GuidelineEntry]:
    """All entries, sorted by id. Parsed once per process."""
    return list(_entries())


def guideline_names_topic(entry: GuidelineEntry, text: str) -> bool:
    """Whether a word of ``text`` is in the entry's title or keywords: the
    entry is about that topic, not only mentioning it in its body."""
    words = {token for token in _tokens(text) if token not in STOPWORDS and len(token) > 1}
    phrases, title_words, _ = _entry_index(entry)
    return bool(words & (title_words | {word for phrase in phrases for word in phrase}))


def _tokens(text: str) -> list[str]:
    # Keep dots inside codes (R65.20) but drop other punctuation; fold simple
    # plurals so "visits" finds "visit". Query and entries go through the same
    # function, so the folding only has to be consistent, not linguistic.
    tokens = []
    for raw in re.sub(r"[^a-z0-9.]+", " ", text.lower()).split():
        token = raw.strip(".")
        if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]
        if token:
            tokens.append(token)
    return tokens


def _contains_phrase(tokens: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(tokens[i : i + n] == phrase for i in range(len(tokens) - n + 1))


@functools.cache
def _entry_index(entry: GuidelineEntry) -> tuple[tuple[tuple[str, ...], ...], frozenset, frozenset]:
    phrases = tuple(tuple(_tokens(k)) for k in entry.keywords + entry.codes)
    return (
        tuple(p for p in dict.fromkeys(phrases) if p),
        frozenset(_tokens(entry.title)),
        frozenset(_tokens(entry.body)),
    )


def _score(entry: GuidelineEntry, query_tokens: list[str], query_words: set[str]) -> int:
    phrases, title_words, body_words = _entry_index(entry)
    score = 0
    for phrase in phrases:
        if _contains_phrase(query_tokens, list(phrase)):
            score += KEYWORD_PHRASE_SCORE + KEYWORD_EXTRA_TOKEN_SCORE * (len(phrase) - 1)
    # Each distinct query word the keywords hold: the entry about every
    # condition asked (HTN, heart failure and CKD: I13) outranks the entry
    # about some of them (HTN and heart failure: I11).
    score += KEYWORD_WORD_SCORE * len(query_words & {word for phrase in phrases for word in phrase})
    score += TITLE_WORD_SCORE * len(query_words & title_words)
    score += BODY_WORD_SCORE * len(query_words & body_words)
    return score


def _with_abbreviations_spelled_out(query: str) -> str:
    from codingdesk.search import expand_abbreviations

    expanded = expand_abbreviations(query)
    return query if expanded == re.sub(r"[^a-z0-9]+", " ", query.lower()).strip() else f"{query} | {expanded}"


def guideline_search(query: str, limit: int = 5) -> list[GuidelineEntry]:
    """Entries ranked for ``query``, best first; entries scoring 0 are left out.
    Coder abbreviations (HTN, CHF, CKD) are read spelled out as well as typed."""
    query_tokens = _tokens(_with_abbreviations_spelled_out(query))
    # Loose word hits skip stopwords and single characters ("type 1", "column 2")
    # which match too much; keyword phrases still see every token.
    query_words = {t for t in query_tokens if t not in STOPWORDS and len(t) > 1}
    scored = []
    for entry in _entries():
        score = _score(entry, query_tokens, query_words)
        if score > 0:
            # On a tie, the entry whose title asks least beyond the question
            # (HTN and CHF: I11's title, not I13's with its kidney disease).
            unasked = len(_entry_index(entry)[1] - set(query_tokens))
            scored.append((-score, unasked, entry.id, entry))
    scored.sort(key=lambda item: item[:3])
    return [entry for *_, entry in scored[:limit]]
