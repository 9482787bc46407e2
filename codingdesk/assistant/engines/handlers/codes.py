"""Code questions for the grounded engine: what a code means, which code fits
a condition or procedure, a code's notes and conventions, and what changed in
a release. Everything said comes from the code tables in force on the date of
service (question.as_of) and the search index; every code named is read from
the tables, and every claim carries its source.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlencode

from codingdesk import search
from codingdesk.codesets import cpt, selectors
from codingdesk.codesets.models import Code, CodeSystem, NoteKind
from codingdesk.edits.models import EditDataset
from codingdesk.edits.selectors import EditReleaseNotLoaded, edit_release_in_force, mue_limit_get
from codingdesk.fees.indicators import STATUS_CODES
from codingdesk.fees.models import FeeDataset
from codingdesk.fees.selectors import fee_release_in_force, relative_value_get
from codingdesk.lib.codes import is_code_shaped, normalize_code

from ..base import Answer, AnswerKind, Citation, CodeMention, Question, SourceKind

LIST_LIMIT = 10
GUIDELINES_URL = "https://www.cdc.gov/nchs/icd/icd-10-cm/files.html"
GUIDELINES = "ICD-10-CM Official Guidelines for Coding and Reporting"

# A token that may be a code: letters and digits, at least one digit, maybe a dot.
CODE_TOKEN = re.compile(r"(?<![\w.])([A-Za-z0-9]{3,7}(?:\.[A-Za-z0-9]{0,4})?)(?![\w])")
ICD10CM_SHAPE = re.compile(r"^[A-Z][0-9][0-9A-Z]([0-9A-Z]{1,4})?$")  # U07.1 too
PCS_SHAPE = re.compile(r"^[0-9A-HJ-NP-Z]{7}$")
HCPCS_SHAPE = re.compile(r"^[A-V][0-9]{4}$")
CPT_SHAPE = re.compile(r"^[0-9]{4}[0-9FTUM]$")
SYSTEM_HINTS = [
    (re.compile(r"\bcpt\b", re.I), CodeSystem.CPT),
    (re.compile(r"\bhcpcs\b", re.I), CodeSystem.HCPCS),
    (re.compile(r"\b(icd-?10-?pcs|pcs|procedure code)\b", re.I), CodeSystem.ICD10PCS),
    (re.compile(r"\b(icd-?10-?cm|icd-?10|diagnosis)\b", re.I), CodeSystem.ICD10CM),
]
KEY_NOTES = [NoteKind.EXCLUDES1, NoteKind.EXCLUDES2, NoteKind.CODE_FIRST, NoteKind.USE_ADDITIONAL, NoteKind.CODE_ALSO]

# Conventions of the ICD-10-CM tabular, in our own words, with the guideline section that states them.
CONVENTIONS = {
    "excludes1": (
        "**Excludes1** means *not coded here*: the excluded condition and the code above the note are never "
        "coded together (they cannot occur together, e.g. a congenital and an acquired form). The exception "
        "(guideline I.A.12.a): when the two conditions are unrelated, both may be reported.",
        "Section I.A.12.a, Excludes1",
    ),
    "excludes2": (
        "**Excludes2** means *not included here*: the excluded condition is not part of the code above the "
        "note, but a patient may have both at the same time, so both codes may be reported together when "
        "appropriate.",
        "Section I.A.12.b, Excludes2",
    ),
    "code first": (
        "**Code first** and **use additional code** set the sequencing of an etiology/manifestation pair "
        "(and other pairs): the underlying condition is sequenced first and the manifestation after it; a "
        "code with a *code first* note is never listed first.",
        "Section I.A.13, Etiology/manifestation convention",
    ),
    "code also": (
        "**Code also** says two codes may be needed to describe a condition fully; unlike *code first*, it does "
        "not set the order, which depends on the circumstances of the encounter.",
        "Section I.A.17, Code also note",
    ),
    "7th character": (
        "Some categories need a **7th character** (for injuries: A initial encounter, D subsequent encounter, "
        "S sequela). It is required for every code in the category, and a code without it is invalid.",
        "Section I.A.5, 7th characters",
    ),
    "placeholder": (
        "The **placeholder X** fills the empty positions of a code that needs a 7th character but has fewer "
        "than six characters (S13.4 + A becomes S13.4XXA), so the 7th character stays in the 7th position.",
        "Section I.A.4, Placeholder character",
    ),
}
CONVENTION_WORDS = [
    ("excludes1", re.compile(r"\bexcludes?\s*-?\s*(1|one)\b", re.I)),
    ("excludes2", re.compile(r"\bexcludes?\s*-?\s*(2|two)\b", re.I)),
    ("code first", re.compile(r"\b(code first|use additional)\b", re.I)),
    ("code also", re.compile(r"\bcode also\b", re.I)),
    ("7th character", re.compile(r"\b(7th|seventh) char", re.I)),
    ("placeholder", re.compile(r"\bplaceholder\b", re.I)),
]
NOTE_KIND_OF_CONVENTION = {
    "excludes1": [NoteKind.EXCLUDES1],
    "excludes2": [NoteKind.EXCLUDES2],
    "code first": [NoteKind.CODE_FIRST, NoteKind.USE_ADDITIONAL],
    "code also": [NoteKind.CODE_ALSO],
}
TOGETHER = re.compile(r"\b(code[ds]?|report(?:ed)?|bill(?:ed)?|use[ds]?)\b.*\b(with|and|together)\b", re.I)

CHANGES = re.compile(r"\b(what changed|changes?|new codes?|deleted codes?|added codes?|what's new|whats new)\b", re.I)
CODE_FOR = re.compile(
    r"^(?:what(?:'s| is)?(?: the)?\s+)?(?:(?:icd-?10(?:-?(?:cm|pcs))?|pcs|cpt|hcpcs|diagnosis|procedure)\s+)?"
    r"codes?\s+for\s+(?P<query>.+)$|^how (?:do i|to|should i) code\s+(?P<query2>.+)$",
    re.I,
)

FRACTURE = re.compile(r"\b(broken|fracture[sd]?|break)\b", re.I)
LATERALITY = re.compile(r"\b(left|right|bilateral)\b", re.I)
DISPLACEMENT = re.compile(r"\b(displaced|nondisplaced|non-displaced)\b", re.I)
OPEN_CLOSED = re.compile(r"\b(open|closed)\b", re.I)
ENCOUNTER = re.compile(r"\b(initial|subsequent|sequela|follow-?up)\b", re.I)
INJURY = re.compile(r"\b(sprain|strain|injury|laceration|contusion|dislocation|burn|wound)\b", re.I)
DIABETES = re.compile(r"\b(diabetes|diabetic|dm|t1dm|t2dm)\b", re.I)
DIABETES_TYPE = re.compile(r"\b(type\s*(1|2|i|ii|one|two)|t1dm|t2dm|gestational|secondary|due to)\b", re.I)
PRESSURE_ULCER = re.compile(r"\b(pressure (ulcer|injury|sore)|bed ?sore|decubitus)\b", re.I)
ULCER_STAGE = re.compile(r"\b(stage\s*[1-4]|unstageable|deep tissue)\b", re.I)
ULCER_SITE = re.compile(r"\b(sacral|sacrum|heel|hip|elbow|buttock|ankle|back|head)\b", re.I)
PCS_AXES_ASKED = {5: "approach", 6: "device", 7: "qualifier"}


# --- helpers -----------------------------------------------------------------------------------------------


def _system_label(system: str) -> str:
    return CodeSystem(system).label


def _page(system: str, code: str) -> str:
    return f"/codes/{system}/{code}"


def _link(code: Code | str, system: str | None = None) -> str:
    if isinstance(code, Code):
        return f"[**{code.code}**]({_page(code.system, code.code)})"
    return f"[**{code}**]({_page(system, code)})"


def _title(code: Code) -> str:
    return "" if code.system == CodeSystem.CPT and not cpt.cpt_licensed() else code.long_title


def _mention(code: Code) -> CodeMention:
    return CodeMention(code=code.code, system=code.system, title=_title(code), valid=True)


def _page_citation(code: Code) -> Citation:
    return Citation(
        label=f"{code.code} code page, {_system_label(code.system)} {code.release.version}",
        url=_page(code.system, code.code),
        source_kind=SourceKind.CODE_PAGE,
    )


def _owner_name(owner: Code) -> str:
    return f"Chapter {owner.code}" if owner.kind == "chapter" else owner.code


def _cite(answer: Answer, citation: Citation) -> None:
    if citation not in answer.citations:
        answer.citations.append(citation)


def _note_citation(note, owner: Code) -> Citation:
    return Citation(
        label=f"{_owner_name(owner)} {NoteKind(note.kind).label} note, "
        f"{_system_label(owner.system)} {owner.release.version}",
        url=_page(owner.system, owner.code),
        source_kind=SourceKind.TABULAR_NOTE,
    )


def _guideline_citation(section: str) -> Citation:
    return Citation(label=f"{GUIDELINES}, {section}", url=GUIDELINES_URL, source_kind=SourceKind.GUIDELINE)


def _valid_on(code: Code, question: Question) -> bool:
    return not (code.termination_date and code.termination_date < question.as_of)


def _code_tokens(text: str) -> list[str]:
    tokens = []
    for raw in CODE_TOKEN.findall(text):
        normalized = normalize_code(raw)
        if any(ch.isdigit() for ch in normalized) and is_code_shaped(normalized) and _shape_systems(normalized):
            tokens.append(raw.rstrip("."))
    return tokens


def _shape_systems(normalized: str) -> list[str]:
    systems = []
    if HCPCS_SHAPE.match(normalized):
        systems.append(CodeSystem.HCPCS)
    if CPT_SHAPE.match(normalized):
        systems.append(CodeSystem.CPT)
    if ICD10CM_SHAPE.match(normalized):
        systems.append(CodeSystem.ICD10CM)
    if PCS_SHAPE.match(normalized):  # after ICD-10-CM: S134XXA has both shapes
        systems.append(CodeSystem.ICD10PCS)
    return systems


def _hinted_system(text: str) -> str | None:
    return next((system for pattern, system in SYSTEM_HINTS if pattern.search(text)), None)


def _candidate_systems(raw: str, text: str) -> list[str]:
    """The systems a typed code may belong to, the likeliest first: a system the
    question names, then a dotted code is ICD-10-CM, then by shape."""
    normalized = normalize_code(raw)
    systems = _shape_systems(normalized)
    if "." in raw and CodeSystem.ICD10CM in systems:
        systems.remove(CodeSystem.ICD10CM)
        systems.insert(0, CodeSystem.ICD10CM)
    hint = _hinted_system(text)
    if hint in systems:
        systems.remove(hint)
        systems.insert(0, hint)
    return systems


def _find(raw: str, question: Question) -> tuple[list[Code], list[str]]:
    """(codes found valid on the date, in preference order; the systems searched)."""
    found = []
    systems = _candidate_systems(raw, question.text)
    for system in systems:
        release = selectors.release_for_date(system=system, as_of=question.as_of)
        code = selectors.code_get(release=release, code=raw) if release else None
        if code is not None and _valid_on(code, question):
            found.append(code)
    return found, systems


# --- 1. code lookup ----------------------------------------------------------------------------------------


def handle_code_lookup(question: Question) -> Answer | None:
    tokens = _code_tokens(question.text)
    if not tokens and question.code_context:
        tokens = [question.code_context[1]]
    if len(tokens) != 1:
        return None
    raw = tokens[0]
    found, systems = _find(raw, question)
    if CodeSystem.CPT in systems and (not found or found[0].system == CodeSystem.CPT) and not cpt.cpt_licensed():
        if cpt.cpt_public_code_exists(normalize_code(raw), date_of_service=question.as_of) or found:
            return _cpt_public_answer(normalize_code(raw), question)
    if not found:
        return _invalid_code_answer(raw, systems, question)
    return _code_answer(found[0], question, also=found[1:])


def _code_answer(code: Code, question: Question, also: list[Code] = ()) -> Answer:
    answer = Answer(markdown="")
    release = code.release
    lines = [f"{_link(code)}: {_title(code)}" if _title(code) else _link(code)]
    answer.codes.append(_mention(code))
    status = "billable (valid for coding)" if code.billable else "a header, not valid for coding on its own"
    lines.append(
        f"\n{_system_label(code.system)} release {release.version}, in force from {release.effective_from:%Y-%m-%d}; "
        f"on {question.as_of:%Y-%m-%d} this code is {status}."
    )
    if not code.billable:
        completions = selectors.code_suggestions(release=release, code=code.normalized)[:LIST_LIMIT]
        if completions:
            lines.append("\nCode to the highest specificity. The billable codes under it:")
            lines += [f"- {_link(child)}: {_title(child)}" for child in completions]
            answer.codes += [_mention(child) for child in completions]
    if code.system == CodeSystem.ICD10PCS:
        lines += _axes_lines(code)
    answer.citations.append(_page_citation(code))
    if code.system == CodeSystem.ICD10CM:
        ancestors = selectors.code_ancestors(code=code)
        lines += _notes_lines(code, ancestors, KEY_NOTES, answer)
        seventh = selectors.seventh_character_table(code=code, ancestors=ancestors)
        if seventh and not code.billable:
            lines.append("\n7th characters: " + "; ".join(f"{note.character} {note.text}" for note in seventh) + ".")
    for other in also:
        lines.append(f"\n{_link(other)} is also a {_system_label(other.system)} code: {_title(other)}.")
        answer.codes.append(_mention(other))
        answer.citations.append(_page_citation(other))
    if code.system == CodeSystem.CPT:  # shown only on a licensed site
        lines += ["", *cpt.cpt_notice(release=release)]
    answer.markdown = "\n".join(lines)
    return answer


def _axes_lines(code: Code) -> list[str]:
    axes = code.details.get("axes", [])
    if not axes:
        return []
    return ["\nICD-10-PCS axes:"] + [f"- {position} {title}: {value} {label}" for position, title, value, label in axes]


def _notes_lines(code: Code, ancestors: list[Code], kinds: list[str], answer: Answer) -> list[str]:
    lines = []
    for group in selectors.note_groups(code=code, ancestors=ancestors):
        for note in group.notes:
            if note.kind not in kinds:
                continue
            where = f" (at {_owner_name(group.owner)}, applies to the codes below it)" if group.inherited else ""
            lines.append(f"- {NoteKind(note.kind).label}{where}: {note.text}")
            _cite(answer, _note_citation(note, group.owner))
    if lines:
        lines.insert(0, "\nNotes:")
        if any("Excludes1" in line for line in lines) or any("Excludes2" in line for line in lines):
            lines.append(
                "\nExcludes1: never coded together with this code (unless the conditions are unrelated). "
                "Excludes2: not included here, but both may be coded when the patient has both."
            )
    return lines


def _invalid_code_answer(raw: str, systems: list[str], question: Question) -> Answer | None:
    system = next((s for s in systems if selectors.release_for_date(system=s, as_of=question.as_of)), None)
    if system is None:
        return None
    release = selectors.release_for_date(system=system, as_of=question.as_of)
    suggestions = selectors.code_suggestions(release=release, code=raw)[:5]
    label = _system_label(system)
    lines = [
        f"**{raw.upper()}** is not a valid {label} code on {question.as_of:%Y-%m-%d} "
        f"(release {release.version})."
    ]
    terminated = selectors.code_get(release=release, code=raw)
    previous = selectors.release_previous(release=release)
    before = selectors.code_get(release=previous, code=raw) if previous else None
    if terminated is not None and terminated.termination_date:
        lines.append(f"The {label} file lists it as terminated on {terminated.termination_date:%Y-%m-%d}.")
    elif before is not None:
        lines.append(f"It was in the {previous.version} release and is not in {release.version}.")
    answer = Answer(markdown="", codes=[CodeMention(code=raw.upper(), system=system, title="", valid=False)])
    if terminated is not None and terminated.termination_date:
        answer.citations.append(_page_citation(terminated))
        suggestions = [code for code in suggestions if code.id != terminated.id and _valid_on(code, question)]
    if suggestions:
        lines.append("\nValid codes you may mean:")
        lines += [f"- {_link(code)}: {_title(code)}" for code in suggestions]
        answer.codes += [_mention(code) for code in suggestions]
        answer.citations += [_page_citation(code) for code in suggestions]
        if any(len(code.normalized) == 7 and "X" in code.normalized[3:6] for code in suggestions):
            lines.append(
                "\nA code that needs a 7th character but has fewer than six characters takes the placeholder X "
                "to fill the empty positions."
            )
            answer.citations.append(_guideline_citation(CONVENTIONS["placeholder"][1]))
    answer.markdown = "\n".join(lines)
    return answer


def _cpt_public_answer(code: str, question: Question) -> Answer:
    """CPT descriptors are the AMA's licensed content: give only the CMS facts."""
    answer = Answer(markdown="", codes=[CodeMention(code=code, system=CodeSystem.CPT, title="", valid=True)])
    lines = [
        f"{_link(code, CodeSystem.CPT)} is a CPT code. CPT descriptors are the American Medical Association's "
        "licensed content, and this site does not hold a CPT licence, so the descriptor is not shown. "
        "What the public CMS files say about it:"
    ]
    answer.citations.append(
        Citation(label=f"{code} code page, CPT", url=_page(CodeSystem.CPT, code), source_kind=SourceKind.CODE_PAGE)
    )
    fees = fee_release_in_force(dataset=FeeDataset.RVU, on=question.as_of)
    row = relative_value_get(release=fees, code=code) if fees else None
    if row is not None:
        meaning = STATUS_CODES.get(row.status_code, "")
        lines.append(
            f"- Physician fee schedule ({fees.version}): status {row.status_code}. {meaning} "
            f"Work RVU {row.work_rvu}, global period {row.global_days or 'blank'}."
        )
        answer.citations.append(
            Citation(label=f"Physician fee schedule RVU file {fees.version}: {code}",
                     url=f"/tools/fees/?code={code}", source_kind=SourceKind.FEE_SCHEDULE)
        )
    else:
        lines.append("- Physician fee schedule: no row for this code in the RVU file in force on this date.")
    try:
        mues = edit_release_in_force(dataset=EditDataset.MUE_PRACTITIONER, date_of_service=question.as_of)
    except EditReleaseNotLoaded:
        mues = None
    limit = mue_limit_get(release=mues, code=code) if mues else None
    if limit is not None:
        lines.append(
            f"- MUE, practitioner services ({mues.version}): {limit.mue} unit(s) a day "
            f"(MAI {limit.get_mai_display()}; {limit.rationale})."
        )
        answer.citations.append(
            Citation(label=f"MUE practitioner services {mues.version}: {code}",
                     url=f"/tools/mue/?code={code}", source_kind=SourceKind.MUE)
        )
    else:
        lines.append("- MUE: no practitioner MUE for this code is loaded for this date.")
    lines.append(
        f"- NCCI procedure-to-procedure edits: check {code} with the other codes of the claim in the "
        f"[NCCI PTP tool](/tools/ncci-ptp/?codes={code})."
    )
    answer.citations.append(
        Citation(label="NCCI PTP edits tool", url=f"/tools/ncci-ptp/?codes={code}", source_kind=SourceKind.NCCI_EDIT)
    )
    answer.markdown = "\n".join(lines)
    return answer


