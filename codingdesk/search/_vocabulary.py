"""The reviewed vocabulary in vocabulary/*.tsv and the spelling corrector.

Each file holds entries of one kind (abbreviation, synonym, eponym, drug,
neoplasm, procedure). A query phrase that matches an entry's term is
rewritten to the entry's meaning, the wording the code sets use, and the
rewrite is shown to the user as the reason a result matched.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ._text import normalize_text

VOCABULARY_DIR = Path(__file__).parent / "vocabulary"
# file name -> the kind shown to users in the reason
PROCEDURE_KIND = "procedure"
DRUG_KIND = "drug class"
FILES = {
    "abbreviations.tsv": "abbreviation",
    "lay_terms.tsv": "synonym",
    "eponyms.tsv": "eponym",
    "drugs.tsv": DRUG_KIND,
    "neoplasms.tsv": "neoplasm",
    "procedures.tsv": PROCEDURE_KIND,
}
SUFFIX_FILE = "procedure_suffixes.tsv"
INDEX_DEFAULTS_FILE = "index_defaults.tsv"
ROOT_FILE = "body_part_roots.tsv"
LONGEST_TERM_WORDS = 6
DOSE_UNITS = frozenset("mg mcg ml cc g gm kg unit units meq iu".split())
MIN_CORRECTABLE_LENGTH = 4


@dataclass(frozen=True)
class Entry:
    term: str
    means: str
    kind: str

    def reason(self, typed: str) -> str:
        if self.kind == "abbreviation":
            return f"{typed.upper()} = {self.means} (abbreviation)"
        return f"{typed} → {self.means} ({self.kind})"


@dataclass(frozen=True)
class Rewrite:
    typed: str
    means: str
    reason: str
    kind: str = ""


def read_tsv(path: Path) -> list[tuple[str, str, str]]:
    """Rows of a vocabulary file: (term, means, note). Comments start with #."""
    rows = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    if not lines or lines[0].split("\t")[:2] != ["term", "means"]:
        raise ValueError(f"{path.name}: the first line must be the header term<TAB>means<TAB>note")
    for number, line in enumerate(lines[1:], start=2):
        columns = line.split("\t")
        if len(columns) < 2 or not columns[0].strip() or not columns[1].strip():
            raise ValueError(f"{path.name}: entry {number} needs a term and a meaning: {line!r}")
        rows.append((normalize_text(columns[0]), normalize_text(columns[1]), columns[2] if len(columns) > 2 else ""))
    return rows


@cache
def _index_defaults() -> dict[str, str]:
    return {term: code for term, code, _note in read_tsv(VOCABULARY_DIR / INDEX_DEFAULTS_FILE)}


def index_default(search_words: list[str]) -> str:
    """The Index's default code (normalized, "j18 9") when the whole query is
    a condition's main term, else "". Names alone ("hypertension") share their
    words with many titles; the Index says which code the term means."""
    return _index_defaults().get(" ".join(search_words), "") or _index_defaults_any_order().get(
        tuple(sorted(search_words)), ""
    )


@cache
def _index_defaults_any_order() -> dict[tuple[str, ...], str]:
    # Chart shorthand puts the qualifier last ("diabetes type 2", "pneumonia
    # aspiration"); the same words name the same Index entry in any order.
    return {tuple(sorted(term.split())): code for term, code in _index_defaults().items()}


@cache
def phrase_entries() -> dict[str, list[Entry]]:
    """Normalized term -> its entries, most common reading first."""
    entries: dict[str, list[Entry]] = {}
    for file_name, kind in FILES.items():
        path = VOCABULARY_DIR / file_name
        if path.exists():
            for term, means, _note in read_tsv(path):
                entries.setdefault(term, []).append(Entry(term=term, means=means, kind=kind))
    return entries


@cache
def _diagnosis_entries() -> dict[str, list[Entry]]:
    without = {term: [e for e in found if e.kind != PROCEDURE_KIND] for term, found in phrase_entries().items()}
    return {term: found for term, found in without.items() if found}


@cache
def _affixes() -> tuple[list[tuple[str, str]], dict[str, str]]:
    suffixes = [(term, means) for term, means, _ in _rows_if_present(SUFFIX_FILE)]
    roots = {term: means for term, means, _ in _rows_if_present(ROOT_FILE)}
    return sorted(suffixes, key=lambda pair: -len(pair[0])), roots


def _rows_if_present(file_name: str) -> list[tuple[str, str, str]]:
    path = VOCABULARY_DIR / file_name
    return read_tsv(path) if path.exists() else []


