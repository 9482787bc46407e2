"""Which code fits a condition, procedure or supply: "code for hives",
"PCS code for laparoscopic appendectomy", "HCPCS code for CPAP device".
Answered from the search index; when the question leaves out detail the
code depends on, the answer asks for it before naming a final code."""

from __future__ import annotations

import re

from codingdesk import search
from codingdesk.codesets import selectors
from codingdesk.codesets.models import Code, CodeSystem, NoteKind
from codingdesk.lib.codes import normalize_code

from ...base import Answer, AnswerKind, Question
from ._shared import (
    LIST_LIMIT,
    _hinted_system,
    _link,
    _mention,
    _notes_lines,
    _page_citation,
    _code_tokens,
    _find,
    _search_citation,
    _title,
    _why,
)
from .conditions import with_other_conditions, without_medications
from .code_request import CodeRequest, bare_description, code_request
from .drugs import drug_named, hcpcs_drug_results, route_named
from .pcs import pcs_answer
from .ranking import results_consistent
from .shorthand import expand_shorthand
from .uncertain import add_uncertain_note, split_uncertain
from .units import units_line


FRACTURE = re.compile(r"\b(broken|fracture[sd]?|break)\b", re.I)
LATERALITY = re.compile(r"\b(left|right|bilateral)\b", re.I)
DISPLACEMENT = re.compile(r"\b(displaced|nondisplaced|non-displaced)\b", re.I)
OPEN_CLOSED = re.compile(r"\b(open|closed)\b", re.I)
ENCOUNTER = re.compile(r"\b(initial|subsequent|sequela|follow[- ]?up)\b", re.I)
DIABETES = re.compile(r"\b(diabetes|diabetic|dm|t1dm|t2dm)\b", re.I)
DIABETES_TYPE = re.compile(r"\b(type\s*(1|2|i|ii|one|two)|t1dm|t2dm|gestational|secondary|due to)\b", re.I)
PRESSURE_ULCER = re.compile(r"\b(pressure (ulcer|injury|sore)|bed ?sore|decubitus)\b", re.I)
ULCER_STAGE = re.compile(r"\b(stage\s*[1-4]|unstageable|deep tissue)\b", re.I)
ULCER_SITE = re.compile(r"\b(sacral|sacrum|heel|hip|elbow|buttock|ankle|back|head)\b", re.I)
INJURY_CODE = re.compile(r"^[ST]\d")
EXTERNAL_CAUSE = re.compile(r"^[V-Y]\d")
# A code system named anywhere in the question ("Toradol 60 mg IM - J code and
# how many units?"), when the request's own words name none.
NAMED_SYSTEM = re.compile(r"\b(j[- ]?codes?|hcpcs|icd[- ]?10[- ]?pcs|pcs|cpt)\b", re.I)
WEEKS_PREGNANT = re.compile(r"\b(\d{1,2})\s*(?:weeks?|wks?)\b", re.I)
# A bare description is read as "code for" only when the best code holds
# many of its words: "who won the super bowl" holds few of any title's. Two
# conditions in one line ("sepsis due to E coli UTI") are split over two codes.
BARE_MIN_COVERAGE = 0.35
BARE_RESULTS_READ = 5
FIRST_CONDITION = re.compile(r"\s*(?:,|;|\bon\b)\s*", re.I)
# Results read from the search for ranking.results_consistent to choose from.
RERANKED = 25
# Reasons for an encounter and patient status are Z codes (ICD-10-CM chapter
# 21), even when the words name a procedure ("screening colonoscopy").
Z_CODE_WORDS = re.compile(r"^(encounter for|history of|personal history|family history|status post)\b|"
                          r"\b(long[- ]term \(?current\)? use|screening)\b", re.I)


def handle_code_for(question: Question) -> Answer | None:
    request = code_request(question.text)
    if request is None or _names_a_code(request.query, question):  # a lookup or a convention question
        return None
    return answer_code_request(request, question)


def handle_bare_description(question: Question) -> Answer | None:
    """The last resort: a question that is only a description is answered
    as "code for" it, when the search finds a code holding its words."""
    request = bare_description(question.text)
    if request is None or _names_a_code(request.query, question):
        return None
    query, _ = split_uncertain(expand_shorthand(request.query))
    if not _bare_matches(query, question):
        # "afib on Eliquis and metoprolol": the medication list after "on" is
        # detail (a Z79 code at most); the first condition must match.
        first = FIRST_CONDITION.split(query, maxsplit=1)[0].strip()
        if first == query or not first or not _bare_matches(first, question):
            return None
    return answer_code_request(request, question)


