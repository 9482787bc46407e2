"""Code search: the one door to the tantivy index (as paperless-ngx does it).

    search(query, system=..., limit=..., billable_only=..., as_of=...)
    expand_abbreviations(text)
    index_rebuild() / index_update_if_needed() / index_is_current()

Everything else in this package is private: _schema (fields, version),
_backend (build and open the on-disk index), _query (what the user typed),
_vocabulary (the reviewed terms) and _ranking (the coder's rules).
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass, field

from . import _backend
from ._query import AnalyzedQuery, analyze
from ._ranking import Candidate, rank
from ._text import normalize_text
from ._vocabulary import SpellingCorrector
from ._vocabulary import expand_abbreviations as expand_abbreviations

MAX_QUERY_LENGTH = 10_240  # 10 kB; longer input is refused with a clear message
CANDIDATES = 120
MAX_LIMIT = 100


class QueryTooLong(ValueError):
    pass


@dataclass
class SearchResult:
    code: str
    system: str
    title: str
    billable: bool
    score: float
    matched: list[str] = field(default_factory=list)
    # The share of the query's words (after the vocabulary's rewrites) that the
    # code's title or inclusion terms hold; 0 when found by its number.
    coverage: float = 0.0


@dataclass
class SearchResponse:
    query: str
    results: list[SearchResult]


def search(
    query: str,
    *,
    system: str | None = None,
    limit: int = 10,
    billable_only: bool = False,
    as_of: datetime.date | None = None,
) -> SearchResponse:
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong(f"A query is at most {MAX_QUERY_LENGTH:,} characters; this one has {len(query):,}.")
    limit = max(1, min(limit, MAX_LIMIT))
    opened = _Reader.current()
    analyzed = analyze(query, opened.corrector if opened else None, system)
    systems = _releases_in_force(system, as_of)
    cpt_withheld = _cpt_withheld(systems)
    results = _code_lookup(analyzed.code, systems, billable_only, limit) if analyzed.code else []
    if not results and opened and normalize_text(query):
        # Unlicensed CPT is never matched by its words, even in an index built while the site was licensed.
        searched = {key: name for key, name in systems.items() if not (cpt_withheld and name == "cpt")}
        results = _text_search(opened, analyzed, searched, billable_only, limit)
    if not results and analyzed.code:  # W21.89A: offer W21.89XA, as the code page's 404 does
        results = _nearest_codes(analyzed.code, systems, limit)
    for result in results:
        if cpt_withheld and result.system == "cpt":  # found by its number: shown without its descriptor
            result.title = ""
    return SearchResponse(query=query, results=results)


def index_rebuild(on_progress=None) -> int:
    return _backend.build(on_progress)


def index_is_current() -> bool:
    return _backend.current_fingerprint() == _backend.database_fingerprint()


def index_update_if_needed(on_progress=None) -> int | None:
    """Rebuild when the releases in the database differ from the index's."""
    return None if index_is_current() else index_rebuild(on_progress)


def _releases_in_force(system: str | None, as_of: datetime.date | None) -> dict[int, str]:
    """Release id -> system for the releases searched: per system, the one in
    force on ``as_of`` (selectors.release_for_date's rule), read in one query."""
    from codingdesk.codesets.models import Release

    releases = Release.objects.order_by("effective_from", "imported_at")
    if system:
        releases = releases.filter(system=system)
    by_system: dict[str, list[tuple[datetime.date, int]]] = {}
    for release_id, name, effective_from in releases.values_list("id", "system", "effective_from"):
        by_system.setdefault(name, []).append((effective_from, release_id))
    on = as_of or datetime.date.today()
    chosen = {}
    for name, dated in by_system.items():
        started = [release_id for effective_from, release_id in dated if effective_from <= on]
        if started:
            chosen[started[-1]] = name
        elif as_of is None:  # every release still to come: the earliest, as code pages do
            chosen[dated[0][1]] = name
    return chosen


def _cpt_withheld(releases: dict[int, str]) -> bool:
    """Whether CPT releases are searched on a site that may not show CPT descriptors."""
    from codingdesk.codesets.cpt import cpt_licensed

    return "cpt" in releases.values() and not cpt_licensed()


