"""Every condition a code-for question names gets a code. "AKI on CKD 3b",
"COPD with pneumonia", "afib, pt on Coumadin": the search ranks codes for
the question as a whole, so the best matches can all describe one of its
conditions. Guideline I.B.9 allows one code for two conditions only when a
combination code names both; otherwise each condition is coded, and the
"use additional code" notes ask for the infection (J44.0), the type of heart
failure (I13.0) and so on. Long-term drug use ("on Coumadin") is a Z79 code
(guideline I.C.21.c.3), added to the condition."""

from __future__ import annotations

import re

from codingdesk import search
from codingdesk.codesets.models import CodeSystem

from ...base import Question
from codingdesk.search._vocabulary import DRUG_KIND, rewrite_words

from .ranking import DRUG_EVENT, STOPWORDS, _matched_terms, _rewritten_to, results_consistent

# Words that join two conditions in chart phrasing. "due to" is left out: it
# names a cause, which the search and the combination codes read together.
JOINS = re.compile(r"\s*(?:,|;|\bon\b|\bwith\b|\band\b|\bplus\b|\balso\b|\bhas\b)\s*", re.I)
# Parts that state a detail of a condition, not a condition: the encounter,
# a negation ("no coma", "organism not specified"), the patient, the weeks.
DETAIL = re.compile(r"\b(?:no|not|without|unspecified|denies|initial|subsequent|sequela|encounter|visit|"
                    r"patient|weeks?|years?|old|yo|male|female|documented|specified|prescribed|taking|taken)\b", re.I)
# An adverse effect is coded with its nature first, then the T36-T50 code of
# the drug (guideline I.C.19.e.5.a): "hypokalemia due to furosemide".
ADVERSE_EFFECT = re.compile(r"^T(?:3[6-9]|4\d|50)\.\w{2}5")
SECONDARY_NEOPLASM = re.compile(r"^C7[7-9]\.")
CAUSE = re.compile(r"\s*(?:\bdue to\b|\bfrom\b|\bcaused by\b|\bsecondary to\b)\s*", re.I)
# "on Coumadin", "on long-term insulin": a drug the patient takes.
ON_DRUG = re.compile(r"\bon\s+(?:long[- ]term\s+)?([a-z][a-z-]{3,})\b", re.I)
DRUG_REWRITE = re.compile(r"\((?:drug class|brand name)\)$")
# A part's own best code is added only when it holds most of the part's words.
MIN_COVERAGE = 0.6
# A burn's extent: T31 (burns) classifies the total body surface burned and
# the part of it that is third degree, by tens of percent; it is added to the
# site codes when the TBSA is documented (guideline I.C.19.d.6).
BURN_SITE = re.compile(r"^T2[0-5]\.")
TBSA = re.compile(r"\b(\d{1,3})\s*%\s*(?:tbsa|total body surface|of (?:the )?(?:total )?body surface|total|bsa)", re.I)
THIRD_DEGREE = re.compile(r"\b(\d{1,3})\s*%\s*(?:3rd|third)[- ]degree|(?:3rd|third)[- ]degree\D{0,12}(\d{1,3})\s*%",
                          re.I)
MAX_ADDED = 2
MEDICATION_LIST = re.compile(r"\bon\s+(?:long[- ]term\s+)?(?P<drugs>[a-z][a-z0-9 ,&-]*)$", re.I)
# Title words that state no detail of their own.
GENERIC = frozenset("unspecified organism site not specified nos other initial encounter".split())


def with_other_conditions(query: str, shown: list, question: Question) -> list:
    """``shown`` (the best matches for the whole query), then a code for each
    condition of the query that no shown code's category covers."""
    if not shown or shown[0].system != CodeSystem.ICD10CM:
        return shown
    added = []
    categories = {result.code[:3] for result in shown}
    adverse = bool(ADVERSE_EFFECT.match(shown[0].code))
    # "liver mets from colon cancer": the primary a metastasis came from is a
    # condition of its own, coded while it is present (guideline I.C.2.d).
    metastasis = bool(SECONDARY_NEOPLASM.match(shown[0].code))
    parts = _condition_parts(CAUSE.sub(", ", query) if adverse or metastasis else query)
    for index, part in enumerate(parts):
        if len(added) >= MAX_ADDED or _covered(part, shown[0]):
            continue
        combined = _combination_for(parts[0], part, shown, question) if index else None
        if combined is not None:
            added.append(combined)
            continue
        best = _best_for(part, question)
        if best is None or any(_covered(means, shown[0]) for means in _rewritten_to(best)):
            continue  # "HTN" is read "hypertension", which the combination code names
        if best.code[:3] not in categories and not _integral_symptom(best.code, shown[0].code):
            added.append(best)
            categories.add(best.code[:3])
    if adverse:
        return [*added, *shown]
    extent = _burn_extent(query, shown, question)
    if extent is not None:
        added.append(extent)
    drug_use = _long_term_use(query, question)
    if drug_use is not None and drug_use.code[:3] not in categories:
        added.append(drug_use)
    return [*shown, *added]


# Guideline I.B.5: a sign or symptom routinely associated with a disease is not
# coded beside it ("URI and cough"). Chapter 18's blocks name the body system
# their symptoms belong to; a symptom of the system the diagnosis is in is read
# as integral to it. One of another system is coded (guideline I.B.6).
SYMPTOM_SYSTEMS = (("R0", "IJ"), ("R1", "K"), ("R2", "GLM"), ("R3", "N"))