def _bare_matches(query: str, question: Question) -> bool:
    results = _search_results(query, None, question)
    return bool(results) and max(result.coverage for result in results[:BARE_RESULTS_READ]) >= BARE_MIN_COVERAGE


def _names_a_code(text: str, question: Question) -> bool:
    """A code typed in the text: the whole text is code-shaped ("CPT code
    99213"), a dotted code, or a token the tables hold ("B12" of "B12
    injection" is shaped like a code but names a vitamin)."""
    tokens = _code_tokens(text)
    if tokens and " ".join(tokens).lower() == " ".join(text.replace(",", " ").split()).lower():
        return True
    # A dotted token is a code, valid or not ("is S13.4 a valid code" is a lookup).
    return any("." in token or _find(token, question)[0] for token in tokens)


def answer_code_request(request: CodeRequest, question: Question) -> Answer:
    query, uncertain = split_uncertain(expand_shorthand(request.query))
    named = NAMED_SYSTEM.search(question.text)
    system_words = request.system_words or (named[0] if named else "")
    answer = _answer_query(query, _hinted_system(system_words), question)
    return add_uncertain_note(answer, uncertain) if uncertain else answer


def _answer_query(query: str, system: str | None, question: Question) -> Answer:
    # Only ICD-10-CM codes an encounter (the 7th character), so "initial" says the system too.
    if system is None and (FRACTURE.search(query) or PRESSURE_ULCER.search(query) or DIABETES.search(query)
                           or Z_CODE_WORDS.search(query) or ENCOUNTER.search(query)):
        system = CodeSystem.ICD10CM
    if FRACTURE.search(query) and system == CodeSystem.ICD10CM:
        asked = _fracture_questions(query)
        if _fracture_lacks_undefaulted_detail(query):
            return _fracture_ask(query, asked, question)
    results = _search_results(query, system, question)
    if not results:
        return Answer(
            markdown=f"The code tables in force on {question.as_of:%Y-%m-%d} have no match for “{query}”. "
            "Try the words of the diagnosis or procedure as documented, or a synonym.",
            kind=AnswerKind.DECLINE,
            citations=[_search_citation(query, None)],
        )
    top = _code_of(results[0], question)
    if top is not None and top.system == CodeSystem.ICD10PCS:
        return pcs_answer(query, results[0], top, question)
    follow_ups = _missing_detail(query, top, question)
    if follow_ups and DIABETES.search(query) and not DIABETES_TYPE.search(query):
        return _ask_with_candidates(query, results[:5], follow_ups, question)
    if follow_ups and (PRESSURE_ULCER.search(query) or _needs_encounter(top, query)):
        return _ask_with_candidates(query, results[:5], follow_ups, question)
    shown = _with_weeks_of_gestation(query, _with_external_cause(results[:3], results), question)
    shown = with_other_conditions(query, shown, question)
    return _search_answer(query, shown, follow_ups, question)


def _search_results(query: str, system: str | None, question: Question) -> list:
    """The search's results for the query, billable codes first, without those
    that contradict the query; for a drug, the HCPCS codes that name it."""
    # The weeks of a pregnancy are searched apart (Z3A, added by _with_weeks_of_gestation):
    # with the condition, "9 weeks" would fill the results with Z3A codes.
    searched = WEEKS_PREGNANT.sub(" ", query).strip(" ,") if _names_more_than_weeks(query) else query
    searched = without_medications(searched)
    response = search.search(searched, system=system, as_of=question.as_of, limit=RERANKED)
    results = response.results
    drug = drug_named(query) if system in (None, CodeSystem.HCPCS) else None
    if drug:
        named = hcpcs_drug_results(query, drug, question.as_of)
        results = named + [result for result in results if (result.system, result.code) not in
                           {(each.system, each.code) for each in named}]
    results = [result for result in results if result.billable] or results
    ranked = results_consistent(query, results)
    if drug:  # the drug named comes before other drugs whose titles share the dose's words ("1 gram")
        named_codes = {each.code for each in named}
        # A route named ("IV", "IM") rules out the oral tablet whose dose matches.
        route = route_named(query)
        ranked.sort(key=lambda result: (result.code not in named_codes,
                                        route is not None and route not in result.title.lower()))
    return ranked