# --- 2. code for a condition, procedure or supply ----------------------------------------------------------


def handle_code_for(question: Question) -> Answer | None:
    match = CODE_FOR.match(question.text.strip().rstrip("?.! "))
    if match is None:
        return None
    query = (match.group("query") or match.group("query2")).strip()
    system = _hinted_system(question.text[: match.start("query") if match.group("query") else len(question.text)])
    if system is None and (FRACTURE.search(query) or PRESSURE_ULCER.search(query) or DIABETES.search(query)):
        system = CodeSystem.ICD10CM
    if FRACTURE.search(query) and system == CodeSystem.ICD10CM:
        asked = _fracture_questions(query)
        if asked:
            return _fracture_ask(query, asked, question)
    response = search.search(query, system=system, as_of=question.as_of, limit=LIST_LIMIT)
    results = [result for result in response.results if result.billable] or response.results
    if not results:
        return Answer(
            markdown=f"The code tables in force on {question.as_of:%Y-%m-%d} have no match for “{query}”. "
            "Try the words of the diagnosis or procedure as documented, or a synonym.",
            kind=AnswerKind.DECLINE,
            citations=[_search_citation(query, None)],
        )
    top = _code_of(results[0], question)
    if top is not None and top.system == CodeSystem.ICD10PCS:
        return _pcs_answer(query, results[0], top, question)
    follow_ups = _missing_detail(query, top, question)
    if follow_ups and DIABETES.search(query) and not DIABETES_TYPE.search(query):
        return _ask_with_candidates(query, results[:5], follow_ups, question)
    if follow_ups and (PRESSURE_ULCER.search(query) or _needs_encounter(top, query)):
        return _ask_with_candidates(query, results[:5], follow_ups, question)
    return _search_answer(query, results[:3], follow_ups, question)


