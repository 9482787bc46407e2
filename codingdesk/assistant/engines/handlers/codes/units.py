"""Billing units of a HCPCS drug code for the dose a question gives ("units
for J1885 60mg"): the dosage in the code's descriptor ("per 15 mg", "up to
125 mg") is one unit, so the units are the dose divided by it, rounded up to
a whole unit when the dose is not a multiple of it (a partial unit is billed
as one). Only a code whose descriptor states a dose in the same measure as
the question is counted; otherwise nothing is said."""

from __future__ import annotations

import math
import re

DOSE_ASKED = re.compile(r"\b(\d+(?:\.\d+)?)\s*(mg|mcg|ml|grams?|gm?|units?)\b", re.I)
# Masses are compared in milligrams: "Rocephin 1 gram" is 1000 mg, four units of "per 250 mg".
MILLIGRAMS = {"g": 1000.0, "mg": 1.0, "mcg": 0.001}
# "per 15 mg", "up to 125 mg", "10 mg" at the end of a clause of the descriptor.
DOSE_IN_TITLE = re.compile(r"(?:\bper\b|\bup to\b|,)\s*(\d+(?:\.\d+)?)\s*(mg|mcg|ml|gm?|units?)\b", re.I)


def units_line(question_text: str, code_text: str, title: str) -> str | None:
    """The sentence giving the units, or None when the question gives no dose
    or the descriptor has none in the same measure."""
    asked = DOSE_ASKED.search(question_text)
    unit = DOSE_IN_TITLE.search(title)
    if asked is None or unit is None:
        return None
    dose, per = float(asked[1]), float(unit[1])
    measure, per_measure = _measure(asked[2]), _measure(unit[2])
    if measure != per_measure and {measure, per_measure} <= MILLIGRAMS.keys():
        dose = dose * MILLIGRAMS[measure] / MILLIGRAMS[per_measure]
        asked_text = f"{_number(float(asked[1]))} {asked[2].lower()} ({_number(dose)} {unit[2].lower()})"
    elif measure != per_measure:
        return None
    else:
        asked_text = f"{_number(dose)} {asked[2].lower()}"
    if per <= 0:
        return None
    units = math.ceil(round(dose / per, 6))
    return (f"\nUnits: {asked_text} at {_number(per)} {unit[2].lower()} a unit (the dosage in "
            f"the {code_text} descriptor) is **{units} unit{'s' if units != 1 else ''}**; a dose that is not a "
            f"multiple of the descriptor's dosage is rounded up to the next whole unit.")


def _measure(word: str) -> str:
    word = word.lower()
    return "unit" if word.startswith("unit") else "g" if word in ("g", "gm", "gram", "grams") else word


def _number(value: float) -> str:
    return f"{value:g}"
