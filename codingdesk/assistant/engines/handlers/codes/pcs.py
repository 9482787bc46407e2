"""ICD-10-PCS codes for a procedure: walk the table the search lands in. A
PCS code is built axis by axis (body part, approach, device, qualifier), so
the answer keeps the codes of the table whose axis values the question
names, and asks about each axis still open; it names a single code only
when the question has fixed every axis (ICD-10-PCS guidelines A.4-A.5: the
code is built from the table, never from the index alone)."""

from __future__ import annotations

import re

from codingdesk.codesets.models import Code

from ...base import Answer, AnswerKind, Question
from ._shared import LIST_LIMIT, _link, _mention, _page_citation, _search_citation, _title, _why
from .lookup import _axes_lines
from .ranking import _rewritten_to


BODY_PART, APPROACH, DEVICE, QUALIFIER = 4, 5, 6, 7
ASKED_AXES = (BODY_PART, APPROACH, DEVICE, QUALIFIER)
SIDE = re.compile(r"\b(right|left|bilateral)\b", re.I)
# How operative notes and coders name an axis value that the tables spell
# differently (approach definitions, ICD-10-PCS guideline B5.2).
VALUE_SYNONYMS: dict[int, list[tuple[re.Pattern, str]]] = {
    APPROACH: [
        (re.compile(r"\babdominal hysterectom\w*|\btah\b", re.I), "open"),
        (re.compile(r"\b(laparoscop\w*|arthroscop\w*|thoracoscop\w*|mediastinoscop\w*|robotic\w*)\b", re.I),
         "percutaneous endoscopic"),
        (re.compile(r"\b(colonoscop\w*|sigmoidoscop\w*|esophagogastroduodenoscop\w*|egd|cystoscop\w*|"
                    r"bronchoscop\w*|ureteroscop\w*|hysteroscop\w*)\b", re.I),
         "via natural or artificial opening endoscopic"),
    ],
    # The sixth character is the device (or, in Administration, the substance).
    DEVICE: [
        (re.compile(r"\bmesh\b", re.I), "synthetic substitute"),
        (re.compile(r"\bmetal[- ]on[- ]poly\w*\b", re.I), "synthetic substitute, metal on polyethylene"),
        (re.compile(r"\bceramic[- ]on[- ]poly\w*\b", re.I), "synthetic substitute, ceramic on polyethylene"),
        (re.compile(r"\b(?:packed (?:red )?(?:blood )?cells|p?rbcs?|red cells)\b", re.I), "red blood cells"),
    ],
    QUALIFIER: [(re.compile(r"\bbiops\w*\b", re.I), "diagnostic")],
}
# Qualifiers assigned only when the record says so: the diagnostic qualifier
# for a biopsy (guideline B3.4a), a hand-assisted laparoscopy, a bifurcation
# of the vessel treated, a supracervical (not total) hysterectomy.
# Unnamed, the code without them is the one to report.
DOCUMENTED_ONLY = {"diagnostic", "hand-assisted", "bifurcation", "supracervical"}
# A total hysterectomy removes the uterus and the cervix: two body-part values
# of one root operation, each coded (ICD-10-PCS guideline B3.2a).
TOTAL_HYSTERECTOMY = re.compile(r"\btotal\b(?:\s+\w+){0,2}\s+hysterectom\w*|\bt[alv]h\b|\bcervix\b", re.I)
UTERUS_RESECTION, CERVIX_RESECTION = "0UT9", "0UTC"
HOURS = re.compile(r"\b(\d+)\s*(?:consecutive\s+)?(?:hours?|hrs?)\b", re.I)


def pcs_answer(query: str, result, code: Code, question: Question) -> Answer:
    candidates = _table_candidates(code)
    # The search's reading of the surgeon's words names axis values too: "ORIF"
    # is an open reposition with an internal fixation device.
    read = " ".join([query, *_rewritten_to(result)])
    chosen = _without_undocumented(read, _named_candidates(read, candidates))
    if len(chosen) == 1:
        return _single_code_answer(query, result, chosen[0])
    open_axes = _open_axes(chosen or candidates)
    if not open_axes:  # the codes left differ in no asked axis: the search's own pick stands
        return _single_code_answer(query, result, code)
    return _ask_answer(query, result, code, chosen or candidates, open_axes)


def _table_candidates(code: Code) -> list[Code]:
    """The codes of the code's table for the same body part, whatever its side."""
    body_part = _side_free(_axis(code, BODY_PART))
    table = Code.objects.filter(release=code.release, normalized__startswith=code.normalized[:3], billable=True)
    return [other for other in table.order_by("sort_order") if _side_free(_axis(other, BODY_PART)) == body_part]


def _named_candidates(query: str, candidates: list[Code]) -> list[Code]:
    """The candidates left after keeping, on each axis the query names a value
    of, the codes with the most specific value it names."""
    words = set(re.findall(r"[a-z0-9]+", query.lower()))
    kept = candidates
    for position in ASKED_AXES:
        named = {label: len(label.split()) for label in {_axis(other, position) for other in kept}
                 if _names(query, words, position, label)}
        if named:
            best = max(named.values())
            kept = [other for other in kept if named.get(_axis(other, position)) == best]
    return kept


