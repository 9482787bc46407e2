"""Claim lines as a coder pastes them, one service a line:

    CODE[-MOD[-MOD...]] [UNITS] [POINTERS]

separated by spaces, tabs or commas: ``99213-25 1 A``, ``20610-RT 1 AB``,
``J1100 4 A``, or a row copied from a spreadsheet, ``11042<tab>59<tab>1<tab>1,2``.

Modifiers may also stand alone before the units (``11042 59 1 A``). Units
default to 1. Diagnosis pointers (box 24E of the CMS-1500) come after the
units: letters A-L, run together (``AB``) or apart, or the numbers 1-12 of
an 837 or a spreadsheet; they are kept as letters.

Nothing here touches the database.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from codingdesk.lib.dates import iso_date_parse

# An 837P claim holds at most 50 service lines.
MAX_LINES = 50
MAX_UNITS = 999
# The CMS-1500 has four modifier boxes and four pointers a line, and up to
# twelve diagnoses (A-L) a claim.
MAX_MODIFIERS = 4
MAX_POINTERS = 4
POINTER_LETTERS = "ABCDEFGHIJKL"

CODE = re.compile(r"^[A-Z0-9]{5}$")
MODIFIER = re.compile(r"^[A-Z0-9]{2}$")
SEPARATORS = re.compile(r"[\s,]+")
LETTER_POINTERS = re.compile(rf"^[{POINTER_LETTERS}]{{1,{MAX_POINTERS}}}$")
# A two-digit token standing alone is read as a modifier only if it is one
# of the numeric CPT/HCPCS modifiers; otherwise "J1100 10 1" would lose its
# 10 units to a modifier "10" that does not exist.
NUMERIC_MODIFIERS = frozenset(
    "22 23 24 25 26 27 32 33 47 50 51 52 53 54 55 56 57 58 59 62 63 66 73 74 76 77 78 79 80 81 82 "
    "90 91 92 93 95 96 97 99".split()
)
EXAMPLE = "99213-25 1 A"


@dataclass(frozen=True)
class ClaimLine:
    number: int
    code: str
    modifiers: tuple[str, ...] = ()
    units: int = 1
    pointers: tuple[str, ...] = ()
    # Set when the line could be read two ways, to say which was taken.
    note: str = ""


class ClaimLinesInvalid(Exception):
    """One message a bad line, each starting "line N: "."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(" ".join(errors))


def claim_text_parse(text: str) -> list[ClaimLine]:
    """Every non-blank line of ``text`` as a ClaimLine, numbered as pasted;
    ``ClaimLinesInvalid`` with every bad line's message otherwise."""
    rows = [(number, row.strip()) for number, row in enumerate(text.splitlines(), start=1) if row.strip()]
    _check_count(len(rows))
    lines, errors = [], []
    for number, row in rows:
        try:
            lines.append(_parse_row(number, row))
        except _LineError as error:
            errors.append(f"line {number}: {error}")
    if errors:
        raise ClaimLinesInvalid(errors)
    return lines


def claim_lines_build(rows: list[dict]) -> list[ClaimLine]:
    """Lines given field by field ({"code", "modifiers", "units", "pointers"}),
    checked as pasted lines are."""
    _check_count(len(rows))
    lines, errors = [], []
    for number, row in enumerate(rows, start=1):
        try:
            modifiers = [_modifier(str(modifier)) for modifier in row.get("modifiers") or []]
            code, *attached = _code_and_modifiers(str(row.get("code", "")))
            pointers = [pointer for item in row.get("pointers") or [] for pointer in _pointers(str(item))]
            lines.append(_line(number, code, [*attached, *modifiers], _units(str(row.get("units", 1))), pointers))
        except _LineError as error:
            errors.append(f"line {number}: {error}")
    if errors:
        raise ClaimLinesInvalid(errors)
    return lines


class _LineError(Exception):
    pass


def _check_count(count: int) -> None:
    if count == 0:
        raise ClaimLinesInvalid([f"Give at least one claim line, e.g. {EXAMPLE}."])
    if count > MAX_LINES:
        raise ClaimLinesInvalid([f"A claim holds at most {MAX_LINES} service lines; {count} were given."])


def _parse_row(number: int, row: str) -> ClaimLine:
    first, *raw = SEPARATORS.split(row)
    tokens = [token.upper() for token in raw]
    code, *modifiers = _code_and_modifiers(first)
    readings = _readings(tokens)
    if not readings:
        _explain_unreadable(tokens, raw)
    # A two-digit token can be a modifier or the units ("J1100 25 1": modifier
    # 25 and 1 unit, or 25 units and pointer 1?). Units are preferred to no
    # units, then the reading with more modifiers; the line says so, since
    # the parsed lines are shown back to the coder.
    chosen, *others = sorted(readings, key=lambda reading: reading[0], reverse=True)
    note = ""
    if others:
        note = (
            f"Read as {_describe(chosen)}, though it could be {_describe(others[0])}: attach modifiers with a "
            f"dash and write pointers as letters ({EXAMPLE}) to be sure."
        )
    _, separate, units, pointers = chosen
    return _line(number, code, [*modifiers, *separate], units, pointers, note)


