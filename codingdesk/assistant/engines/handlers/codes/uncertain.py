"""Uncertain diagnoses in a code question: "chest pain, r/o MI", "probable
pneumonia". The condition after "rule out" is not coded in the outpatient
setting, where the symptoms are (guideline IV.H), and is coded as if it
existed for an inpatient discharge (guideline II.H); the answer codes what
is certain and says both rules."""

from __future__ import annotations

import re

from ...base import Answer
from ._shared import _cite, _guideline_citation

UNCERTAIN = re.compile(
    r"[,;]?\s*\b(?:rule out|ruled out|r/o|probable|suspected|possible|likely|questionable|"
    r"consistent with|compatible with|working diagnosis of)\b(?P<uncertain>.*)$",
    re.I,
)
NOTE = (
    "\n\n“{uncertain}” is documented as uncertain. Outpatient: do not code it; code the signs and symptoms "
    "instead (guideline IV.H). Inpatient, at discharge: code it as if it existed (guideline II.H)."
)


def split_uncertain(query: str) -> tuple[str, str]:
    """(what the query states as certain, what it names as uncertain)."""
    match = UNCERTAIN.search(query)
    if match is None or not match.start():
        return query, ""
    return query[: match.start()].strip(" ,;"), match["uncertain"].strip(" ,;.")


def add_uncertain_note(answer: Answer, uncertain: str) -> Answer:
    answer.markdown += NOTE.format(uncertain=uncertain)
    _cite(answer, _guideline_citation("Section IV.H (uncertain diagnosis, outpatient)"))
    _cite(answer, _guideline_citation("Section II.H (uncertain diagnosis, inpatient)"))
    return answer
