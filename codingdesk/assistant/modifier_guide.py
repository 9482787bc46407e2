"""The modifier guide: reviewed notes on CPT and HCPCS Level II modifiers.

Read by the coding assistant from ``knowledge/modifiers.tsv``, one modifier a
line. The text is our own: CPT modifier descriptors are AMA copyright and are
never copied, and the HCPCS Level II descriptors (CMS, public domain) are
explained rather than quoted. The file is read once per process.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

GUIDE_FILE = Path(__file__).parent / "knowledge" / "modifiers.tsv"
COLUMNS = (
    "modifier", "kind", "title", "meaning", "when_to_use", "common_errors", "ncci_associated", "source",
)
KINDS = ("cpt", "hcpcs")
YES_NO = {"yes": True, "no": False}
# Ranking of entries for a described situation ("which modifier for a repeat
# procedure by the same physician?"): words of the title count most.
TITLE_WORD_SCORE = 3
EM_TITLE = re.compile(r"\bE/M\b")
EM_WORDS = re.compile(r"\b(?:e/?m|e&m|visits?|seen|sees|evaluation|office|exam\w*|consult\w*|problem)\b", re.I)
MEANING_WORD_SCORE = 1
# A title that limits the modifier to a situation ("Telehealth for acute
# stroke") fits a question naming none of that situation less well than a
# general one ("Real-time audio-video telemedicine"); so does an "X-only" one.
UNNAMED_RESTRICTION_PENALTY = 2
RESTRICTION = re.compile(r"\bfor\b(?P<situation>.+)$|(?P<only>\b[\w-]+[- ]only\b)", re.I)
STOPWORDS = frozenset(
    "a an and are as at be by can do does for from how i in is it of on or the to use used what when which who "
    "why should we you my our this that there modifier modifiers mod mods add append code codes "
    # Words of nearly every situation, which would pick a modifier by "visit" alone.
    "visit visits service services patient pt".split()
)
# The guide says "practitioner" where a question says physician or doctor.
SYNONYMS = {"physician": "practitioner", "doctor": "practitioner", "provider": "practitioner",
            "surgeon": "practitioner", "repeated": "repeat",
            # The postoperative period is the global period of the surgical package (NCCI Manual, chapter I.D).
            "postoperative": "global",
            # The guide's titles say telemedicine (CPT) and telehealth (HCPCS) for the same thing.
            "telemedicine": "telehealth", "virtual": "telehealth",
            # Coders' short words for the guide's title words.
            "lab": "laboratory", "labs": "laboratory", "asst": "assistant", "bilat": "bilateral",
            "phone": "audio", "telephone": "audio"}


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


def modifier_guide_search(text: str, *, limit: int = 2) -> list[ModifierEntry]:
    """Entries whose title or meaning share words with ``text``, best first;
    an entry with no title word in common is never offered."""
    words = _words(text)
    scored = []
    for entry in modifier_guide().values():
        title_hits = len(words & _words(entry.title))
        if title_hits:
            score = TITLE_WORD_SCORE * title_hits + MEANING_WORD_SCORE * len(words & _words(entry.meaning))
            if _restricted_elsewhere(entry.title, words):
                score -= UNNAMED_RESTRICTION_PENALTY
            # An E/M modifier (24, 25, 57, FT) fits a question about a visit, not
            # one about a procedure alone (79 is the procedure's counterpart of 24).
            if EM_TITLE.search(entry.title) and not EM_WORDS.search(text):
                score -= UNNAMED_RESTRICTION_PENALTY
            scored.append((-score, entry.modifier, entry))
    return [entry for _, _, entry in sorted(scored)[:limit]]


def _restricted_elsewhere(title: str, asked: set[str]) -> bool:
    """The title's "for ..." situation has words, and the question names none."""
    match = RESTRICTION.search(title)
    situation = _words(match["situation"] or match["only"]) if match else set()
    return bool(situation) and not situation & asked


def _words(text: str) -> set[str]:
    tokens = (SYNONYMS.get(token, token) for token in re.findall(r"[a-z0-9]+", text.lower()))
    return {_singular(token) for token in tokens if token not in STOPWORDS}


def _singular(token: str) -> str:
    return token[:-1] if len(token) > 3 and token.endswith("s") and not token.endswith("ss") else token


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
