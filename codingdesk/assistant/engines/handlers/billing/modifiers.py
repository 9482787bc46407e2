"""Modifier questions: "What does modifier 25 mean?", "59 vs XS", answered
from the modifier guide (assistant/knowledge/modifiers.tsv) with its sources."""

from __future__ import annotations

import datetime
import re

from django.urls import reverse

from codingdesk.assistant.modifier_guide import ModifierEntry, modifier_get, modifier_guide_search
from codingdesk.codesets import selectors as code_selectors

from ...base import Answer, AnswerKind, Citation, CodeMention, Question, SourceKind
from ._shared import COMPARE_WORDS, MODIFIER_WORD, _claim_codes, _question_modifiers, _text_without_dates


# "Which modifier for a distinct procedural service?": a situation, no modifier named.
REVERSE_QUESTION = re.compile(
    r"\b(?:which|what) mod(?:ifier)?s?\b|\bmod(?:ifier)?s? (?:for|to use|do i use|should i use|shows?|means?)\b|"
    # "telehealth audio only modifier": the situation, then the word.
    r"^[a-z][\w\s/,'-]*\smod(?:ifier)?s?\s*\??$",
    re.IGNORECASE,
)
# "what does XE mean", "GT?": a modifier asked about without the word
# "modifier", written in capitals (or digits) so that English words never are.
# "what does KX mean on therapy claims": the setting after "mean" is context.
LONE_MODIFIER = re.compile(r"^(?:what(?:'s| is| does)\s+)?(?-i:(?P<modifier>[A-Z0-9]{2}))"
                           r"(?:\s+mean(?:\s+(?:on|for|in|with|when)\s[^?]*)?)?\s*\??$", re.IGNORECASE)


def modifier_handle(question: Question) -> Answer | None:
    text = _text_without_dates(question.text)
    modifiers, unknown = _question_modifiers(text)
    if MODIFIER_WORD.search(text):
        # "modifier on 97597-59": the one written on a code counts too.
        for line in _claim_codes(text):
            modifiers += [modifier for modifier in line.modifiers if modifier_get(modifier) and modifier not in modifiers]
    has_word = MODIFIER_WORD.search(text) is not None or _lone_modifier(text)
    dashed = re.search(r"(?<![A-Za-z0-9])-[A-Za-z0-9]{2}\b", text) is not None
    if not has_word and not dashed and not (len(modifiers) >= 2 and COMPARE_WORDS.search(text)):
        return None
    if not modifiers and not unknown and REVERSE_QUESTION.search(text):
        return _modifier_for_situation(text, question)
    if not modifiers:
        if not unknown:
            return None
        return Answer(
            markdown=f"Modifier {', '.join(unknown)} is not in the CodingDesk modifier guide, so I cannot say what "
            "it means. Check the CMS HCPCS modifier list or CPT Appendix A.",
            kind=AnswerKind.DECLINE,
        )
    entries = [modifier_get(modifier) for modifier in modifiers[:4]]
    citations = [_modifier_citation(entry) for entry in entries]
    if len(entries) == 1:
        markdown = _modifier_text(entries[0])
    else:
        markdown = _modifier_comparison(entries)
    if unknown:
        markdown += f"\n\nNot in the modifier guide: {', '.join(unknown)}."
    return Answer(markdown=markdown, citations=citations, codes=_modifier_mentions(entries, question.as_of))


def _lone_modifier(text: str) -> bool:
    match = LONE_MODIFIER.match(text.strip())
    return bool(match and not match["modifier"].isdigit() and modifier_get(match["modifier"]))


def _modifier_for_situation(text: str, question: Question) -> Answer | None:
    """The guide's entry that fits the situation described, and the runner-up
    when it fits as well by title, so that the coder can choose between them."""
    entries = modifier_guide_search(text)
    if not entries:
        return None
    markdown = f"The modifier for that is **{entries[0].modifier}**.\n\n{_modifier_text(entries[0])}"
    if len(entries) > 1:
        markdown += (f"\n\nAlso close: **modifier {entries[1].modifier}** ({entries[1].title}) [2]; "
                     "use the one the documentation supports.")
    return Answer(markdown=markdown, citations=[_modifier_citation(entry) for entry in entries],
                  codes=_modifier_mentions(entries, question.as_of))