def _integral_symptom(code: str, diagnosis: str) -> bool:
    return any(code.startswith(block) and diagnosis[:1] in chapters for block, chapters in SYMPTOM_SYSTEMS)


def _condition_parts(query: str) -> list[str]:
    parts = [part.strip() for part in JOINS.split(query) if part and part.strip()]
    if len(parts) < 2:
        return []
    return [part for part in parts if _content_words(part) and not DETAIL.search(part)]


def _content_words(text: str) -> list[str]:
    return [word for word in re.findall(r"[a-z0-9]+", text.lower()) if word not in STOPWORDS and len(word) > 2]


def _covered(part: str, top) -> bool:
    """Whether the top code's title holds every word of the part (by its
    first six letters), or of what the search read the part as."""
    # The inclusion term the search matched is the tabular's own wording for the code
    # (O21.1: "... with metabolic disturbance such as dehydration").
    names = " ".join([top.title, *_matched_terms(top)])
    stems = {word[:6] for word in re.findall(r"[a-z0-9]+", names.lower())}
    words = _content_words(part)
    return all(word[:6] in stems for word in words)


def _combination_for(first: str, part: str, shown: list, question: Question):
    """A code of the first condition's category that names the part with it
    ("type 2 diabetes mellitus with neuropathy": E11.40): the classification
    links conditions joined by "with" (guideline I.A.15) in combination codes."""
    best = _best_for(f"{first} with {part}", question)
    if best is None or best.code[:3] != shown[0].code[:3] or best.code in {result.code for result in shown}:
        return None
    return best if _covered(part, best) else None


def _best_for(part: str, question: Question):
    results = search.search(part, system=CodeSystem.ICD10CM, as_of=question.as_of, limit=25).results
    results = [result for result in results if result.billable]
    if not results:
        return None
    best = results_consistent(part, results)[0]
    if best.coverage < MIN_COVERAGE or _adds_detail(part, best):
        return None
    # The part's words must be read as a condition: a drug alone is no condition ("Coumadin").
    if any(DRUG_REWRITE.search(reason) for reason in best.matched) and not best.code.startswith("Z79"):
        return None
    return best


def _adds_detail(part: str, best) -> bool:
    """The title states more than the part does ("HTN": "Resistant
    hypertension", "neuropathy": "Intercostal neuropathy"); words in
    parentheses are nonessential modifiers (convention I.A.7) and
    "unspecified" is no detail."""
    stated = " ".join([part, *_rewritten_to(best), *_matched_terms(best)])
    stems = {word[:6] for word in re.findall(r"[a-z0-9]+", stated.lower())}
    title = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", best.title.lower())
    extra = [word for word in re.findall(r"[a-z0-9]+", title)
             if word not in STOPWORDS and word not in GENERIC and word[:6] not in stems]
    return bool(extra)


def without_medications(query: str) -> str:
    """The query without a closing list of drugs the patient is on ("HTN on
    lisinopril and amlodipine"): searched with the condition, the drug names
    fill the results with their T36-T50 codes, which are for a poisoning,
    adverse effect or underdosing only (guideline I.C.19.e.5)."""
    match = MEDICATION_LIST.search(query)
    if match is None or not _content_words(query[:match.start()]) or DRUG_EVENT.search(query):
        return query
    names = [name for name in re.split(r"\s*(?:,|\band\b|&)\s*", match["drugs"].strip()) if name]
    if not names or not all(_is_drug(name) for name in names):
        return query
    return query[:match.start()].strip(" ,;")


def _is_drug(name: str) -> bool:
    _, rewrites = rewrite_words(name.lower().split(), procedures=False)
    return bool(rewrites) and all(rewrite.kind == DRUG_KIND for rewrite in rewrites)


def _long_term_use(query: str, question: Question):
    """The Z79 code for a drug the patient is "on", when the search reads the
    word as a drug (a class or a brand name)."""
    for match in ON_DRUG.finditer(query):
        found = search.search(f"long term use of {match[1]}", system=CodeSystem.ICD10CM, as_of=question.as_of,
                              limit=3).results
        top = found[0] if found else None
        if top is None or not top.code.startswith("Z79") or top.coverage < 0.99:
            continue
        word = match[1].lower()
        # The drug is named in the title ("insulin") or the search read it as a drug class ("coumadin").
        if word[:6] in top.title.lower() or any(DRUG_REWRITE.search(reason) and reason.lower().startswith(word)
                                                for reason in top.matched):
            return top
    return None


def _burn_extent(query: str, shown: list, question: Question):
    """The T31 code for the TBSA the question gives, after a burn site code."""
    total = TBSA.search(query)
    if total is None or not any(BURN_SITE.match(result.code) for result in shown):
        return None
    third = THIRD_DEGREE.search(query)
    tbsa, deep = min(int(total[1]), 99), min(int(next(filter(None, third.groups())) if third else 0), 99)
    if tbsa < 10:
        code, words = "T31.0", "burns involving less than 10% of body surface"
    else:
        tens, deep_tens = tbsa // 10, min(deep // 10, tbsa // 10)
        code = f"T31.{tens}{deep_tens}"
        words = f"burns involving {tens}0-{tens}9% of body surface with {deep_tens}0% third degree burns"
    found = search.search(words, system=CodeSystem.ICD10CM, as_of=question.as_of, limit=10).results
    return next((result for result in found if result.code == code), None)