def _readings(tokens: list[str]) -> list[tuple[int, list[str], int, list[str]]]:
    """Every way to read the tokens after the code as (units position,
    modifiers, units, pointers): modifiers, then the units, then pointers.
    Position -1 is every token a modifier and the units left out (1)."""
    readings = []
    if all(_is_separate_modifier(token) for token in tokens):
        readings.append((-1, tokens, 1, []))
    for index, token in enumerate(tokens):
        if not (_is_units(token) and all(_is_separate_modifier(before) for before in tokens[:index])):
            continue
        try:
            pointers = [pointer for after in tokens[index + 1 :] for pointer in _pointers(after)]
        except _LineError:
            continue
        if len(pointers) <= MAX_POINTERS and len(set(pointers)) == len(pointers):
            readings.append((index, tokens[:index], int(token), pointers))
    return readings


def _describe(reading: tuple[int, list[str], int, list[str]]) -> str:
    _, modifiers, units, pointers = reading
    parts = [f"modifier {modifier}" for modifier in modifiers]
    parts.append(f"{units} unit" + ("s" if units != 1 else ""))
    if pointers:
        parts.append(("pointer " if len(pointers) == 1 else "pointers ") + "".join(pointers))
    return ", ".join(parts)


def _explain_unreadable(tokens: list[str], raw: list[str]) -> None:
    """Raise the message for the first token that fits nowhere."""
    index = 0
    while index < len(tokens) and _is_separate_modifier(tokens[index]) and not _is_units(tokens[index]):
        index += 1
    token, shown = tokens[index], raw[index][:12]
    if not _is_units(token):
        if LETTER_POINTERS.match(token):
            raise _LineError(f"{shown!r} looks like diagnosis pointers; put the units before them, e.g. {EXAMPLE}.")
        if MODIFIER.match(token) and not token.isdigit():
            raise _LineError(f"{shown!r} is not a modifier here; modifiers go before the units.")
        raise _LineError(f"units must be a whole number from 1 to {MAX_UNITS}, not {shown!r}.")
    pointers = []
    for after, shown_after in zip(tokens[index + 1 :], raw[index + 1 :]):
        if not _is_pointer_token(after):
            raise _LineError(
                f"{shown_after[:12]!r} is not a diagnosis pointer: use the letters A to L or the numbers 1 to 12."
            )
        pointers.extend(_pointers(after))
    _line(0, "", [], 1, pointers)  # raises for too many or repeated pointers
    raise _LineError(f"the line could not be read; write it as CODE-MODIFIER UNITS POINTERS, e.g. {EXAMPLE}.")


def _code_and_modifiers(token: str) -> list[str]:
    code, *modifiers = (part.strip() for part in token.strip().upper().split("-"))
    if not CODE.match(code):
        raise _LineError(
            f"{code[:12]!r} is not a CPT/HCPCS code: five letters or digits, modifiers after dashes (99213-25)."
        )
    return [code, *(_modifier(modifier) for modifier in modifiers)]


def _modifier(text: str) -> str:
    modifier = text.strip().upper()
    if not MODIFIER.match(modifier):
        raise _LineError(f"{text[:12]!r} is not a modifier: two letters or digits, such as 25, 59, RT or XU.")
    return modifier


def _is_separate_modifier(token: str) -> bool:
    return bool(MODIFIER.match(token)) and (not token.isdigit() or token in NUMERIC_MODIFIERS)


def _is_units(token: str) -> bool:
    return token.isascii() and token.isdigit() and 1 <= int(token) <= MAX_UNITS


def _units(text: str) -> int:
    if not _is_units(text.strip()):
        raise _LineError(f"units must be a whole number from 1 to {MAX_UNITS}, not {text.strip()[:12]!r}.")
    return int(text.strip())


def _is_pointer_token(token: str) -> bool:
    try:
        _pointers(token)
    except _LineError:
        return False
    return True


def _pointers(token: str) -> list[str]:
    """A run of letters (AB) or one number from 1 to 12, as letters."""
    token = token.strip().upper()
    if LETTER_POINTERS.match(token):
        return list(token)
    if token.isascii() and token.isdigit() and 1 <= int(token) <= len(POINTER_LETTERS):
        return [POINTER_LETTERS[int(token) - 1]]
    raise _LineError(f"{token[:12]!r} is not a diagnosis pointer: use the letters A to L or the numbers 1 to 12.")


def _line(
    number: int, code: str, modifiers: list[str], units: int, pointers: list[str], note: str = ""
) -> ClaimLine:
    if len(modifiers) > MAX_MODIFIERS:
        raise _LineError(f"at most {MAX_MODIFIERS} modifiers a line; {len(modifiers)} were given.")
    if len(pointers) > MAX_POINTERS:
        raise _LineError(f"at most {MAX_POINTERS} diagnosis pointers a line; {len(pointers)} were given.")
    if len(set(pointers)) != len(pointers):
        raise _LineError(f"a diagnosis pointer is given twice ({''.join(pointers)}).")
    return ClaimLine(number, code, tuple(modifiers), units, tuple(pointers), note)


class DateOfServiceInvalid(ValueError):
    pass


def date_of_service_parse(text: str) -> datetime.date:
    try:
        return iso_date_parse(text)
    except ValueError as error:
        raise DateOfServiceInvalid(str(error)) from None
