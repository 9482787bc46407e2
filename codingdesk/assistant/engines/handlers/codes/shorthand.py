"""Coder shorthand spelled out before a code question is read: "DM2 w/ CKD3a",
"colles fx lt wrist, init", "sepsis d/t E coli UTI". The search has its own
vocabulary for diagnoses (CHF, NSTEMI, ETOH); this table holds the chart
words the handlers' own patterns read (side, encounter, "with", "due to",
diabetes type, CKD stage), so that "lt" counts as a side and "init" as an
encounter, as they do for a coder."""

from __future__ import annotations

import re

# (pattern, replacement), applied in order, case-insensitive, on word boundaries.
SHORTHAND: list[tuple[str, str]] = [
    (r"w/o\b", "without "),
    (r"w/(?=\s|\w)", "with "),
    (r"d/t\b", "due to"),
    (r"s/p\b", "status post"),
    (r"h/o\b", "history of"),
    (r"f/u\b", "follow up"),
    (r"\bhx of\b", "history of"),
    (r"\bhx\b", "history of"),
    (r"\bfxs?\b", "fracture"),
    (r"r/o\b", "rule out"),
    (r"\blt\b", "left"),
    # A capital L or R before a word is the side in chart notes ("L hip fx").
    (r"(?-i:\bL\b)(?=\s+[a-zA-Z])", "left"),
    (r"(?-i:\bR\b)(?=\s+[a-zA-Z])", "right"),
    (r"\brt\b", "right"),
    (r"\bbilat\b", "bilateral"),
    (r"\binit\b", "initial"),
    (r"\bsubseq\b|\bsubsq\b", "subsequent"),
    (r"\benc\b", "encounter"),
    # An emergency department or first visit is active treatment, the initial
    # encounter of an injury or poisoning (guideline I.C.19.a); "ED" is no diagnosis here.
    (r"\b(?:ed|er|emergency department|emergency room|first) (?:visit|encounter)\b|\bseen in (?:the )?(?:ed|er)\b",
     "initial encounter"),
    # A fracture's healing is documented at the subsequent encounter (7th
    # characters D, G, K, P; guideline I.C.19.c.1): "healing as expected" is
    # routine healing, "delayed healing" is G.
    (r"\bhealing (?:as expected|normally|well)\b|\bnormal healing\b", "routine healing"),
    (r"(?<!encounter with )\b(routine|delayed) healing\b", r"subsequent encounter with \1 healing"),
    (r"\bpts?\b", "patient"),
    # Burn depth as charted ("2nd degree") in the tabular's words ("second degree").
    (r"\b1st(?=[- ]degree)", "first"),
    (r"\b2nd(?=[- ]degree)", "second"),
    (r"\b3rd(?=[- ]degree)", "third"),
    (r"\binj\b", "injection"),
    (r"\bwks?\b", "weeks"),
    # The tabular names the ends of a long bone "lower end" and "upper end" (S52.5-, S72.0-).
    (r"\bdistal (radius|ulna|femur|tibia|fibula|humerus)\b", r"lower end of \1"),
    (r"\bproximal (radius|ulna|femur|tibia|fibula|humerus)\b", r"upper end of \1"),
    # "80mg" is written "80 mg" in the HCPCS drug titles.
    (r"\b(\d+(?:\.\d+)?)(mg|mcg|ml|gm?)\b", r"\1 \2"),
    # Diabetes type and CKD stage are axes the answer checks (codes/ranking.py).
    (r"\b(?:t2dm|dm\s?(?:2|ii)|dm type 2|type 2 dm|type ii dm)\b", "type 2 diabetes mellitus"),
    (r"\b(?:t1dm|dm\s?(?:1|i)|dm type 1|type 1 dm|type i dm)\b", "type 1 diabetes mellitus"),
    (r"\bckd\s?(?:stage\s?)?([1-5][ab]?)\b", r"chronic kidney disease stage \1"),
]
COMPILED = [(re.compile(pattern, re.I), replacement) for pattern, replacement in SHORTHAND]


def expand_shorthand(text: str) -> str:
    for pattern, replacement in COMPILED:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s{2,}", " ", text).strip()
