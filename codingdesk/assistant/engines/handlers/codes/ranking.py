"""Which search results a code-for answer may name. The search ranks by the
words of the query, so a close result can contradict what the question
states: the right knee for the left, type 1 for type 2, stage 3a for 3b,
"with hematuria" for "without". Such a result is never offered as the code
or an alternative; nor is an "unspecified" code of the same category when
the question documents more (guideline I.B.18: unspecified codes only when
the record supports nothing more specific). Results that assume what the
question does not say (an injury, a fracture pattern, a "with" condition,
a part or accessory of the item asked for) come after those that do not."""

from __future__ import annotations

import re


# Axes of the classification whose values exclude one another. Within an
# axis, compound values come first: "acute on chronic" is read before
# "acute" and "chronic", "nondisplaced" before "displaced".
AXES: dict[str, list[str]] = {
    "side": [r"\bbilateral\b", r"\bleft\b", r"\bright\b"],
    "diabetes type": [r"\btype (?:1|i|one)\b", r"\btype (?:2|ii|two)\b"],
    "acuity": [r"\bacute on chronic\b", r"\bacute\b", r"\bchronic\b"],
    "with": [r"\bwithout\b", r"\bwith\b"],
    "encounter": [r"\binitial\b", r"\bsubsequent\b", r"\bsequela\b"],
    "stage": [r"\bstage (?:3a|3 a)\b", r"\bstage (?:3b|3 b)\b", r"\bstage 1\b", r"\bstage 2\b", r"\bstage 3\b",
              r"\bstage 4\b", r"\bstage 5\b", r"\bend stage\b", r"\bunstageable\b"],
    "severity": [r"\bmild\b", r"\bmoderate\b", r"\bsevere\b"],
    "episode": [r"\bsingle episode\b", r"\brecurrent\b"],
    "course": [r"\buncomplicated\b", r"\bin remission\b"],
    "displacement": [r"\bnondisplaced\b|\bnon-displaced\b", r"\bdisplaced\b"],
    "fracture skin": [r"\bclosed\b", r"\bopen\b"],
}
# Detail a title may add that a question does not state: when the question
# names none of it, a code without it (the unspecified type, as guideline
# I.B.18 directs) comes before codes that assume one.
FRACTURE_PATTERN = re.compile(r"\b(transverse|oblique|spiral|comminuted|segmental|greenstick|torus|buckle|"
                              r"avulsion|butterfly|stress)\b", re.I)
# (detail in a title, the question's words that state it). A "with"
# condition (a complication, a manifestation) is coded only when documented;
# two conditions joined by "and" state it, since "with" presumes the link
# between them (guideline I.A.15).
UNSTATED_DETAIL = [
    (FRACTURE_PATTERN, FRACTURE_PATTERN),
    (re.compile(r"\bwith\b", re.I), re.compile(r"\b(with|and|due to|in)\b", re.I)),
]
# Chapter 19 (S00-S99) codes injuries; a question that names no injury is
# not about one, however many words of an injury title it shares.
INJURY_WORDS = re.compile(
    r"\b(injur\w*|fractur\w*|broken|break|sprain\w*|strain\w*|lacerat\w*|cut|contusion|bruis\w*|abrasion|"
    r"burn\w*|wound\w*|bite|dislocat\w*|concussion|crush\w*|amputat\w*|puncture|blister|foreign body|trauma\w*)\b",
    re.I,
)
# A HCPCS title for a part of an item, not the item: "Replacement, tip, cane".
ITEM_PART = re.compile(r"\b(replacement|accessory|accessories|addition|repair|supplies|supply)\b", re.I)
STOPWORDS = frozenset("a an and of the to in on for with without by due".split())
NEWBORN_WORDS = re.compile(r"\b(newborn|neonat\w*|perinatal|infant|nb|nicu)\b", re.I)
PREGNANCY_WORDS = re.compile(r"\b(pregnan\w*|obstetric\w*|gestation\w*|trimester|postpartum|puerper\w*|"
                             r"delivery|labou?r|antepartum|peripartum|ob|g\d+p\d+)\b", re.I)
DIALYSIS = re.compile(r"\b(?:hemo|peritoneal )?dialysis\b", re.I)
END_STAGE = r"\bend stage\b"
NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])")
NUMERIC_RANGE = re.compile(r"\b(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\b")
INCLUSION_TERM = "inclusion term:"
REWRITE = re.compile(r"^.+? (?:→|=) (?P<means>.+?) \((?:procedure|synonym|eponym|abbreviation|neoplasm)\)$")
UNSPECIFIED = re.compile(r"\b(unspecified|NOS)\b", re.I)


