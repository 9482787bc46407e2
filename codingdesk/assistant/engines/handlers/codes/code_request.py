"""Where a code-for question says what it wants coded. Coders ask the way they
type into a search box: "code for hives", but also "NSTEMI dx code",
"hcpcs for oxygen concentrator", "DM2 w/ CKD3a - what do I code?",
"pt presents with dog bite...", or the diagnosis alone. This module finds the
description and the words that name the code system, and says when a bare
description may be read as a request at all."""

from __future__ import annotations

import re
from dataclasses import dataclass

SYSTEM_WORDS = (r"(?:icd[- ]?10(?:[- ]?(?:cm|pcs))?|icd|pcs|cpt|hcpcs(?: level ii)?|dx|diagnosis|procedure|"
                r"j|dme|supply|drug|billing)")
# "code for X", "how do I code X", "ICD-10 for X", "hcpcs code X", "pcs for X"
LEADING = re.compile(
    rf"^(?:what(?:'s| is| are)?(?: the)?\s+|which\s+|need (?:the |a )?|looking for (?:the |a )?)?"
    # "what's the right code for X": an adjective before "code" asks the same thing.
    r"(?:(?:right|correct|best|proper|appropriate|best fitting)\s+)?"
    rf"(?:(?P<system>{SYSTEM_WORDS}(?:\s+{SYSTEM_WORDS})?)\s+)?"
    rf"(?:(?:codes?|code number)\s+(?:for|of)\s+|(?:codes?)\s+(?=\w)|(?<=\S\s)(?:for|of)\s+)(?P<query>.+)$"
    r"|^how (?:do i|to|should i|would i|do we) code\s+(?P<query2>.+)$",
    re.I,
)
# "X - what do I code?", "X dx code", "X icd10", "X, hcpcs code pls"
TRAILING = re.compile(
    rf"^(?P<query>.+?)[\s,:;-]+(?:(?:what|which|how) (?:do|should|would) (?:i|we) code|"
    rf"what(?:'s| is) the (?:{SYSTEM_WORDS}\s+)?code|"
    rf"(?P<system>{SYSTEM_WORDS}(?:\s+{SYSTEM_WORDS})?)(?:\s+codes?)?)"
    # "Zofran 4 mg IV, hcpcs and units": the units are answered with the drug code.
    r"(?:\s+(?:and|&|\+|w/|with)\s+(?:how many\s+)?(?:units|billing units)(?:\s+to bill)?)?"
    r"(?:\s+(?:pls|please|plz))?$",
    re.I,
)
# Chart language that leads into the condition: "pt presents with ...".
CHART_LEAD = re.compile(
    # "Pt is a 58 yo F s/p ...": age and sex open a chart line; they are no part of the condition.
    r"^(?:(?:(?:the\s+)?(?:patient|pt)\s+)?(?:is\s+)?(?:an?\s+)?\d{1,3}[- ]?(?:yo|y/o|yrs?|years?[- ]old)\s*"
    r"(?:[mf]|male|female|man|woman|boy|girl)?\b[\s,]*(?:(?:who\s+)?(?:presents|presented|is seen|seen|comes in)\s+"
    r"(?:with|w/|for)\s*|with\s+|w/\s*|c/o\s+|complains of\s+)?|"
    r"(?:the\s+)?(?:patient|pt)\s+(?:presents|presented|came in|comes in|is seen|was seen|seen|"
    r"(?:was |is )?admitted)\s+"
    r"(?:with|w/|for)\s*|(?:the\s+)?(?:patient|pt)\s+(?:has|had|with|w/|c/o|complains of|complaining of|"
    r"reports|here for)\s*|"
    r"(?:dx|diagnosis|assessment)\s*(?:is|was|:)\s*)",
    re.I,
)
# Trailing remarks about the record, not part of the condition.
# "no definitive dx at end of visit" says a sign or symptom is all the record
# supports (guideline IV.D: code the symptom when no diagnosis is established).
# "primary still present" says the primary site is coded too (guideline I.C.2.d),
# which the primary named in the question gets; it is no condition to search.
RECORD_REMARK = re.compile(r",?\s*(?:(?:no|without) (?:other|further|more) (?:detail|details|info\w*|documentation)|"
                           r"(?:the )?primary (?:is )?(?:still )?(?:present|active|in place|not (?:resected|removed))|"
                           r"no (?:definitive|definite|confirmed|final|established) (?:dx|diagnosis))\b.*$",
                           re.I)
# A bare description is read as a request only without these: they ask for
# clinical advice, a claim change, or something else (those are declined).
NOT_A_CODE_REQUEST = re.compile(
    # "completed treatment 5 yrs ago" is a fact of the record (a history code), not a request for advice.
    r"\b((?<!completed )(?<!finished )(?<!no current )(?<!no )(?<!after )treat\w*|therap(?:y|ies) for|dose|dosing|dosage|prescrib(?:e|es|ing)|medication for|should i give|what (?:abx|"
    r"antibiotic)|abx|diagnose|prognosis|upcod\w*|word the note|so (?:the )?insurance pays|get paid more|"
    r"weather|joke|poem|stock|recommend|who won|translate|password|ignore)\b",
    re.I,
)
QUESTION_START = re.compile(r"^(?:what|which|how|who|why|when|where|should|would|could|can|do|does|is|are|will|"
                            r"tell|write|help)\b",
                            re.I)
MAX_BARE_WORDS = 16


@dataclass(frozen=True)
class CodeRequest:
    query: str
    system_words: str  # the words that may name a code system ("pcs", "dx code")
    explicit: bool  # the question asked for a code in so many words


def code_request(text: str) -> CodeRequest | None:
    """The description a code question asks about, or None."""
    stripped = text.strip().rstrip("?.! ")
    match = LEADING.match(stripped)
    if match and (match.group("query") or match.group("query2")):
        query = match.group("query") or match.group("query2")
        return _request(query, match.group("system") or "", explicit=True)
    match = TRAILING.match(stripped)
    if match and len(match.group("query").split()) >= 1 and match.group("query") != stripped:
        return _request(match.group("query"), match.group("system") or "", explicit=True)
    return None


def bare_description(text: str) -> CodeRequest | None:
    """A question that is only a description ("NSTEMI", "pt presents with
    cellulitis lt leg"), which a coder means as "code for": never a question
    of another kind, clinical advice or chit-chat."""
    stripped = text.strip().rstrip("?.! ")
    if NOT_A_CODE_REQUEST.search(stripped) or len(stripped.split()) > MAX_BARE_WORDS:
        return None
    lead = CHART_LEAD.match(stripped)
    if lead is None and QUESTION_START.match(stripped):
        return None
    return _request(stripped[lead.end():] if lead else stripped, "", explicit=False)


def _request(query: str, system_words: str, *, explicit: bool) -> CodeRequest | None:
    query = CHART_LEAD.sub("", query.strip(" ,:;-"))
    query = RECORD_REMARK.sub("", query).strip(" ,:;-")
    return CodeRequest(query=query, system_words=system_words, explicit=explicit) if query else None