def _names_more_than_weeks(query: str) -> bool:
    if not WEEKS_PREGNANT.search(query):
        return False
    rest = re.sub(r"\b(?:pregnan\w*|gestation\w*|at|of|code|for|and|with)\b", " ", WEEKS_PREGNANT.sub(" ", query), flags=re.I)
    return len(re.findall(r"[a-z]{3,}", rest.lower())) > 0


def _with_external_cause(shown: list, results: list) -> list:
    """An injury's best match, with the external cause code the query also
    describes ("dog bite": W54.0XXA after S81.851A); external causes are
    reported in addition to the injury (guideline I.C.20)."""
    if not shown or not INJURY_CODE.match(shown[0].code) or any(EXTERNAL_CAUSE.match(r.code) for r in shown):
        return shown
    cause = next((result for result in results if EXTERNAL_CAUSE.match(result.code)), None)
    return [*shown, cause] if cause else shown


def _with_weeks_of_gestation(query: str, shown: list, question: Question) -> list:
    """A pregnancy code with the weeks the question gives: Z3A.nn is added to
    the chapter 15 code to give the weeks of gestation (guideline I.C.21.c.3
    and the chapter 15 use-additional-code note)."""
    weeks = WEEKS_PREGNANT.search(query)
    if not shown or not shown[0].code.startswith("O") or not weeks or any(r.code.startswith("Z3A") for r in shown):
        return shown
    found = search.search(f"{int(weeks[1])} weeks gestation of pregnancy", system=CodeSystem.ICD10CM,
                          as_of=question.as_of, limit=3).results
    extra = next((r for r in found if r.code.upper() == f"Z3A.{int(weeks[1]):02}"), None)
    return [*shown[:2], extra] if extra else shown


def _code_of(result, question: Question) -> Code | None:
    release = selectors.release_for_date(system=result.system, as_of=question.as_of)
    return selectors.code_get(release=release, code=result.code) if release else None


def _result_lines(results, question: Question, answer: Answer) -> list[str]:
    lines = []
    for result in results:
        code = _code_of(result, question)
        if code is None:  # the index is older than the tables: never name a code the tables lack
            continue
        kind = "billable" if code.billable else "header, not billable"
        lines.append(f"- {_link(code)}: {_title(code)} ({kind}). Matched: {_why(result)}.")
        answer.codes.append(_mention(code))
        answer.citations.append(_page_citation(code))
    return lines


def _search_answer(query: str, results, follow_ups: list[str], question: Question) -> Answer:
    answer = Answer(markdown="", citations=[_search_citation(query, results[0])], follow_up_questions=follow_ups)
    lines = _result_lines(results, question, answer)
    intro = f"For “{query}”, the best match in the code tables in force on {question.as_of:%Y-%m-%d}:"
    if len(lines) > 1:
        intro = intro.replace("the best match", "the best matches")
    text = [intro, *lines]
    top = _code_of(results[0], question)
    if top is not None and top.system == CodeSystem.ICD10CM:
        sequencing = [NoteKind.CODE_FIRST, NoteKind.USE_ADDITIONAL, NoteKind.CODE_ALSO]
        notes = _notes_lines(top, selectors.code_ancestors(code=top), sequencing, answer)
        if notes:
            text += [f"\nSequencing notes for {top.code} (a second code may be needed):", *notes[1:]]
    if top is not None and top.system == CodeSystem.HCPCS and (units := units_line(query, top.code, top.long_title)):
        text.append(units)
    if follow_ups:
        text += ["", "Check the documentation for more detail, which may change the code:"]
        text += [f"- {follow_up}" for follow_up in follow_ups]
    answer.markdown = "\n".join(text)
    return answer


def _ask_with_candidates(query: str, results, follow_ups: list[str], question: Question) -> Answer:
    answer = Answer(
        markdown="", kind=AnswerKind.ASK, citations=[_search_citation(query, results[0])],
        follow_up_questions=follow_ups,
    )
    lines = _result_lines(results, question, answer)
    answer.markdown = "\n".join(
        [f"The code for “{query}” depends on detail the question doesn't give:", *[f"- {q}" for q in follow_ups],
         "", "Candidates from the code tables, to narrow down once those are known:", *lines]
    )
    return answer


