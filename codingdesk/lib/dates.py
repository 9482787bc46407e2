"""Dates typed by people, in forms, query strings and JSON."""

import datetime
import re

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_date_parse(text: str) -> datetime.date:
    """YYYY-MM-DD only. Python also reads 20260701 as a date (and pydantic a
    bare number as a Unix timestamp), and a typo must never check or price a
    claim against another day. ValueError says how to write the date."""
    text = text.strip()
    if ISO_DATE.match(text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:  # 2026-13-45
            pass
    raise ValueError(f"{text[:30]!r} is not a date; write the date of service as YYYY-MM-DD, e.g. 2026-07-01.")