def _without_undocumented(query: str, candidates: list[Code]) -> list[Code]:
    words = set(re.findall(r"[a-z0-9]+", query.lower()))
    plain = [other for other in candidates
             if _axis(other, QUALIFIER).lower() not in DOCUMENTED_ONLY or _names(query, words, QUALIFIER,
                                                                                 _axis(other, QUALIFIER))]
    return plain or candidates


def _names(query: str, words: set[str], position: int, label: str) -> bool:
    lowered = label.lower()
    if position == BODY_PART:
        sides = set(SIDE.findall(lowered))
        return bool(sides) and sides <= set(SIDE.findall(query.lower()))
    if any(pattern.search(query) and lowered == value for pattern, value in VALUE_SYNONYMS.get(position, [])):
        return True
    if _hours_within(query, lowered):
        return True
    # "Synthetic Substitute, Metal on Polyethylene": the parts after the
    # first name the kind, and a question names the kind ("metal on polyethylene").
    parts = [set(re.findall(r"[a-z0-9]+", part)) - {"no", "device", "qualifier"} for part in lowered.split(",")]
    specific = set().union(*parts[1:]) if len(parts) > 1 else parts[0]
    return bool(specific) and specific <= words


def _hours_within(query: str, label: str) -> bool:
    """A duration in hours ("72 hours") names the duration value whose range
    holds it ("24-96 Consecutive Hours", "Greater than 96 ...")."""
    asked = HOURS.search(query)
    if asked is None or "hours" not in label:
        return False
    hours = int(asked[1])
    if match := re.search(r"(\d+)-(\d+)", label):
        return int(match[1]) <= hours <= int(match[2])
    if match := re.search(r"less than (\d+)", label):
        return hours < int(match[1])
    if match := re.search(r"greater than (\d+)", label):
        return hours > int(match[1])
    return False


def _open_axes(codes: list[Code]) -> list[str]:
    asked = []
    for position in ASKED_AXES:
        options = sorted({f"{other.normalized[position - 1]} {_axis(other, position)}" for other in codes})
        if len(options) > 1:
            title = next(axis[1] for axis in codes[0].details["axes"] if axis[0] == position)
            asked.append(f"Which {title.lower()}: {', '.join(options)}?")
    return asked


def _single_code_answer(query: str, result, code: Code) -> Answer:
    lines = [f"{_link(code)}: {_title(code)}", f"\nMatched: {_why(result)}; the table's other axes as named.",
             *_axes_lines(code)]
    answer = Answer(markdown="", citations=[_search_citation(query, result), _page_citation(code)],
                    codes=[_mention(code)])
    companion = _hysterectomy_companion(query, code)
    if companion is not None:
        lines.append(f"\nA total hysterectomy removes the cervix as well as the uterus, and each body part is coded "
                     f"(ICD-10-PCS guideline B3.2a): report also {_link(companion)}: {_title(companion)}.")
        answer.codes.append(_mention(companion))
        answer.citations.append(_page_citation(companion))
    answer.markdown = "\n".join(lines)
    return answer


def _hysterectomy_companion(query: str, code: Code) -> Code | None:
    """For a total hysterectomy coded as a resection of the uterus, the
    resection of the cervix by the same approach (and the other way round)."""
    prefix = code.normalized[:4]
    if prefix not in (UTERUS_RESECTION, CERVIX_RESECTION) or not TOTAL_HYSTERECTOMY.search(query):
        return None
    other = CERVIX_RESECTION if prefix == UTERUS_RESECTION else UTERUS_RESECTION
    return Code.objects.filter(release=code.release, normalized=f"{other}{code.normalized[4]}ZZ").first()


def _ask_answer(query: str, result, code: Code, candidates: list[Code], open_axes: list[str]) -> Answer:
    answer = Answer(markdown="", kind=AnswerKind.ASK, follow_up_questions=open_axes,
                    citations=[_search_citation(query, result)])
    lines = [f"“{query}” points to ICD-10-PCS table {code.normalized[:3]}; the code depends on:"]
    lines += [f"- {asked}" for asked in open_axes]
    lines += ["", f"Candidates in the table (matched: {_why(result)}):"]
    for other in candidates[:LIST_LIMIT]:
        lines.append(f"- {_link(other)}: {_title(other)}")
        answer.codes.append(_mention(other))
        answer.citations.append(_page_citation(other))
    answer.markdown = "\n".join(lines)
    return answer


def _axis(code: Code, position: int) -> str:
    return next((label for pos, _, _, label in code.details.get("axes", []) if pos == position), "")


def _side_free(label: str) -> str:
    return re.sub(r"[\s,]+", " ", SIDE.sub(" ", label.lower())).strip()
