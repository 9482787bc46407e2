"""What a coder types into the edit checks, read into what the checks take:
a claim's codes (``11042, 97597-59 0001A``), a date of service, a number of
units and a setting.

One parser for the API (api.py turns the ValueError into a 400) and the tool
pages (views.py shows it beside the form). Every ValueError carries one
sentence that says what to write instead. Nothing here touches the database.
"""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from codingdesk.lib.dates import iso_date_parse

from .checks import ClaimCode

CODE = re.compile(r"^[A-Z0-9]{5}$")
MODIFIER = re.compile(r"^[A-Z0-9]{2}$")
# Codes are separated by commas or spaces; spaces around a modifier's dash
# ("97597 - 59") are dropped first, so they do not split a code from it.
SEPARATORS = re.compile(r"[\s,]+")
SPACED_DASH = re.compile(r"\s*-\s*")
# An 837P claim holds at most 50 service lines.
MAX_CODES = 50
MAX_UNITS = 99_999


def claim_codes_parse(text: str, *, allow_modifiers: bool = True) -> list[ClaimCode]:
    """The codes in ``text``, in order, each with its modifiers; with
    ``allow_modifiers`` False, exactly one code and no modifier."""
    tokens = [token.upper() for token in SEPARATORS.split(SPACED_DASH.sub("-", text)) if token]
    if not tokens:
        raise ValueError("Give at least one CPT/HCPCS code.")
    if len(tokens) > MAX_CODES:
        raise ValueError(f"A claim holds at most {MAX_CODES} lines; {len(tokens)} codes were given.")
    if not allow_modifiers and (len(tokens) > 1 or "-" in tokens[0]):
        raise ValueError(f"{text.strip()[:40]!r}: give one code, without modifiers.")
    lines = []
    for token in tokens:
        code, *modifiers = token.split("-")
        if not CODE.match(code):
            raise ValueError(
                f"{token[:40]!r} is not a CPT/HCPCS code: five letters or digits, modifiers after dashes (97597-59)."
            )
        for modifier in modifiers:
            if not MODIFIER.match(modifier):
                raise ValueError(f"{token[:40]!r}: {modifier[:10]!r} is not a modifier (two letters or digits).")
        lines.append(ClaimCode(code=code, modifiers=tuple(modifiers)))
    return lines


def date_of_service_parse(text: str | None) -> datetime.date:
    """YYYY-MM-DD, or today when blank. Python would also read 20260701, and
    a typo must not check the claim against another day's edits."""
    if text is None or not text.strip():
        return timezone.localdate()
    return iso_date_parse(text)


def units_parse(text: str) -> int:
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_UNITS:
        raise ValueError(f"units must be a whole number from 1 to {MAX_UNITS:,}; got {text[:20]!r}.")
    return int(text)


def setting_parse(setting: str, settings: dict) -> str:
    """``setting`` if it is one of the keys of ``settings`` (PTP_DATASETS or MUE_DATASETS)."""
    if setting not in settings:
        raise ValueError(f"{setting[:30]!r} is not a setting here; choose one of {', '.join(settings)}.")
    return setting
