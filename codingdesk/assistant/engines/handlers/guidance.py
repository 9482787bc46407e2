"""Guideline questions: "Guidelines for E/M services", "How do I sequence
sepsis with septic shock?", "Excision or resection?". Answered from the
reviewed guideline knowledge base (assistant/knowledge/guidelines/), each
entry citing its official source section."""

from __future__ import annotations

import re

from codingdesk.assistant.guidelines import GuidelineEntry, guideline_names_topic, guideline_search
from codingdesk.assistant.verification import code_mentions
from codingdesk.lib.codes import is_code_shaped, normalize_code

from ..base import Answer, Citation, Question, SourceKind

# Words that make a question about rules rather than about one code; without
# one, "code for sepsis" goes on to the code search, which gives a code.
RULE_WORDS = re.compile(
    r"\b(guidelines?|sequenc\w*|first[- ]listed|principal|rules?|convention\w*|difference|versus|vs\.?|"
    r"when (?:to|do|should|can|is)|how (?:do|should|to) (?:i |we )?(?:code|report|bill|choose|pick|sequence)|"
    # "which goes first?", "what's listed first": a sequencing question (guideline II, IV.G).
    r"(?:goes|go|listed|coded|reported|sequenced) first|"
    # "are external cause codes required?": whether a kind of code is reported at all.
    r"(?:are|is)\b.{1,40}\bcodes? (?:required|mandatory|needed|necessary)|"
    r"what counts|level|mdm|medical decision making|by time|root operation|policy|explain|"
    # "symptoms integral to the dx - do I code them?", "history code or current
    # cancer?": a rule about whether a code applies, not a code request.
    r"(?:do|should|can) (?:i|we) (?:still )?(?:code|report|assign) (?:it|them|this|that|both|these|those)|"
    r"history (?:code )?(?:or|vs\.?|versus) (?:current|active)|(?:current|active) (?:or|vs\.?|versus) history|"
    r"how (?:is|are|should|do you)\b.*\b(?:coded|reported|sequenced))\b",
    re.IGNORECASE,
)
# "How do I code headache?" asks for a code unless a guideline is about that
# topic ("How do I code a pathological fracture?").
HOW_TO_CODE = re.compile(r"^how (?:do|should|to) (?:i |we )?code\s+(?P<topic>.+)$", re.IGNORECASE)
# "What does 'with' mean?", "Should I code a probable diagnosis?": rules, when no
# code is named (a code's meaning is a lookup, two codes a convention
# question). ICD-10 in the question is no code.
MEANING = re.compile(r"\bwhat does\b.+\bmean\b|\b(?:can|should|may) (?:i|we|you) (?:code|report|assign)\b",
                     re.IGNORECASE)
PRIMARY = re.compile(r"\b(?:as|be|the) (?:primary|main|first)\b|\bprimary (?:dx|diagnosis)\b", re.IGNORECASE)
SYSTEM_NAME = re.compile(r"\bicd-?10(?:-?(?:cm|pcs))?\b", re.IGNORECASE)
RELATED_SHOWN = 2


def guideline_question(question: Question) -> Answer | None:
    if not _asks_about_rules(question.text):
        return None
    topic = _topic_asked(question.text)
    entries = guideline_search(question.text, limit=1 + RELATED_SHOWN)
    if not entries or (topic is not None and not guideline_names_topic(entries[0], topic)):
        return None
    main, related = entries[0], entries[1:]
    markdown = f"**{main.title}**\n\n{main.body}\n"
    if related:
        markdown += "\nRelated: " + "; ".join(entry.title for entry in related) + ".\n"
    markdown += "\n**Sources:**\n" + "\n".join(
        f"{number}. {citation.label}" for number, citation in enumerate(_citations(entries), start=1)
    )
    return Answer(
        markdown=markdown,
        codes=code_mentions(_codes_only(main.codes), as_of=question.as_of),
        citations=_citations(entries),
    )


def _topic_asked(text: str) -> str | None:
    """For a question whose only rule word is "code" ("how do I code ...",
    "should I code ..."), the words left: the best entry must be about them,
    not merely about coding."""
    how_to_code = HOW_TO_CODE.match(text.strip().rstrip("?.! "))
    if how_to_code:
        return how_to_code["topic"]
    if not RULE_WORDS.search(text):
        # "What does NEC mean?": the words between are the topic.
        inner = re.search(r"\bwhat does\b(?P<topic>.+)\bmean\b", text, re.IGNORECASE)
        return inner["topic"] if inner and inner["topic"].strip() else MEANING.sub(" ", text)
    return None


def _asks_about_rules(text: str) -> bool:
    # "E11.9 vs E11.65", "Excludes1 and Excludes2 for N39.0 and R31.9": two
    # codes typed are compared from their own entries and notes.
    if len(code_tokens(text)) >= 2:
        return False
    if RULE_WORDS.search(text):
        return True
    # "Can Z codes be primary?" asks a sequencing rule; with a code typed
    # ("can I use I69.351 as primary") the code's own notes answer it.
    if PRIMARY.search(text) and not re.search(r"\d", SYSTEM_NAME.sub(" ", text)):
        return True
    return bool(MEANING.search(text)) and not re.search(r"\d", SYSTEM_NAME.sub(" ", text))


def code_tokens(text: str) -> list[str]:
    """Dotted ICD-10-CM codes and five-character CPT/HCPCS codes typed in the text."""
    tokens = re.findall(r"(?<![\w.])([A-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}|[A-Z]\d{2}|[A-Z]\d{4}|\d{4}[0-9A-Z])(?![\w.])",
                        SYSTEM_NAME.sub(" ", text))
    return [token for token in tokens if is_code_shaped(normalize_code(token))]


def _codes_only(codes: tuple[str, ...]) -> list[str]:
    """The entry's codes without the modifiers a modifier entry lists ("25",
    "XS"): a modifier is two characters and no code, so it is not checked
    against the code tables as one."""
    return [code for code in codes if len(code.strip()) > 2]


def _citations(entries: list[GuidelineEntry]) -> list[Citation]:
    return [Citation(label=entry.source, url="", source_kind=SourceKind.GUIDELINE) for entry in entries]


HANDLERS = [guideline_question]
