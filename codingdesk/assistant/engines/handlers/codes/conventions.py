"""Notes and conventions: "What does Excludes1 mean?", "Can E11.9 and
O24.410 be coded together?", "What are the code first notes for N18.4?"."""

from __future__ import annotations

import re

from codingdesk.codesets import selectors
from codingdesk.codesets.models import Code, CodeSystem, NoteKind
from codingdesk.lib.codes import normalize_code

from ...base import Answer, Question
from ._shared import (
    LIST_LIMIT,
    _cite,
    _code_tokens,
    _find,
    _guideline_citation,
    _link,
    _mention,
    _note_citation,
    _notes_lines,
    _page_citation,
    _shape_systems,
    _title,
)
from .lookup import _invalid_code_answer
from .tabular_conventions import CONVENTION_WORDS, CONVENTIONS, NOTE_KIND_OF_CONVENTION


# "Can I code X with Y", "X and Y both coded?", "X plus Y together ok?".
CODING_VERB = r"\b(?:code[ds]?|report(?:ed|able)?|bill(?:ed|able)?|use[ds]?|assign(?:ed)?)\b"
TOGETHER = re.compile(
    rf"{CODING_VERB}.*\b(?:with|and|together)\b|\b(?:with|and|plus)\b.*{CODING_VERB}|"
    r"\b(?:together|both|plus|along with|same claim)\b|"
    # "is Z79.4 required with E11.65": whether one code goes with the other.
    r"\b(?:required|needed|necessary|mandatory|go(?:es)? with)\b.*\bwith\b|\bgo(?:es)? with\b|"
    # "E11.9 vs E11.65": the two titles side by side, and any note between them.
    r"\b(?:vs\.?|versus|difference|differ|compare)\b",
    re.I,
)


COMPARE = re.compile(r"\b(?:vs\.?|versus|difference|differ|compare)\b", re.I)


def handle_conventions(question: Question) -> Answer | None:
    tokens = _code_tokens(question.text)
    topics = [name for name, pattern in CONVENTION_WORDS if pattern.search(question.text)]
    # Two codes and "together", or an Excludes note asked about between them.
    excludes = {"excludes1", "excludes2"} & set(topics)
    if len(tokens) == 2 and (TOGETHER.search(question.text) or excludes):
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
    lines += _sequencing_lines(first, second, answer)
    if not verdicts and COMPARE.search(question.text):
        # A comparison is not a question of coding both: E11.9 (without
        # complications) and E11.65 are alternatives, which no Excludes note says.
        lines.append(f"The titles above are the difference. No Excludes1 or Excludes2 note of {first.code}, "
                     f"{second.code} or the codes above them names the other; pick the code, or codes, that the "
                     "documentation supports.")
    elif not verdicts:
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


def _sequencing_lines(first: Code, second: Code, answer: Answer) -> list[str]:
    """A "use additional code" or "code first" note of one code that names the
    other: the pair is expected together, in the order the note sets
    (guideline I.A.13, etiology/manifestation and paired codes)."""
    lines = []
    for code, other in ((first, second), (second, first)):
        for kind, order in ((NoteKind.USE_ADDITIONAL, f"{code.code} first, then {other.code}"),
                            (NoteKind.CODE_FIRST, f"{other.code} first, then {code.code}")):
            hit = _excluding_note(code, other, kind)
            if hit is None:
                continue
            note, owner = hit
            where = code.code if owner.id == code.id else f"{owner.code} (above {code.code})"
            lines.append(f"The {NoteKind(kind).label.lower()} note at {where} names “{note.text}”, which covers "
                         f"{other.code}: report both when documented, {order}.")
            _cite(answer, _note_citation(note, owner))
            answer.citations.append(_guideline_citation(CONVENTIONS["code first"][1]))
    return lines


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