def rewrite_words(tokens: list[str], *, procedures: bool = True) -> tuple[list[str], list[Rewrite]]:
    """Replace vocabulary phrases, longest first, left to right. Surgical
    vocabulary is left out (``procedures=False``) when only diagnoses are
    searched, so "central line infection" keeps its own words."""
    entries = phrase_entries() if procedures else _diagnosis_entries()
    output: list[str] = []
    rewrites: list[Rewrite] = []
    position = 0
    while position < len(tokens):
        for length in range(min(LONGEST_TERM_WORDS, len(tokens) - position), 0, -1):
            phrase = " ".join(tokens[position : position + length])
            if phrase in entries and not _is_dose_unit(phrase, tokens[position - 1] if position else ""):
                entry = entries[phrase][0]
                output.extend(entry.means.split())
                rewrites.append(Rewrite(typed=phrase, means=entry.means, reason=entry.reason(phrase), kind=entry.kind))
                position += length
                break
        else:
            composed = compose_surgical_word(tokens[position]) if procedures else ""
            if composed:
                output.extend(composed.split())
                rewrites.append(Rewrite(tokens[position], composed, f"{tokens[position]} → {composed} (procedure)"))
            else:
                output.append(tokens[position])
            position += 1
    return output, rewrites


@cache
def _abbreviation_entries() -> dict[str, list[Entry]]:
    only = {term: [e for e in found if e.kind == "abbreviation"] for term, found in phrase_entries().items()}
    return {term: found for term, found in only.items() if found}


def expand_abbreviations(text: str) -> str:
    """The text with the coder abbreviations of the vocabulary spelled out
    ("HTN, CHF and CKD 3" -> "hypertension congestive heart failure and
    chronic kidney disease stage 3"), in the search's normalized words."""
    tokens = normalize_text(text).split()
    output: list[str] = []
    position = 0
    entries = _abbreviation_entries()
    while position < len(tokens):
        for length in range(min(LONGEST_TERM_WORDS, len(tokens) - position), 0, -1):
            phrase = " ".join(tokens[position : position + length])
            if phrase in entries:
                output.append(entries[phrase][0].means)
                position += length
                break
        else:
            output.append(tokens[position])
            position += 1
    return " ".join(output)


def _is_dose_unit(phrase: str, previous: str) -> bool:
    """"80 mg" is a dose, not myasthenia gravis (MG)."""
    return phrase in DOSE_UNITS and previous.replace(".", "").isdigit()


def compose_surgical_word(word: str) -> str:
    """splenectomy -> "resection spleen": a known suffix after a body-part root."""
    suffixes, roots = _affixes()
    for suffix, operation in suffixes:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            root = word[: -len(suffix)]
            body_part = roots.get(root) or roots.get(root.removesuffix("o"))
            if body_part:
                return f"{operation} {body_part}"
    return ""


def is_known_term(word: str) -> bool:
    return word in _single_words()


@cache
def _single_words() -> frozenset[str]:
    return frozenset(word for term in phrase_entries() for word in term.split())


class SpellingCorrector:
    """Corrects a word that appears nowhere in the code sets to the closest one
    that does, preferring frequent words ("pnuemonia" -> "pneumonia")."""

    def __init__(self, word_counts: dict[str, int]):
        self.word_counts = word_counts
        # Misspellings nearly always keep the first letter; bucketing by it
        # and by length keeps a correction to a few milliseconds.
        self.buckets: dict[tuple[str, int], list[str]] = {}
        for word in word_counts:
            if len(word) >= MIN_CORRECTABLE_LENGTH - 1 and not word.isdigit():
                self.buckets.setdefault((word[0], len(word)), []).append(word)

    def correct(self, word: str) -> str:
        # A word with a digit is a dose, a stage or a code ("80mg", "3a"): never a misspelling.
        has_digit = any(character.isdigit() for character in word)
        if word in self.word_counts or len(word) < MIN_CORRECTABLE_LENGTH or has_digit or word in _single_words():
            return word
        candidates = [
            candidate
            for length in range(len(word) - 2, len(word) + 3)
            for candidate in self.buckets.get((word[0], length), [])
        ]
        # 0.74 lets one wrong letter in a four-letter word through (gaut -> gout).
        matches = difflib.get_close_matches(word, candidates, n=8, cutoff=0.74)
        if not matches:
            return word
        # The ratio favours shorter words ("gaut" is nearer "gut" than "gout"
        # by ratio), but a typo is one slip either way: among the candidates
        # fewest keystrokes away, the word the code sets use most wins.
        distances = {match: typo_distance(word, match) for match in matches}
        fewest = min(distances.values())
        return max((match for match in matches if distances[match] == fewest), key=lambda match: self.word_counts[match])


def typo_distance(first: str, second: str) -> int:
    """Edits between two words, a swap of neighbours counting as one
    ("pnuemonia" is one slip from "pneumonia")."""
    previous_row: list[int] = []
    row = list(range(len(second) + 1))
    for i in range(1, len(first) + 1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(second)
        for j in range(1, len(second) + 1):
            cost = first[i - 1] != second[j - 1]
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost)
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[len(second)]