def _modifier_text(entry: ModifierEntry) -> str:
    return (
        f"**Modifier {entry.modifier}** ({_kind(entry)}): {entry.title} [1].\n\n"
        f"- **Meaning:** {entry.meaning}\n"
        f"- **When to use it:** {entry.when_to_use}\n"
        f"- **Common errors:** {entry.common_errors}\n"
        f"- **NCCI:** {_ncci_sentence(entry)}"
    )


def _modifier_comparison(entries: list[ModifierEntry]) -> str:
    names = [f"**{entry.modifier}**" for entry in entries]
    rows = [
        "| | " + " | ".join(f"Modifier {entry.modifier} [{number}]" for number, entry in enumerate(entries, 1)) + " |",
        "|---" * (len(entries) + 1) + "|",
    ]
    for label, value in (
        ("Kind", _kind),
        ("Title", lambda entry: entry.title),
        ("Meaning", lambda entry: entry.meaning),
        ("When to use", lambda entry: entry.when_to_use),
        ("Common errors", lambda entry: entry.common_errors),
        ("NCCI-associated", lambda entry: "yes" if entry.ncci_associated else "no"),
    ):
        rows.append(f"| {label} | " + " | ".join(_cell(value(entry)) for entry in entries) + " |")
    bypass = [entry.modifier for entry in entries if entry.ncci_associated]
    if len(bypass) == len(entries):
        ncci = (
            f"All of {', '.join(bypass)} are NCCI-associated: each can bypass a PTP edit with modifier indicator 1 "
            "(never one with indicator 0). Use the most specific one that the documentation supports, and only one "
            "of them on a line."
        )
    elif bypass:
        ncci = (
            f"Only {', '.join(bypass)} can bypass a PTP edit with modifier indicator 1; "
            f"{', '.join(entry.modifier for entry in entries if not entry.ncci_associated)} cannot."
        )
    else:
        ncci = "None of them is NCCI-associated: none bypasses a PTP edit."
    return f"Modifiers {' and '.join(names)} side by side:\n\n" + "\n".join(rows) + f"\n\n{ncci}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _kind(entry: ModifierEntry) -> str:
    return "HCPCS Level II modifier" if entry.kind == "hcpcs" else "CPT modifier"


def _ncci_sentence(entry: ModifierEntry) -> str:
    if entry.ncci_associated:
        return (
            "NCCI-associated: on a PTP code pair whose modifier indicator is 1, it can bypass the edit when the "
            "documentation supports it; it never bypasses an edit with modifier indicator 0."
        )
    return "Not NCCI-associated: it does not bypass an NCCI PTP edit."


def _modifier_citation(entry: ModifierEntry) -> Citation:
    if entry.kind == "hcpcs":
        url = reverse("codesets:code_detail", args=["hcpcs_modifier", entry.modifier])
    else:
        url = reverse("edits:ptp_tool")
    return Citation(label=entry.source, url=url, source_kind=SourceKind.MODIFIER_GUIDE)


def _modifier_mentions(entries: list[ModifierEntry], on: datetime.date) -> list[CodeMention]:
    """HCPCS modifiers are a code system of their own; CPT modifiers are not
    imported as codes, so only the guide vouches for them."""
    mentions = []
    if not any(entry.kind == "hcpcs" for entry in entries):
        return mentions
    release = code_selectors.release_for_date(system="hcpcs_modifier", as_of=on)
    for entry in entries:
        if entry.kind != "hcpcs":
            continue
        valid = release is None or code_selectors.code_get(release=release, code=entry.modifier) is not None
        mentions.append(CodeMention(code=entry.modifier, system="hcpcs_modifier", title=entry.title, valid=valid))
    return mentions


