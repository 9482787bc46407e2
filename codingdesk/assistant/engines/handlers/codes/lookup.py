"""What a code means: "What is E11.22?", "Is S52.531 billable?", "What is
0DTJ4ZZ?". Read from the code tables in force on the date of service; a CPT
code gets only the public CMS facts (its descriptor is licensed)."""

from __future__ import annotations

from codingdesk.codesets import cpt, selectors
from codingdesk.codesets.models import Code, CodeSystem
from codingdesk.edits.models import EditDataset
from codingdesk.edits.selectors import EditReleaseNotLoaded, edit_release_in_force, mue_limit_get
from codingdesk.fees.indicators import STATUS_CODES
from codingdesk.fees.models import FeeDataset
from codingdesk.fees.selectors import fee_release_in_force, relative_value_get
from codingdesk.lib.codes import normalize_code

from ...base import Answer, AnswerKind, Citation, CodeMention, Question, SourceKind
from ._shared import (
    KEY_NOTES,
    LIST_LIMIT,
    _code_tokens,
    _find,
    _guideline_citation,
    _link,
    _mention,
    _notes_lines,
    _page,
    _page_citation,
    _system_label,
    _title,
    _valid_on,
)
from .tabular_conventions import CONVENTIONS
from .units import units_line


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
        return _invalid_code_answer(raw, systems, question) or _no_release_answer(raw, systems, question)
    return _code_answer(found[0], question, also=found[1:])


PLACEHOLDER_SENTENCE = ("\nA code that needs a 7th character but has fewer than six characters takes the placeholder X "
                        "to fill the empty positions.")


def _fills_with_placeholder(code: Code, completions: list[Code]) -> bool:
    """T78.40 becomes T78.40XA: its 7th-character completions insert an X
    (guideline I.A.5) that a coder typing the code may leave out."""
    return any(len(child.normalized) == 7 and child.normalized[len(code.normalized):-1].strip("X") == ""
               and len(child.normalized) - len(code.normalized) > 1 for child in completions)


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
            if _fills_with_placeholder(code, completions):
                lines.append(PLACEHOLDER_SENTENCE)
                answer.citations.append(_guideline_citation(CONVENTIONS["placeholder"][1]))
    if code.system == CodeSystem.ICD10PCS:
        lines += _axes_lines(code)
    if code.system == CodeSystem.HCPCS and (units := units_line(question.text, code.code, code.long_title)):
        lines.append(units)
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


def _no_release_answer(raw: str, systems: list[str], question: Question) -> Answer | None:
    """No release of the code's system is in force on the date: say which
    release dates are missing rather than call the code valid or invalid."""
    loaded = {system: list(selectors.release_list(system=system)) for system in systems}
    system = next((system for system in systems if loaded[system]), systems[0] if systems else None)
    if system is None:
        return None
    label, on, code = _system_label(system), question.as_of, raw.upper()
    if not loaded[system]:
        text = f"I don't have release dates for {label}: no {label} release is loaded, so I can't say whether {code} "
        text += f"is valid on {on:%Y-%m-%d}."
    else:
        earliest = min(loaded[system], key=lambda release: release.effective_from)
        text = (f"I don't have a {label} release in force on {on:%Y-%m-%d}: the earliest one loaded is "
                f"{earliest.version}, in force from {earliest.effective_from:%Y-%m-%d}. So I can't say whether "
                f"{code} was valid on {on:%Y-%m-%d}.")
    return Answer(markdown=text, kind=AnswerKind.DECLINE)


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
            lines.append(PLACEHOLDER_SENTENCE)
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


