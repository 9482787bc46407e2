"""What the code handlers share: the shapes of codes typed in a question,
finding a typed code in the tables in force, and links, mentions and
citations of codes and their notes."""

from __future__ import annotations

from urllib.parse import urlencode
import re

from codingdesk.codesets import cpt, selectors
from codingdesk.codesets.models import Code, CodeSystem, NoteKind
from codingdesk.lib.codes import is_code_shaped, normalize_code

from ...base import Answer, Citation, CodeMention, Question, SourceKind
from .shorthand import expand_shorthand


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
    (re.compile(r"\b(hcpcs|j|dme|supply|drug)\b", re.I), CodeSystem.HCPCS),
    (re.compile(r"\b(icd[- ]?10[- ]?pcs|pcs|procedure code)\b", re.I), CodeSystem.ICD10PCS),
    (re.compile(r"\b(icd[- ]?10[- ]?cm|icd[- ]?10|icd|diagnosis|dx)\b", re.I), CodeSystem.ICD10CM),
]
RANGE_IN_TITLE = re.compile(r"\s*\([A-Z0-9.]{3,8}-[A-Z0-9.]{3,8}\)\s*$")
KEY_NOTES = [NoteKind.EXCLUDES1, NoteKind.EXCLUDES2, NoteKind.CODE_FIRST, NoteKind.USE_ADDITIONAL, NoteKind.CODE_ALSO]


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


def _owner_place(owner: Code) -> str:
    """Where an inherited note is written, for the answer's text: a block by
    its title, since its range ("I10-I1A") reads as a code the answer names."""
    if owner.kind == "block":
        return f"the block {RANGE_IN_TITLE.sub('', owner.long_title).strip()}"
    return _owner_name(owner)


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


# Gravida/para notation ("G2P1", "G3P2012") is the obstetric history, not a code.
GRAVIDA_PARA = re.compile(r"^G\d{1,2}P\d{1,4}$", re.I)


def _code_tokens(text: str) -> list[str]:
    tokens = []
    for raw in CODE_TOKEN.findall(text):
        normalized = normalize_code(raw)
        # "G2P1" and chart shorthand ("T1DM", "DM2") are code-shaped but name no code.
        if GRAVIDA_PARA.match(normalized) or _is_shorthand(raw):
            continue
        if any(ch.isdigit() for ch in normalized) and is_code_shaped(normalized) and _shape_systems(normalized):
            tokens.append(raw.rstrip("."))
    return tokens


def _is_shorthand(raw: str) -> bool:
    return expand_shorthand(raw).lower() != raw.lower()


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


def _notes_lines(code: Code, ancestors: list[Code], kinds: list[str], answer: Answer) -> list[str]:
    lines = []
    for group in selectors.note_groups(code=code, ancestors=ancestors):
        for note in group.notes:
            if note.kind not in kinds:
                continue
            where = f" (at {_owner_place(group.owner)}, applies to the codes below it)" if group.inherited else ""
            lines.append(f"- {NoteKind(note.kind).label}{where}: {_note_text_checked(note.text, code)}")
            _cite(answer, _note_citation(note, group.owner))
    if lines:
        lines.insert(0, "\nNotes:")
        if any("Excludes1" in line for line in lines) or any("Excludes2" in line for line in lines):
            lines.append(
                "\nExcludes1: never coded together with this code (unless the conditions are unrelated). "
                "Excludes2: not included here, but both may be coded when the patient has both."
            )
    return lines

# An ICD-10-CM code written in a note, maybe with the dash of "and its subcodes".
# A range ("N18.1-N18.6") is left as written: its ends bound codes, they are not named.
NOTE_CODE = re.compile(r"(?<![\w.\-])([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?![\w.])(?!-[A-Z]\d)")
NOT_IN_CODE_SET = "code not in the code set"


def _note_text_checked(text: str, code: Code) -> str:
    """The note as written, less any code the tables in force lack: a tabular
    note may name a code that the tables do not hold (G31.90 in the F02 code
    first note), and an answer names only verified codes, so such a code is
    replaced by a remark saying so."""
    def checked(match: re.Match) -> str:
        return NOT_IN_CODE_SET if _missing_from_its_parent(match[1], code) else match[1]

    return NOTE_CODE.sub(checked, text)


def _missing_from_its_parent(written: str, code: Code) -> bool:
    """The tables hold the code's parent (G31.9) but not the code (G31.90): a
    code the classification does not have. A code whose parent the tables
    lack too is of a part of the tables not loaded, and is left as written."""
    if selectors.code_get(release=code.release, code=written) is not None:
        return False
    parent = written[:-1].rstrip(".")
    return len(parent) >= 3 and selectors.code_get(release=code.release, code=parent) is not None


def _search_citation(query: str, result) -> Citation:
    rewrite = next((reason for reason in (result.matched if result else []) if "→" in reason or " = " in reason), "")
    target = rewrite.split("→", 1)[-1].split(" = ", 1)[-1].split(" (")[0].strip() if rewrite else ""
    label = f"CodingDesk search: {query}" + (f" → {target}" if target else "")
    return Citation(label=label, url=f"/search?{urlencode({'q': query})}", source_kind=SourceKind.SEARCH)


def _why(result) -> str:
    return "; ".join(result.matched) if result.matched else "words of the title"