def _missing_detail(query: str, top: Code | None, question: Question) -> list[str]:
    asked = []
    if DIABETES.search(query):
        if not DIABETES_TYPE.search(query):
            asked.append(
                "Which type of diabetes: type 1, type 2, due to an underlying condition, drug-induced, or other?"
            )
        if not re.search(r"\b(with|without|complications?|uncomplicated)\b", query, re.I):
            asked.append("Any complications (kidney disease, neuropathy, retinopathy, hyperglycemia...)? "
                         "Each is coded with its own 'with' code.")
    if PRESSURE_ULCER.search(query):
        if not ULCER_SITE.search(query):
            asked.append("Where is the pressure ulcer (site and side)?")
        if not ULCER_STAGE.search(query):
            asked.append("What stage: 1, 2, 3, 4, unstageable or deep tissue pressure injury?")
    if _needs_encounter(top, query):
        asked.append("Which encounter: initial (A, active treatment), subsequent (D, healing/recovery) or sequela (S)?")
    if _needs_side(top, query):
        asked.append("Which side: right, left or bilateral? The unspecified side is only for a record that does not "
                     "say (guideline I.B.13, laterality).")
    return asked


def _needs_side(top: Code | None, query: str) -> bool:
    """The code's siblings differ by side and the query names none."""
    if top is None or top.system != CodeSystem.ICD10CM or LATERALITY.search(query):
        return False
    siblings = selectors.code_suggestions(release=top.release, code=top.normalized[:-1])
    titles = " ".join(sibling.long_title.lower() for sibling in siblings)
    return " right " in f" {titles} " and " left " in f" {titles} "


def _needs_encounter(top: Code | None, query: str) -> bool:
    if top is None or top.system != CodeSystem.ICD10CM or ENCOUNTER.search(query):
        return False
    return bool(selectors.seventh_character_table(code=top, ancestors=selectors.code_ancestors(code=top)))


BONES = re.compile(
    r"\b(femur|femoral|tibia|tibial|fibula|fibular|radius|radial|ulna|ulnar|humerus|humeral|clavicle|scapula|"
    r"patella|ankle|malleolus|wrist|colles|smith|hip|pelvis|vertebra|rib|skull|nasal|metacarpal|metatarsal|"
    r"phalanx|finger|toe|calcaneus|scaphoid)\b",
    re.I,
)


def _fracture_questions(query: str) -> list[str]:
    asked = []
    if not BONES.search(query):
        asked.append("Which bone, and which part of it (shaft, upper end, lower end)?")
    if not LATERALITY.search(query):
        asked.append("Which side: right or left?")
    if not DISPLACEMENT.search(query):
        asked.append("Displaced or nondisplaced? (A fracture not documented either way is coded as displaced.)")
    if not OPEN_CLOSED.search(query):
        asked.append("Open or closed? (A fracture not documented either way is coded as closed.)")
    if not ENCOUNTER.search(query):
        asked.append("Which encounter: initial (active treatment), subsequent (healing/recovery) or sequela?")
    return asked


def _fracture_lacks_undefaulted_detail(query: str) -> bool:
    """Bone, side and encounter have no default; displacement and open or
    closed do (guideline I.C.19.c.1: displaced, closed), so a question that
    gives the first three is answered with those defaults, not asked."""
    return not (BONES.search(query) and LATERALITY.search(query) and ENCOUNTER.search(query))


def _fracture_ask(query: str, asked: list[str], question: Question) -> Answer:
    """List the categories the search lands in, never a final code."""
    words = FRACTURE.sub("", query).strip()
    response = search.search(f"fracture of {words}" if words else "fracture", system=CodeSystem.ICD10CM,
                             as_of=question.as_of, limit=LIST_LIMIT)
    release = selectors.release_for_date(system=CodeSystem.ICD10CM, as_of=question.as_of)
    categories = []
    for result in response.results:
        category = selectors.code_get(release=release, code=normalize_code(result.code)[:3]) if release else None
        if category is not None and "fracture" in category.long_title.lower() and category not in categories:
            categories.append(category)
    answer = Answer(
        markdown="", kind=AnswerKind.ASK, follow_up_questions=asked,
        citations=[_search_citation(query, response.results[0] if response.results else None)],
    )
    lines = [f"A fracture code depends on detail that “{query}” doesn't give:", *[f"- {q}" for q in asked]]
    if categories:
        lines += ["", "The categories to look in (each needs more characters, and a 7th character for the encounter):"]
        for category in categories[:5]:
            lines.append(f"- {_link(category)}: {_title(category)}")
            answer.codes.append(_mention(category))
            answer.citations.append(_page_citation(category))
    answer.markdown = "\n".join(lines)
    return answer
