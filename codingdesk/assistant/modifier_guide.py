"""The modifier guide: reviewed notes on CPT and HCPCS Level II modifiers.

Read by the coding assistant from ``knowledge/modifiers.tsv``, one modifier a
line. The text is our own: CPT modifier descriptors are AMA copyright and are
never copied, and the HCPCS Level II descriptors (CMS, public domain) are
explained rather than quoted. The file is read once per process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

GUIDE_FILE = Path(__file__).parent / "knowledge" / "modifiers.tsv"
COLUMNS = (
    "modifier", "kind", "title", "meaning", "when_to_use", "common_errors", "ncci_associated", "source",
)
KINDS = ("cpt", "hcpcs")
YES_NO = {"yes": True, "no": False}


class ModifierGuideError(ValueError):
    """A line of the guide file that cannot be read; the message names the line."""


@dataclass(frozen=True)
class ModifierEntry:
    modifier: str
    kind: str
    title: str
    meaning: str
    when_to_use: str
    common_errors: str
    # One of the NCCI-associated modifiers that may bypass a PTP edit with
    # modifier indicator 1 (NCCI Policy Manual ch. I §E).
    ncci_associated: bool
    source: str


@functools.cache
def modifier_guide() -> dict[str, ModifierEntry]:
    """Every entry of the guide, keyed by modifier in upper case."""
    return modifier_guide_read(GUIDE_FILE)


def modifier_get(modifier: str) -> ModifierEntry | None:
    return modifier_guide().get(modifier.strip().upper())


def modifier_guide_read(path: Path) -> dict[str, ModifierEntry]:
    """Parse a guide file; raises ModifierGuideError naming the first bad line."""
    path = Path(path)
    # newline="\n": only LF ends a row, so a stray CR inside a cell is reported, not split on.
    with path.open(encoding="utf-8", newline="\n") as stream:
        lines = [line.removesuffix("\n").removesuffix("\r") for line in stream]
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise ModifierGuideError(f"{path.name}, line 1: the header must be {chr(9).join(COLUMNS)!r}")
    entries: dict[str, ModifierEntry] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        entry = _entry(path, number, line)
        if entry.modifier in entries:
            raise ModifierGuideError(f"{path.name}, line {number}: modifier {entry.modifier} is listed twice")
        entries[entry.modifier] = entry
    return entries


def _entry(path: Path, number: int, line: str) -> ModifierEntry:
    def problem(text: str) -> ModifierGuideError:
        return ModifierGuideError(f"{path.name}, line {number}: {text}")

    cells = [cell.strip() for cell in line.split("\t")]
    if len(cells) != len(COLUMNS):
        raise problem(f"{len(cells)} tab-separated columns; a row has {len(COLUMNS)} ({', '.join(COLUMNS)})")
    row = dict(zip(COLUMNS, cells, strict=True))
    empty = [name for name, value in row.items() if not value]
    if empty:
        raise problem(f"empty column(s): {', '.join(empty)}")
    if len(row["modifier"]) != 2 or not row["modifier"].isalnum():
        raise problem(f"modifier {row['modifier']!r} is not 2 letters or digits")
    if row["kind"] not in KINDS:
        raise problem(f"kind {row['kind']!r} is not one of {', '.join(KINDS)}")
    if row["ncci_associated"] not in YES_NO:
        raise problem(f"ncci_associated {row['ncci_associated']!r} is not yes or no")
    return ModifierEntry(
        **{**row, "modifier": row["modifier"].upper(), "ncci_associated": YES_NO[row["ncci_associated"]]}
    )
