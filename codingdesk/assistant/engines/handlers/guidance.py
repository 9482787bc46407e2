"""Guideline questions: "Guidelines for E/M services", "How do I sequence
sepsis with septic shock?", "Excision or resection?". Answered from the
reviewed guideline knowledge base (assistant/knowledge/guidelines/), each
entry citing its official source section."""

from __future__ import annotations

import re

from codingdesk.assistant.guidelines import GuidelineEntry, guideline_names_topic, guideline_search
from codingdesk.assistant.verification import code_mentions

from ..base import Answer, Citation, Question, SourceKind

# Words that make a question about rules rather than about one code; without
# one, "code for sepsis" goes on to the code search, which gives a code.
RULE_WORDS = re.compile(
    r"\b(guidelines?|sequenc\w*|first[- ]listed|principal|rules?|convention\w*|difference|versus|vs\.?|"
    r"when (?:to|do|should|can|is)|how (?:do|should|to) (?:i |we )?(?:code|report|bill|choose|pick|sequence)|"
    r"what counts|level|mdm|medical decision making|by time|root operation|policy|explain|"
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
        codes=code_mentions(main.codes, as_of=question.as_of),
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
        return MEANING.sub(" ", text)
    return None


def _asks_about_rules(text: str) -> bool:
    if RULE_WORDS.search(text):
        return True
    return bool(MEANING.search(text)) and not re.search(r"\d", SYSTEM_NAME.sub(" ", text))


def _citations(entries: list[GuidelineEntry]) -> list[Citation]:
    return [Citation(label=entry.source, url="", source_kind=SourceKind.GUIDELINE) for entry in entries]


HANDLERS = [guideline_question]