def _code_of(result, question: Question) -> Code | None:
    release = selectors.release_for_date(system=result.system, as_of=question.as_of)
    return selectors.code_get(release=release, code=result.code) if release else None


def _search_citation(query: str, result) -> Citation:
    rewrite = next((reason for reason in (result.matched if result else []) if "→" in reason or " = " in reason), "")
    target = rewrite.split("→", 1)[-1].split(" = ", 1)[-1].split(" (")[0].strip() if rewrite else ""
    label = f"CodingDesk search: {query}" + (f" → {target}" if target else "")
    return Citation(label=label, url=f"/search?{urlencode({'q': query})}", source_kind=SourceKind.SEARCH)


def _why(result) -> str:
    return "; ".join(result.matched) if result.matched else "words of the title"


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
    return asked


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


def _pcs_answer(query: str, result, code: Code, question: Question) -> Answer:
    """Walk the table: show the code's axes and ask for each axis the query
    leaves open where the codes of the same table and body part differ."""
    table = selectors.code_suggestions(release=code.release, code=code.normalized[:4])
    given = f"{query} {' '.join(result.matched)}".lower()
    open_axes = []
    for position, title, value, label in code.details.get("axes", []):
        values = {other.normalized[position - 1] for other in table}
        if position in PCS_AXES_ASKED and len(values) > 1 and label.lower() not in given:
            options = sorted({_axis_label(other, position) for other in table})
            open_axes.append(f"Which {title.lower()}: {', '.join(options)}?")
    answer = Answer(
        markdown="", citations=[_search_citation(query, result), _page_citation(code)], codes=[_mention(code)],
        follow_up_questions=open_axes,
    )
    if open_axes:
        answer.kind = AnswerKind.ASK
        lines = [f"“{query}” points to ICD-10-PCS table {code.normalized[:3]}; the code depends on:"]
        lines += [f"- {q}" for q in open_axes]
        lines += ["", f"Candidates in the table (matched: {_why(result)}):"]
        for other in table[:LIST_LIMIT]:
            lines.append(f"- {_link(other)}: {_title(other)}")
            if other.id != code.id:
                answer.codes.append(_mention(other))
                answer.citations.append(_page_citation(other))
    else:
        lines = [f"{_link(code)}: {_title(code)}", f"\nMatched: {_why(result)}.", *_axes_lines(code)]
    answer.markdown = "\n".join(lines)
    return answer


