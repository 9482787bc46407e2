"""Guideline questions: "Guidelines for E/M services", "How do I sequence
sepsis with septic shock?", "Excision or resection?". Answered from the
reviewed guideline knowledge base (assistant/knowledge/guidelines/), each
entry citing its official source section."""

from __future__ import annotations

import re

from codingdesk.assistant.guidelines import GuidelineEntry, guideline_search
from codingdesk.assistant.verification import code_mentions

from ..base import Answer, Citation, Question, SourceKind

# Words that make a question about rules rather than about one code; without
# one, "code for sepsis" goes on to the code search, which gives a code.
RULE_WORDS = re.compile(
    r"\b(guidelines?|sequenc\w*|first[- ]listed|principal|rules?|convention\w*|difference|versus|vs\.?|"
    r"when (?:to|do|should|can|is)|how (?:do|should|to) (?:i |we )?(?:code|report|bill|choose|pick|sequence)|"
    r"what counts|level|mdm|medical decision making|by time|root operation|policy|explain)\b",
    re.IGNORECASE,
)
RELATED_SHOWN = 2


def guideline_question(question: Question) -> Answer | None:
    if not RULE_WORDS.search(question.text):
        return None
    entries = guideline_search(question.text, limit=1 + RELATED_SHOWN)
    if not entries:
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


def _citations(entries: list[GuidelineEntry]) -> list[Citation]:
    return [Citation(label=entry.source, url="", source_kind=SourceKind.GUIDELINE) for entry in entries]


HANDLERS = [guideline_question]
