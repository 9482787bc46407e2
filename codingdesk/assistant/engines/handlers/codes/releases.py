"""What changed in a release: "What changed in HCPCS in October 2025?".
Compares the release in force on the date asked about with the one before."""

from __future__ import annotations

import datetime
import re

from codingdesk.codesets import selectors
from codingdesk.codesets.models import CodeSystem

from ...base import Answer, AnswerKind, Citation, CodeMention, Question, SourceKind
from ._shared import LIST_LIMIT, _code_tokens, _hinted_system, _link, _mention, _system_label, _title


CHANGES = re.compile(
    r"\b(what changed|changes?|changed|what's new|whats new|new (?:\w+ ){0,2}codes?|added|deleted|revised)\b", re.I
)
# "Code for new onset atrial fibrillation" asks for a code, not for a release.
CODE_FOR = re.compile(r"\bcodes? for\b", re.I)

MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(20\d\d)\b", re.I)
SYSTEM_WORDS = re.compile(r"\b(icd|cpt|hcpcs|pcs|codes?|code set)\b", re.I)


def _no_comparison(system: str, release, on: datetime.date) -> Answer:
    """A decline that says which release dates are missing, never a guess."""
    label = _system_label(system)
    loaded = list(selectors.release_list(system=system))
    if not loaded:
        text = (f"I don't have release dates for {label}: no {label} release is loaded, so I cannot say what "
                "changed or when.")
    elif release is None:
        earliest = min(each.effective_from for each in loaded)
        text = (f"I don't have a {label} release in force on {on:%Y-%m-%d}; the earliest loaded is in force from "
                f"{earliest:%Y-%m-%d}.")
    else:
        text = (f"Only one {label} release is loaded up to {on:%Y-%m-%d} ({release.version}, in force from "
                f"{release.effective_from:%Y-%m-%d}), so there is no earlier release to compare it with.")
    return Answer(markdown=text, kind=AnswerKind.DECLINE)


def _month_not_loaded(system: str, release, on: datetime.date) -> Answer | None:
    """A month asked about after the newest release loaded took effect: that
    month's release (if any) is not loaded, and the newest one's changes
    are not the answer."""
    if release is None or (on.year, on.month) == (release.effective_from.year, release.effective_from.month):
        return None
    newest = selectors.release_list(system=system).first()
    if newest is None or newest.pk != release.pk:
        return None
    label = _system_label(system)
    return Answer(
        markdown=f"I don't have the {label} release for {on:%B %Y}: the newest one loaded is {newest.version}, in "
        f"force from {newest.effective_from:%Y-%m-%d}. Ask about that release's changes, or load the newer one.",
        kind=AnswerKind.DECLINE,
    )


def handle_release_changes(question: Question) -> Answer | None:
    text = question.text
    if not CHANGES.search(text) or not SYSTEM_WORDS.search(text) or CODE_FOR.search(text) or _code_tokens(text):
        return None
    system = _hinted_system(text) or CodeSystem.ICD10CM
    on = question.as_of
    month_year = MONTH_YEAR.search(text)
    if month_year:
        on = datetime.date(int(month_year.group(2)), MONTHS[month_year.group(1).lower()], 28)
    release = selectors.release_for_date(system=system, as_of=on)
    previous = selectors.release_previous(release=release) if release else None
    label = _system_label(system)
    not_loaded = _month_not_loaded(system, release, on) if month_year else None
    if not_loaded is not None:
        return not_loaded
    if release is None or previous is None:
        return _no_comparison(system, release, on)
    diff = selectors.release_diff(from_release=previous, to_release=release)
    answer = Answer(markdown="", citations=[Citation(
        label=f"{label} changes, {previous.version} to {release.version}",
        url=f"/codes/{system}/changes", source_kind=SourceKind.RELEASE_DIFF,
    )])
    lines = [
        f"{label} {release.version} (in force from {release.effective_from:%Y-%m-%d}) against {previous.version}: "
        f"{len(diff.added)} added, {len(diff.deleted)} deleted, {len(diff.retitled)} retitled."
    ]
    if diff.added:
        lines += ["", "Added:"] + [f"- {_link(code)}: {_title(code)}" for code in diff.added[:LIST_LIMIT]]
        answer.codes += [_mention(code) for code in diff.added[:LIST_LIMIT]]
    if diff.deleted:
        # Deleted codes are not valid in the release in force: named in plain text, never linked as valid.
        lines += ["", "Deleted (not valid for dates of service from "
                  f"{release.effective_from:%Y-%m-%d}):"] + [f"- {code.code}: {_title(code)}"
                                                            for code in diff.deleted[:LIST_LIMIT]]
        answer.codes += [CodeMention(code=code.code, system=system, title=_title(code), valid=False)
                         for code in diff.deleted[:LIST_LIMIT]]
    if diff.retitled:
        lines += ["", "Retitled:"] + [f"- {_link(new)}: {_title(old)} → {_title(new)}"
                                      for old, new in diff.retitled[:LIST_LIMIT]]
        answer.codes += [_mention(new) for _, new in diff.retitled[:LIST_LIMIT]]
    answer.markdown = "\n".join(lines)
    return answer