def _axis_label(code: Code, position: int) -> str:
    return next((f"{value} {label}" for pos, _, value, label in code.details.get("axes", []) if pos == position), "")


# --- 3. notes and conventions ------------------------------------------------------------------------------


def handle_conventions(question: Question) -> Answer | None:
    tokens = _code_tokens(question.text)
    topics = [name for name, pattern in CONVENTION_WORDS if pattern.search(question.text)]
    if len(tokens) == 2 and TOGETHER.search(question.text):
        return _together_answer(tokens, question)
    if not topics or len(tokens) > 1:
        return None
    if not tokens and question.code_context and question.code_context[0] == CodeSystem.ICD10CM:
        tokens = [question.code_context[1]]
    if not tokens:
        return _convention_answer(topics)
    found, systems = _find(tokens[0], question)
    found = [code for code in found if code.system == CodeSystem.ICD10CM]
    if not found:
        return _invalid_code_answer(tokens[0], [CodeSystem.ICD10CM], question)
    return _code_conventions_answer(found[0], topics, question)


def _convention_answer(topics: list[str]) -> Answer:
    return Answer(
        markdown="\n\n".join(CONVENTIONS[topic][0] for topic in topics),
        citations=[_guideline_citation(CONVENTIONS[topic][1]) for topic in topics],
    )


