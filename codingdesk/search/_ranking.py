"""Orders tantivy's candidates the way a coder would choose among them.

BM25 finds candidates; this decides. A candidate gains for each query word
its title or terms contain and for being billable, and loses for each title
word the query never asked for, except the words of a default code
("unspecified", "without"...). So an under-specified query lands on the
unspecified code the Alphabetic Index leads to, and a detailed one on the
code that names every detail.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._query import AnalyzedQuery
from ._text import content_stems, normalize_text

COVERAGE_WEIGHT = 4.0
TITLE_COVERAGE_WEIGHT = 1.0
EXTRA_WORD_PENALTY = 0.3
BILLABLE_BONUS = 1.2
BM25_WEIGHT = 0.5
ENCOUNTER_BONUS = 0.6
LATER_ENCOUNTER_DEFAULT_PENALTY = 0.3
SYSTEM_INTENT_BONUS = 0.5
# A PCS code is defined by its root operation first (ICD-10-PCS guideline
# B3.1a): when the query names one, a code of another operation does not fit,
# however many body-part words it shares ("resection uterus ... uterus and
# cervix" is not an Inspection of Uterus and Cervix).
OTHER_OPERATION_PENALTY = 1.5
# Enough to put the Index's default for a condition named alone first.
INDEX_DEFAULT_BONUS = 3.0
# HCPCS titles put the item first ("Cane, includes canes of all materials ...",
# "Replacement, tip, cane, ..."): a title whose head the query names is that
# item, not a part or accessory of it.
HCPCS_HEAD_BONUS = 1.2
ROOT_OPERATIONS = frozenset(
    "alteration bypass change control creation destruction detachment dilation division drainage excision "
    "extirpation extraction fragmentation fusion insertion inspection map occlusion reattachment release "
    "removal repair replacement reposition resection restriction revision supplement transfer transplantation "
    "introduction irrigation administration transfusion".split()
)
PROCEDURE_SYSTEMS = {"icd10pcs", "hcpcs", "cpt"}
# Fracture codes spread each encounter over several characters (A-C initial,
# D-R subsequent); the other words of the query pick among them.
ENCOUNTER_CHARACTERS = {"A": "ABC", "D": "DEFGHJKMNPQR", "S": "S"}


@dataclass
class Candidate:
    code_id: int
    code: str
    system: str
    title: str
    terms: str
    billable: bool
    seventh: str
    title_stems: frozenset[str]
    terms_stems: frozenset[str]
    detail_stems: frozenset[str]
    sort_order: int
    bm25: float
    score: float = 0.0
    coverage: float = 0.0
    matched: tuple[str, ...] = ()


def rank(candidates: list[Candidate], query: AnalyzedQuery, limit: int) -> list[Candidate]:
    """The best ``limit`` candidates, each with the reasons it matched."""
    wanted = content_stems(" ".join(query.search_words))
    if not wanted or not candidates:
        return candidates[:limit]
    top_bm25 = max(candidate.bm25 for candidate in candidates) or 1.0
    for candidate in candidates:
        candidate.score = _score(candidate, wanted, query, top_bm25)
    best = sorted(candidates, key=lambda candidate: (-candidate.score, candidate.sort_order))[:limit]
    for candidate in best:
        candidate.matched = tuple(query.reasons) + _own_reasons(candidate, wanted) + _index_reason(candidate, query)
    return best


def _score(candidate: Candidate, wanted: set[str], query: AnalyzedQuery, top_bm25: float) -> float:
    title = _with_drug_names(candidate.title_stems, query)
    found = title | _with_drug_names(candidate.terms_stems, query)
    coverage = len(wanted & found) / len(wanted)
    candidate.coverage = coverage
    title_coverage = len(wanted & title) / len(wanted)
    extra_words = len(candidate.detail_stems - wanted)
    score = (
        COVERAGE_WEIGHT * coverage
        + TITLE_COVERAGE_WEIGHT * title_coverage
        - EXTRA_WORD_PENALTY * extra_words
        + BM25_WEIGHT * candidate.bm25 / top_bm25
    )
    if candidate.billable:
        score += BILLABLE_BONUS
    if candidate.seventh:
        score += _seventh_character_bonus(candidate.seventh, query.encounter)
    if (candidate.system in PROCEDURE_SYSTEMS) == query.wants_procedure:
        score += SYSTEM_INTENT_BONUS
    if candidate.system == "icd10pcs" and _other_operation(candidate.title, wanted):
        score -= OTHER_OPERATION_PENALTY
    if candidate.system == "hcpcs" and _head_named(candidate.title, wanted):
        score += HCPCS_HEAD_BONUS
    if query.index_default and candidate.system == "icd10cm" and normalize_text(candidate.code) == query.index_default:
        score += INDEX_DEFAULT_BONUS
    return score


def _other_operation(title: str, wanted: set[str]) -> bool:
    """The query names a root operation and the code's title is of another."""
    asked = wanted & ROOT_OPERATIONS
    operation = title.split(" ", 1)[0].lower()
    return bool(asked) and operation in ROOT_OPERATIONS and operation not in asked


def _with_drug_names(stems: frozenset[str], query: AnalyzedQuery) -> frozenset[str]:
    """A title naming the drug itself holds the drug class words the query was
    rewritten into: "ondansetron" in a HCPCS title counts as "antiemetic drugs"."""
    for typed, means in query.literal_drugs:
        if content_stems(typed) <= stems:
            stems = stems | content_stems(means)
    return stems


def _seventh_character_bonus(seventh: str, encounter: str) -> float:
    if encounter:
        return ENCOUNTER_BONUS if seventh in ENCOUNTER_CHARACTERS[encounter] else 0.0
    # With no encounter named, a coder codes the active treatment: initial
    # (A). The other characters step back; A gains nothing over codes
    # without a 7th character.
    return 0.0 if seventh == "A" else -LATER_ENCOUNTER_DEFAULT_PENALTY


def _index_reason(candidate: Candidate, query: AnalyzedQuery) -> tuple[str, ...]:
    if query.index_default and normalize_text(candidate.code) == query.index_default:
        return ("the Alphabetic Index's default for this term",)
    return ()


def _own_reasons(candidate: Candidate, wanted: set[str]) -> tuple[str, ...]:
    """Name the inclusion term that matched when the title alone did not."""
    if wanted <= candidate.title_stems or not candidate.terms:
        return ()
    best = max(candidate.terms.split(" ; "), key=lambda term: len(wanted & content_stems(term)))
    return (f"inclusion term: {best}",) if wanted & content_stems(best) else ()


def _head_named(title: str, wanted: set[str]) -> bool:
    head = content_stems(title.split(",", 1)[0])
    return bool(head) and head <= wanted

