"""The conventions of the ICD-10-CM tabular, in our own words, each with
the guideline section that states it, and the words that name them."""

from __future__ import annotations

import re

from codingdesk.codesets.models import NoteKind


# Conventions of the ICD-10-CM tabular, in our own words, with the guideline section that states them.
CONVENTIONS = {
    "excludes1": (
        "**Excludes1** means *not coded here*: the excluded condition and the code above the note are never "
        "coded together (they cannot occur together, e.g. a congenital and an acquired form). The exception "
        "(guideline I.A.12.a): when the two conditions are unrelated, both may be reported.",
        "Section I.A.12.a, Excludes1",
    ),
    "excludes2": (
        "**Excludes2** means *not included here*: the excluded condition is not part of the code above the "
        "note, but a patient may have both at the same time, so both codes may be reported together when "
        "appropriate.",
        "Section I.A.12.b, Excludes2",
    ),
    "code first": (
        "**Code first** and **use additional code** set the sequencing of an etiology/manifestation pair "
        "(and other pairs): the underlying condition is sequenced first and the manifestation after it; a "
        "code with a *code first* note is never listed first.",
        "Section I.A.13, Etiology/manifestation convention",
    ),
    "code also": (
        "**Code also** says two codes may be needed to describe a condition fully; unlike *code first*, it does "
        "not set the order, which depends on the circumstances of the encounter.",
        "Section I.A.17, Code also note",
    ),
    "7th character": (
        "Some categories need a **7th character** (for injuries: A initial encounter, D subsequent encounter, "
        "S sequela). It is required for every code in the category, and a code without it is invalid.",
        "Section I.A.5, 7th characters",
    ),
    "placeholder": (
        "The **placeholder X** fills the empty positions of a code that needs a 7th character but has fewer "
        "than six characters (S13.4 + A becomes S13.4XXA), so the 7th character stays in the 7th position.",
        "Section I.A.4, Placeholder character",
    ),
}
CONVENTION_WORDS = [
    ("excludes1", re.compile(r"\bexcludes?\s*-?\s*(1|one)\b", re.I)),
    ("excludes2", re.compile(r"\bexcludes?\s*-?\s*(2|two)\b", re.I)),
    ("code first", re.compile(r"\b(code first|use additional)\b", re.I)),
    ("code also", re.compile(r"\bcode also\b", re.I)),
    ("7th character", re.compile(r"\b(7th|seventh) char", re.I)),
    ("placeholder", re.compile(r"\bplaceholder\b", re.I)),
]
NOTE_KIND_OF_CONVENTION = {
    "excludes1": [NoteKind.EXCLUDES1],
    "excludes2": [NoteKind.EXCLUDES2],
    "code first": [NoteKind.CODE_FIRST, NoteKind.USE_ADDITIONAL],
    "code also": [NoteKind.CODE_ALSO],
}