def _code_conventions_answer(code: Code, topics: list[str], question: Question) -> Answer:
    answer = _convention_answer(topics)
    answer.codes.append(_mention(code))
    answer.citations.append(_page_citation(code))
    ancestors = selectors.code_ancestors(code=code)
    lines = [f"{_link(code)}: {_title(code)}"]
    kinds = [kind for topic in topics for kind in NOTE_KIND_OF_CONVENTION.get(topic, [])]
    if kinds:
        notes = _notes_lines(code, ancestors, kinds, answer)
        if notes:
            lines += notes
        else:
            labels = " or ".join(NoteKind(kind).label for kind in kinds)
            lines.append(f"\nNo {labels} note applies to {code.code} or the codes above it.")
    if "7th character" in topics or "placeholder" in topics:
        seventh = selectors.seventh_character_table(code=code, ancestors=ancestors)
        if seventh:
            table = "; ".join(f"{note.character} {note.text}" for note in seventh)
            lines.append(f"\n7th characters for this code: {table}.")
            completions = [c for c in selectors.code_suggestions(release=code.release, code=code.normalized)
                           if len(c.normalized) == 7][:LIST_LIMIT]
            lines += [f"- {_link(c)}: {_title(c)}" for c in completions]
            answer.codes += [_mention(c) for c in completions]
        else:
            lines.append(f"\n{code.code} takes no 7th character.")
    answer.markdown = "\n".join(lines) + "\n\n" + answer.markdown
    return answer


