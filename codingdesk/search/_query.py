"""Reads what the user typed: a code, or words to rewrite into the code sets'
own wording (spelling, then the vocabulary)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from codingdesk.lib.codes import normalize_code

from ._text import normalize_text
from ._vocabulary import DRUG_KIND, SpellingCorrector, index_default, is_known_term, rewrite_words

MAX_WORDS = 32
# E119, e11.9, S52.531, 0FT44ZZ, J9035, E11. : letters and digits with a digit in them.
CODE_LIKE = re.compile(r"^[A-Za-z0-9]{3}(\.[A-Za-z0-9]{0,4}|[A-Za-z0-9]{0,4})$")
# Words that say the chart describes a procedure, not a condition.
PROCEDURE_WORDS = frozenset(
    "surgery surgical repair removal insertion replacement resection excision biopsy drainage placement "
    "procedure operation implant injection infusion transfusion amputation reduction fixation fusion "
    "supply supplies device kit dressing wheelchair".split()
)
ENCOUNTER_PHRASES = {
    "subsequent": "D",
    "follow up": "D",
    "routine healing": "D",
    "sequela": "S",
    "sequelae": "S",
    "late effect": "S",
    "initial": "A",
}


@dataclass
class AnalyzedQuery:
    typed: str
    code: str = ""  # normalized, when the query looks like a code
    search_words: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    encounter: str = ""  # the 7th character the words ask for, if any
    wants_procedure: bool = False
    # A drug rewritten into its class keeps its own name: (typed words, class
    # words). The ICD-10-CM drug tables name the class, the HCPCS drug codes
    # name the drug ("Injection, ondansetron ..."), and both should match.
    literal_drugs: list[tuple[str, str]] = field(default_factory=list)
    # The ICD-10-CM Index's default code for a condition named alone, normalized.
    index_default: str = ""


DIAGNOSIS_SYSTEMS = {"icd10cm"}


def analyze(typed: str, corrector: SpellingCorrector | None, system: str | None = None) -> AnalyzedQuery:
    query = AnalyzedQuery(typed=typed)
    stripped = typed.strip()
    if CODE_LIKE.match(stripped) and any(character.isdigit() for character in stripped):
        # Possibly a code; the words are read too, for shorthand like "T2DM".
        query.code = normalize_code(stripped)
    tokens = normalize_text(typed).split()[:MAX_WORDS]
    tokens = [_corrected(token, corrector, query) for token in tokens]
    context = _procedure_is_context(tokens)
    query.search_words, rewrites = rewrite_words(tokens, procedures=system not in DIAGNOSIS_SYSTEMS and not context)
    query.reasons += [rewrite.reason for rewrite in rewrites]
    query.literal_drugs = [(rewrite.typed, rewrite.means) for rewrite in rewrites if rewrite.kind == DRUG_KIND]
    query.index_default = index_default(query.search_words)
    text = " ".join(query.search_words)
    query.encounter = next((char for phrase, char in ENCOUNTER_PHRASES.items() if f" {phrase} " in f" {text} "), "")
    query.wants_procedure = not context and (
        any(word in PROCEDURE_WORDS for word in query.search_words)
        or any("(procedure)" in rewrite.reason for rewrite in rewrites)
    )
    return query


# "PPH after vaginal delivery", "infection following appendectomy", "pain s/p TKA":
# a condition named before these words is what is coded; the procedure that
# follows is its setting (a complication or an obstetric code, ICD-10-CM).
CONTEXT_WORDS = re.compile(r"^(?P<condition>.+?)\s+(?:after|following|post|since|s p|status post)\s+\S")


def _procedure_is_context(tokens: list[str]) -> bool:
    match = CONTEXT_WORDS.match(" ".join(tokens))
    return bool(match) and not any(word in PROCEDURE_WORDS for word in match.group("condition").split())


def _corrected(token: str, corrector: SpellingCorrector | None, query: AnalyzedQuery) -> str:
    if corrector is None or is_known_term(token):
        return token
    corrected = corrector.correct(token)
    if corrected != token:
        query.reasons.append(f"spelling: {token} → {corrected}")
    return corrected