def _code_lookup(normalized: str, releases: dict[int, str], billable_only: bool, limit: int) -> list[SearchResult]:
    """E11.9 finds itself; S52.531 its 7th-character completions; E11. its family."""
    from codingdesk.codesets.models import Code

    codes = Code.objects.filter(release_id__in=releases).order_by("sort_order")
    exact = list(codes.filter(normalized=normalized))
    family = codes.filter(normalized__startswith=normalized).exclude(normalized=normalized)
    if billable_only:
        exact = [code for code in exact if code.billable]
        family = family.filter(billable=True)
    if exact:  # the family of the code typed, not look-alikes in other systems
        family = family.filter(system=exact[0].system)
    found = exact + list(family.order_by("-billable", "sort_order")[: max(limit - len(exact), 0)])
    return [
        SearchResult(
            code=code.code, system=code.system, title=code.long_title, billable=code.billable,
            score=1.0 if code in exact else 0.5,
            matched=["code"] if code in exact else [f"code family: starts with {normalized}"],
        )
        for code in found[:limit]
    ]


def _nearest_codes(normalized: str, releases: dict[int, str], limit: int) -> list[SearchResult]:
    from codingdesk.codesets.models import Release
    from codingdesk.codesets.selectors import code_suggestions

    suggestions = [
        code for release in Release.objects.filter(id__in=releases) for code in code_suggestions(release=release, code=normalized)
    ]
    return [
        SearchResult(code=code.code, system=code.system, title=code.long_title, billable=code.billable, score=0.3,
                     matched=[f"nearest valid code to {normalized}"])
        for code in suggestions[:limit]
    ]


def _text_search(opened, analyzed: AnalyzedQuery, releases: dict[int, str], billable_only: bool, limit: int):
    import tantivy

    index = opened.index
    schema = index.schema
    text = " ".join([*analyzed.search_words, *(typed for typed, _ in analyzed.literal_drugs)])
    text_query = index.parse_query(
        text, ["title", "terms", "context"], field_boosts={"title": 2.0, "terms": 1.5, "context": 0.3}
    )
    filters = [(tantivy.Occur.Must, text_query)]
    filters.append((tantivy.Occur.Must, tantivy.Query.term_set_query(schema, "release_id", list(releases))))
    if billable_only:
        filters.append((tantivy.Occur.Must, tantivy.Query.term_query(schema, "billable", 1)))
    searcher = index.searcher()
    hits = searcher.search(tantivy.Query.boolean_query(filters), CANDIDATES).hits
    candidates = [_candidate(searcher.doc(address), score) for score, address in hits]
    return [
        SearchResult(code=c.code, system=c.system, title=c.title, billable=c.billable, score=round(c.score, 3),
                     matched=list(c.matched), coverage=round(c.coverage, 3))
        for c in rank(candidates, analyzed, limit)
    ]


def _candidate(document, bm25: float) -> Candidate:
    fields = document.to_dict()

    def first(name, default=None):
        values = fields.get(name)
        return values[0] if values else default

    return Candidate(
        code_id=first("code_id"), code=first("code"), system=first("system"), title=first("title", ""),
        terms=first("terms", ""), billable=bool(first("billable", 0)), seventh=first("seventh", ""),
        title_stems=frozenset(first("title_stems", "").split()), terms_stems=frozenset(first("terms_stems", "").split()),
        detail_stems=frozenset(first("detail_stems", "").split()),
        sort_order=first("sort_order", 0), bm25=bm25,
    )


class _Reader:
    """The index this process searches, reopened when a rebuild moves CURRENT."""

    _lock = threading.Lock()
    _opened = None
    _pointer_stamp: tuple[str, int] | None = None

    @classmethod
    def current(cls):
        stamp = _pointer_mtime()
        if stamp != cls._pointer_stamp:
            with cls._lock:
                opened = _backend.open_current()
                if opened:
                    opened.corrector = SpellingCorrector(opened.word_counts)
                cls._opened, cls._pointer_stamp = opened, stamp
        return cls._opened


def _pointer_mtime() -> tuple[str, int] | None:
    pointer = _backend.index_root() / "CURRENT"
    try:
        return str(pointer), pointer.stat().st_mtime_ns
    except FileNotFoundError:
        return None
