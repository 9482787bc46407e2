"""HCPCS codes for a drug a code-for question names by its brand ("Kenalog",
"depo medrol"). The search matches a generic drug name itself in HCPCS
titles ("Injection, ondansetron hydrochloride, per 1 mg") alongside its
drug-class rewrite; a brand name is in no title, so the codes whose titles
name its generic drug are read from the HCPCS release in force, the dose
asked for first."""

from __future__ import annotations

import re

from codingdesk import search
from codingdesk.codesets import selectors
from codingdesk.codesets.models import Code, CodeSystem


# Brand and everyday names of office-administered drugs, in the words of the
# HCPCS titles, which name the generic drug ("Injection, triamcinolone
# acetonide, ... 10 mg"). A coder reads the brand off the MAR or the charge.
DRUG_NAMES = {
    "kenalog": "triamcinolone acetonide", "depo medrol": "methylprednisolone acetate",
    "depo-medrol": "methylprednisolone acetate", "solu medrol": "methylprednisolone sodium succinate",
    "solu-medrol": "methylprednisolone sodium succinate", "solu cortef": "hydrocortisone sodium succinate",
    "solu-cortef": "hydrocortisone sodium succinate", "decadron": "dexamethasone", "celestone": "betamethasone",
    "toradol": "ketorolac", "rocephin": "ceftriaxone", "zofran": "ondansetron", "phenergan": "promethazine",
    "benadryl": "diphenhydramine", "lovenox": "enoxaparin", "prolia": "denosumab", "xgeva": "denosumab",
    "humira": "adalimumab", "depo provera": "medroxyprogesterone", "depo-provera": "medroxyprogesterone",
    "bicillin": "penicillin g benzathine", "lasix": "furosemide", "narcan": "naloxone",
    "vivitrol": "naltrexone", "haldol": "haloperidol", "ativan": "lorazepam", "keytruda": "pembrolizumab",
    "neulasta": "pegfilgrastim", "aranesp": "darbepoetin", "eylea": "aflibercept",
    "depo testosterone": "testosterone cypionate", "b12": "cyanocobalamin", "b-12": "cyanocobalamin",
    "vitamin b12": "cyanocobalamin", "vit b12": "cyanocobalamin",
}
DRUG_NAME = re.compile(r"\b(" + "|".join(sorted(map(re.escape, DRUG_NAMES), key=len, reverse=True)) + r")\b", re.I)
DOSE = re.compile(r"\b(\d+(?:\.\d+)?)\s*(mg|mcg|ml|units?|gm?)\b", re.I)
ROUTE_WORDS = ("injection", "infusion", "inhalation", "oral", "implant")
# The MAR's route shorthand: the HCPCS drug titles say "Injection, ..." for a drug
# given IV, IM or subcutaneously (an IV push is an injection), and "oral" for PO.
ROUTE_SHORTHAND = re.compile(
    r"\b(?:(?P<injection>iv|ivp|iv push|push|im|intramuscular|intravenous|sq|subq|sub-q|sc|subcutaneous|inj)|"
    r"(?P<oral>po|by mouth))\b", re.I)
SHOWN = 5


def drug_named(query: str) -> str | None:
    """The generic name of the drug brand a question names, if any."""
    brand = DRUG_NAME.search(query)
    return DRUG_NAMES[brand[1].lower()] if brand else None


def hcpcs_drug_results(query: str, drug: str, as_of) -> list[search.SearchResult]:
    """HCPCS codes whose title names the drug, those of the route the query
    names ("injection") first, then the shorter (plainer) titles."""
    release = selectors.release_for_date(system=CodeSystem.HCPCS, as_of=as_of)
    if release is None:
        return []
    codes = Code.objects.filter(release=release, long_title__icontains=drug).exclude(
        termination_date__lt=as_of
    )[:50]
    route = route_named(query)
    dose = _dose(query)

    def rank(code: Code) -> tuple:
        of_route = route is not None and route in code.long_title.lower()
        # "80mg": the code whose unit is that dose, never the 40 mg one first; but a
        # route named rules first: 4 mg IV is 4 units of the per-1-mg injection,
        # never the oral 4 mg tablet.
        dosed = dose is not None and _dose(code.long_title) == dose
        return (route is not None and not of_route, not dosed, not code.billable, len(code.long_title), code.code)

    return [
        search.SearchResult(
            code=code.code, system=code.system, title=code.long_title, billable=code.billable, score=0.0,
            # Read by ranking.REWRITE: the generic name counts as words of the query.
            matched=[f"{_brand(query)} → {drug} (brand name)"],
        )
        for code in sorted(codes, key=rank)[:SHOWN]
    ]


def route_named(query: str) -> str | None:
    """The route the query names, in the HCPCS titles' word ("IM" -> "injection")."""
    route = next((word for word in ROUTE_WORDS if word in query.lower()), None)
    if route is None and (shorthand := ROUTE_SHORTHAND.search(query)):
        route = "injection" if shorthand.group("injection") else "oral"
    return route


def _brand(query: str) -> str:
    brand = DRUG_NAME.search(query)
    return brand[1] if brand else query


def _dose(text: str) -> tuple[float, str] | None:
    match = DOSE.search(text)
    return (float(match[1]), match[2].lower().rstrip("s")) if match else None