def _together_answer(tokens: list[str], question: Question) -> Answer | None:
    codes = []
    for raw in tokens:
        found, _ = _find(raw, question)
        found = [code for code in found if code.system == CodeSystem.ICD10CM]
        if not found:
            if CodeSystem.ICD10CM not in _shape_systems(normalize_code(raw)):
                return None  # not a diagnosis pair: NCCI and the like are answered elsewhere
            return _invalid_code_answer(raw, [CodeSystem.ICD10CM], question)
        codes.append(found[0])
    first, second = codes
    answer = Answer(markdown="", codes=[_mention(first), _mention(second)],
                    citations=[_page_citation(first), _page_citation(second)])
    verdicts = []
    for kind in (NoteKind.EXCLUDES1, NoteKind.EXCLUDES2):
        for code, other in ((first, second), (second, first)):
            hit = _excluding_note(code, other, kind)
            if hit is not None:
                verdicts.append((kind, code, other, *hit))
    lines = [f"{_link(first)}: {_title(first)}", f"{_link(second)}: {_title(second)}", ""]
    if not verdicts:
        lines.append(
            f"No Excludes1 or Excludes2 note of {first.code}, {second.code} or the codes above them names the "
            "other, so the tabular does not forbid coding them together; code both when the documentation "
            "supports both."
        )
    for kind, code, other, note, owner in verdicts[:2]:
        _cite(answer, _note_citation(note, owner))
        where = code.code if owner.id == code.id else f"{owner.code} (above {code.code})"
        if kind == NoteKind.EXCLUDES1:
            lines.append(
                f"**No**, as a rule: the Excludes1 note at {where} excludes “{note.text}”, which covers "
                f"{other.code}. Excludes1 means the two are never coded together; the only exception is when "
                "the two conditions are unrelated to each other."
            )
            answer.citations.append(_guideline_citation(CONVENTIONS["excludes1"][1]))
        else:
            lines.append(
                f"**Yes**, when the patient has both: the Excludes2 note at {where} lists “{note.text}”, which "
                f"covers {other.code}. Excludes2 means not included here, but both may be coded together."
            )
            answer.citations.append(_guideline_citation(CONVENTIONS["excludes2"][1]))
        if kind == NoteKind.EXCLUDES1:
            break
    answer.markdown = "\n".join(lines)
    return answer