def axis_values(text: str) -> dict[str, set[str]]:
    """The values ``text`` names on each axis, as the patterns that match."""
    found: dict[str, set[str]] = {}
    for axis, patterns in AXES.items():
        rest = text.lower()
        for pattern in patterns:
            if re.search(pattern, rest):
                found.setdefault(axis, set()).add(pattern)
                rest = re.sub(pattern, " ", rest)
    return found


def contradicts(query: str, title: str) -> bool:
    """Whether the title names only other values than the query on some axis."""
    asked, named = _asked_values(query), axis_values(title)
    return any(axis in named and not (values & named[axis]) for axis, values in asked.items())


def _asked_values(query: str) -> dict[str, set[str]]:
    """The query's axis values. CKD on chronic dialysis is end stage renal
    disease whatever stage is written (N18.6 inclusion term), and a stage
    documented with ESRD is coded N18.6 only (guideline I.C.14.a.1)."""
    asked = axis_values(query)
    if DIALYSIS.search(query):
        asked["stage"] = {END_STAGE}
    return asked


def _words_covered_by_names(query: str, result) -> int:
    """Words covered by the title or by the inclusion term the search matched:
    an inclusion term is the tabular's own other name for the code ("Opioid
    use disorder, moderate" at F11.20)."""
    query = " ".join([query, *_rewritten_to(result)])
    return max([_words_covered(query, result.title), *(_words_covered(query, term) for term in _matched_terms(result))])


def _rewritten_to(result) -> list[str]:
    """The code-set words the search read the query's words as ("total
    abdominal hysterectomy → resection uterus open (procedure)")."""
    rewrites = [REWRITE.match(reason) for reason in result.matched]
    return [match["means"] for match in rewrites if match]


def _matched_terms(result) -> list[str]:
    return [reason.split(":", 1)[1] for reason in result.matched if reason.startswith(INCLUSION_TERM)]


def _words_covered(query: str, title: str) -> int:
    """How many words of the query the title holds (by their first six
    letters: "hypertension" and "hypertensive"). A combination code covers
    both conditions it combines and comes first (guideline I.B.9)."""
    stems = {word[:6] for word in re.findall(r"[a-z0-9]+", title.lower())}
    return sum(word[:6] in stems for word in set(re.findall(r"[a-z0-9]+", query.lower())) if word not in STOPWORDS)


def _unasked_part(query: str, result) -> bool:
    return result.system == "hcpcs" and bool(ITEM_PART.search(result.title)) and not ITEM_PART.search(query)


def _range_fit(query: str, title: str) -> int:
    """0 when the title's numeric range holds the number the query gives
    ("BMI 42": "Body mass index [BMI] 40.0-44.9, adult"), 2 when it names a
    range that does not, 1 otherwise (or when the query gives no number)."""
    numbers = [float(number) for number in NUMBER.findall(query)]
    ranges = [(float(low), float(high)) for low, high in NUMERIC_RANGE.findall(title)]
    if not numbers or not ranges:
        return 1
    return 0 if any(low <= number <= high for number in numbers for low, high in ranges) else 2


def _unasked_population(query: str, result) -> bool:
    """A perinatal (P) or obstetric (O) code for a question that names no
    newborn or pregnancy: those chapters are for those patients only
    (guidelines I.C.15.a, I.C.16.a)."""
    if result.system != "icd10cm":
        return False
    if result.code.startswith("P"):
        return not NEWBORN_WORDS.search(query)
    return result.code.startswith("O") and not PREGNANCY_WORDS.search(query)


def _unasked_injury(query: str, result) -> bool:
    return result.system == "icd10cm" and result.code.startswith("S") and not INJURY_WORDS.search(query)


def _assumes_detail(query: str, result) -> bool:
    """ICD-10-CM conventions: in a PCS title "with" names the device."""
    asked = " ".join([query, *_rewritten_to(result)])  # "COPD exac" is read "... with acute exacerbation"
    return result.system == "icd10cm" and any(
        in_title.search(result.title) and not stated.search(asked) for in_title, stated in UNSTATED_DETAIL
    )


def results_consistent(query: str, results: list) -> list:
    """The results that contradict nothing the query states, best first, and
    without the unspecified codes of the best one's category when it is
    specific; all of them when every result contradicts the query (then the
    answer still shows what the search found)."""
    kept = [result for result in results
            if not any(contradicts(query, name) for name in [result.title, *_matched_terms(result)])]
    if not kept:
        return results
    kept.sort(key=lambda result: (_range_fit(query, result.title), _unasked_injury(query, result),
                                  _unasked_population(query, result),
                                  _assumes_detail(query, result),
                                  _unasked_part(query, result), -_words_covered_by_names(query, result)))
    top = kept[0]
    if UNSPECIFIED.search(top.title) or UNSPECIFIED.search(query):
        return kept
    return [top] + [
        result for result in kept[1:]
        if not (UNSPECIFIED.search(result.title) and result.code[:3] == top.code[:3])
    ]
