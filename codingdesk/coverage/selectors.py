"""Reads for the coverage index: the current release, and a keyword search
over document titles that the assistant's coverage handler uses.

The search is deterministic and needs no search engine: the index is a few
thousand short titles, read whole and ranked in Python.
"""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from .models import CoverageDocument, CoverageIndexRelease

# Words that say nothing about the topic of a document.
STOPWORDS = frozenset(
    "a an and are as at be by do does for from i in is it of on or the this to what when which with".split()
)

# Coverage topics coders ask about, each group a set of phrases that name one
# topic: the words coders use and the words MCD titles use ("CPAP" is in no
# title; the LCD is "Positive Airway Pressure (PAP) Devices ..."). A query
# phrase found here matches a title holding any phrase of its group. Keep it
# small and reviewed: a wrong synonym sends a coder to the wrong policy.
# ("PAP" alone is left out: it is also the Pap smear.)
SYNONYM_GROUPS = (
    ("sleep apnea", "obstructive sleep apnea", "osa"),
    ("cpap", "bipap", "positive airway pressure"),
    ("wound care", "wound"),
    ("pt", "physical therapy"),
    ("ot", "occupational therapy"),
    ("b12", "vitamin b12"),
    ("cataract", "cataract surgery", "cataract extraction", "cataract removal"),
    ("knee replacement", "knee arthroplasty", "total joint arthroplasty"),
    ("hip replacement", "hip arthroplasty", "total joint arthroplasty"),
    ("joint replacement", "joint arthroplasty"),
    ("mri", "magnetic resonance"),
    ("ct", "ct scan", "computed tomography", "computed tomographic"),
)

# A document whose title starts so answers public comments on a draft; it is
# listed after the LCDs and billing articles that match as well.
RESPONSE_TO_COMMENTS = ("response", "to", "comment")


def coverage_release_current() -> CoverageIndexRelease | None:
    """The newest index imported (by index date)."""
    return CoverageIndexRelease.objects.order_by("-effective_from", "-imported_at").first()


def coverage_search(
    *, query: str, as_of: datetime.date | None = None, kind: str | None = None, limit: int = 10
) -> list[CoverageDocument]:
    """Documents of the current index whose titles match ``query``, best first.

    Each query word (or synonym phrase, SYNONYM_GROUPS) is one term; a title
    matching more terms ranks higher, so titles holding every term come
    first. Among equals, documents in force on ``as_of`` (today when not
    given) come first, responses to comments last, then by title. One
    version per document ID. Each document returned carries
    ``search_matched`` and ``search_terms`` (terms matched, terms in the query).
    """
    release = coverage_release_current()
    terms = query_terms(query)
    if release is None or not terms:
        return []
    as_of = as_of or timezone.localdate()
    rows = CoverageDocument.objects.filter(release=release)
    if kind:
        rows = rows.filter(kind=kind)
    ranked = []
    for pk, document_id, version, title, effective, retired in rows.values_list(
        "pk", "document_id", "version", "title", "effective_date", "retirement_date"
    ):
        words = set(title_words(title))
        matched = sum(1 for alternatives in terms if any(phrase <= words for phrase in alternatives))
        if not matched:
            continue
        in_force = effective <= as_of and (retired is None or retired >= as_of)
        response = tuple(title_words(title)[:3]) == RESPONSE_TO_COMMENTS
        ranked.append(((-matched, not in_force, response, title.lower(), document_id, -version), pk, document_id, matched))
    ranked.sort()
    chosen: dict[str, tuple[int, int]] = {}
    for _, pk, document_id, matched in ranked:
        if document_id not in chosen:
            chosen[document_id] = (pk, matched)
            if len(chosen) == limit:
                break
    documents = CoverageDocument.objects.in_bulk([pk for pk, _ in chosen.values()])
    results = []
    for pk, matched in chosen.values():
        document = documents[pk]
        document.search_matched, document.search_terms = matched, len(terms)
        results.append(document)
    return results


def query_terms(query: str) -> list[list[frozenset[str]]]:
    """The query's terms, each a list of alternative phrases (sets of words):
    synonym phrases first, longest first, then the remaining words one by one."""
    words = [word for word in title_words(query) if word not in STOPWORDS]
    terms: list[list[frozenset[str]]] = []
    position = 0
    while position < len(words):
        for length in range(min(3, len(words) - position), 0, -1):
            phrase = tuple(words[position : position + length])
            if group := _SYNONYMS.get(phrase):
                terms.append([frozenset(alternative) for alternative in group])
                position += length
                break
        else:
            terms.append([frozenset([words[position]])])
            position += 1
    return terms


def title_words(text: str) -> list[str]:
    """Lowercase words without punctuation, plurals cut crudely ("injections",
    "therapies"); "non-wound" stays one word, so it never matches "wound"."""
    text = re.sub(r"\bnon-", "non", text.lower())
    return [_singular(word) for word in re.findall(r"[a-z0-9]+", text)]


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_SYNONYMS: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
for _group in SYNONYM_GROUPS:
    _phrases = tuple(tuple(title_words(phrase)) for phrase in _group)
    for _phrase in _phrases:
        _SYNONYMS[_phrase] = tuple(dict.fromkeys(_SYNONYMS.get(_phrase, ()) + _phrases))
