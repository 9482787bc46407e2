"""Every code an answer names is checked against the code tables as of the
date of service. A code that is not there (or not valid on that date) is
flagged, never passed off as real: language models invent codes, and even
reviewed text can name a code a later release deleted.
"""

from __future__ import annotations

import datetime
import re

from codingdesk.codesets import cpt, selectors
from codingdesk.codesets.models import CodeSystem
from codingdesk.lib.codes import normalize_code

from .engines.base import CodeMention

# Which code sets a code of each shape can belong to, most likely first.
# Every letter starts some ICD-10-CM code (U07.1 is COVID-19).
ICD10CM_SHAPE = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
ICD10PCS_SHAPE = re.compile(r"^[0-9A-HJ-NP-Z]{7}$")
HCPCS_SHAPE = re.compile(r"^[A-V][0-9]{4}$")
CPT_SHAPE = re.compile(r"^[0-9]{4}[0-9FTUM]$")

# A word of capitals and digits that may be a code: E11.22, S52.531A, J1100,
# 99213, 0DTJ4ZZ. Not inside a link path, a word or a range (R65.2-, A00-A09).
CODE_TOKEN = re.compile(r"(?<![\w./#&-])([A-Z0-9]{3,7}(?:\.[A-Z0-9]{1,4})?)(?![\w-]|\.[\w-])")


def code_shaped(token: str) -> bool:
    """Whether a word found in text is shaped like a code of some code set."""
    if not any(character.isdigit() for character in token):
        return False
    if ICD10CM_SHAPE.match(token):
        return True
    return "." not in token and any(shape.match(token) for shape in (ICD10PCS_SHAPE, HCPCS_SHAPE, CPT_SHAPE))


def code_mention(code: str, *, as_of: datetime.date, system: str | None = None) -> CodeMention:
    """The code as found in the tables in force on ``as_of`` (valid=True), or
    flagged (valid=False) when no code set holds it on that date."""
    for candidate in [system] if system else _systems_for(code):
        found = _lookup(candidate, code, as_of)
        if found is not None:
            return found
    return CodeMention(code=code, system=system or "", title="", valid=False)


def code_mentions(codes, *, as_of: datetime.date) -> list[CodeMention]:
    return [code_mention(code, as_of=as_of) for code in dict.fromkeys(codes)]


def _systems_for(code: str) -> list[str]:
    systems = []
    if ICD10CM_SHAPE.match(code):
        systems.append(CodeSystem.ICD10CM)
    if CPT_SHAPE.match(code):
        systems.append(CodeSystem.CPT)
    if HCPCS_SHAPE.match(code):
        systems.append(CodeSystem.HCPCS)
    if ICD10PCS_SHAPE.match(normalize_code(code)):
        systems.append(CodeSystem.ICD10PCS)
    return systems


def _lookup(system: str, code: str, as_of: datetime.date) -> CodeMention | None:
    release = selectors.release_for_date(system=system, as_of=as_of)
    found = selectors.code_get(release=release, code=code) if release else None
    if found is not None:
        title = found.long_title if system != CodeSystem.CPT or cpt.cpt_licensed() else ""
        return CodeMention(code=found.code, system=system, title=title, valid=True)
    # A CPT number the CMS files name has a page, without a descriptor.
    if system == CodeSystem.CPT and cpt.cpt_public_code_exists(code, date_of_service=as_of):
        return CodeMention(code=code, system=system, title="", valid=True)
    return None