def _excluding_note(code: Code, other: Code, kind: str):
    """(note, owner) when an Excludes note of ``code`` or its ancestors covers ``other``."""
    ancestors = selectors.code_ancestors(code=code)
    for group in selectors.note_groups(code=code, ancestors=ancestors):
        for note in group.notes:
            if note.kind == kind and any(_covers(reference, other.normalized) for reference in note.references):
                return note, group.owner
    return None


def _covers(reference: dict, normalized: str) -> bool:
    first, last = normalize_code(reference["first"]), normalize_code(reference["last"])
    return normalized[: len(first)] >= first and normalized[: len(last)] <= last


# --- 4. release changes ------------------------------------------------------------------------------------

MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(20\d\d)\b", re.I)
SYSTEM_WORDS = re.compile(r"\b(icd|cpt|hcpcs|pcs|codes?|code set)\b", re.I)


def handle_release_changes(question: Question) -> Answer | None:
    text = question.text
    if not CHANGES.search(text) or not SYSTEM_WORDS.search(text) or _code_tokens(text):
        return None
    system = _hinted_system(text) or CodeSystem.ICD10CM
    on = question.as_of
    month_year = MONTH_YEAR.search(text)
    if month_year:
        on = datetime.date(int(month_year.group(2)), MONTHS[month_year.group(1).lower()], 28)
    release = selectors.release_for_date(system=system, as_of=on)
    previous = selectors.release_previous(release=release) if release else None
    label = _system_label(system)
    if release is None or previous is None:
        return Answer(
            markdown=f"Only one {label} release (or none) is loaded for {on:%Y-%m-%d}, so there is nothing to "
            "compare it with.",
            kind=AnswerKind.DECLINE,
        )
    diff = selectors.release_diff(from_release=previous, to_release=release)
    answer = Answer(markdown="", citations=[Citation(
        label=f"{label} changes, {previous.version} to {release.version}",
        url=f"/codes/{system}/changes", source_kind=SourceKind.RELEASE_DIFF,
    )])
    lines = [
        f"{label} {release.version} (in force from {release.effective_from:%Y-%m-%d}) against {previous.version}: "
        f"{len(diff.added)} added, {len(diff.deleted)} deleted, {len(diff.retitled)} retitled."
    ]
    if diff.added:
        lines += ["", "Added:"] + [f"- {_link(code)}: {_title(code)}" for code in diff.added[:LIST_LIMIT]]
        answer.codes += [_mention(code) for code in diff.added[:LIST_LIMIT]]
    if diff.deleted:
        # Deleted codes are not valid in the release in force: named in plain text, never linked as valid.
        lines += ["", "Deleted (not valid for dates of service from "
                  f"{release.effective_from:%Y-%m-%d}):"] + [f"- {code.code}: {_title(code)}"
                                                            for code in diff.deleted[:LIST_LIMIT]]
        answer.codes += [CodeMention(code=code.code, system=system, title=_title(code), valid=False)
                         for code in diff.deleted[:LIST_LIMIT]]
    if diff.retitled:
        lines += ["", "Retitled:"] + [f"- {_link(new)}: {_title(old)} → {_title(new)}"
                                      for old, new in diff.retitled[:LIST_LIMIT]]
        answer.codes += [_mention(new) for _, new in diff.retitled[:LIST_LIMIT]]
    answer.markdown = "\n".join(lines)
    return answer


# Most specific first: a release question names no code, a convention question
# names a note kind, "code for" names a condition; a bare code is a lookup.
HANDLERS: list = [handle_release_changes, handle_conventions, handle_code_for, handle_code_lookup]
