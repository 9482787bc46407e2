"""Find code and range references in tabular note text.

ICD-10-CM notes cite codes in parentheses: "(S58.-)", "(M97.4)",
"(P35-P39)", "(E08-E13 with .311-.359)". We only look inside parentheses
so that words like "vitamin B12" are never taken for codes.
"""

import re

from codingdesk.lib.codes import normalize_code

PARENTHESES = re.compile(r"\(([^()]*)\)")
ICD10CM_REFERENCE = re.compile(
    r"(?<![A-Za-z0-9.])"
    r"(?P<first>[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)"
    r"(?P<dash>\.?-)?"
    r"(?:-(?P<last>[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:\.?-)?)?"
    r"(?![A-Za-z0-9])"
)


def find_references(text: str) -> list[dict]:
    """Each reference: its span in ``text``, the first and last code (normalized)
    and whether it stands for a whole family ("S58.-")."""
    references = []
    for group in PARENTHESES.finditer(text):
        offset = group.start(1)
        for match in ICD10CM_REFERENCE.finditer(group.group(1)):
            first = normalize_code(match["first"])
            last = normalize_code(match["last"]) if match["last"] else first
            references.append(
                {
                    "start": offset + match.start(),
                    "end": offset + match.end(),
                    "text": match.group(0),
                    "first": first,
                    "last": last,
                    "family": bool(match["dash"]) or match.group(0).endswith("-"),
                }
            )
    return references
