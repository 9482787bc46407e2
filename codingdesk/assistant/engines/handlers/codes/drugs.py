"""HCPCS codes for a drug named in a code-for question. The search rewrites a
drug name into its drug class (ondansetron → antiemetic drugs), which finds
the ICD-10-CM poisoning codes but loses the HCPCS drug codes whose titles
name the drug itself ("Injection, ondansetron hydrochloride, per 1 mg").
These are read from the HCPCS release in force by the drug's name."""

from __future__ import annotations

import re

from codingdesk import search
from codingdesk.codesets import selectors
from codingdesk.codesets.models import Code, CodeSystem


DRUG_CLASS_REWRITE = re.compile(r"^(?P<drug>[a-z][a-z -]+?) → .*\(drug class\)$", re.I)
ROUTE_WORDS = ("injection", "infusion", "inhalation", "oral", "implant")
SHOWN = 5


def drug_named(results: list) -> str | None:
    """The drug the search rewrote into a class, as the question spells it."""
    for result in results:
        for reason in result.matched:
            match = DRUG_CLASS_REWRITE.match(reason)
            if match:
                return match["drug"].strip()
    return None


def hcpcs_drug_results(query: str, drug: str, as_of) -> list[search.SearchResult]:
    """HCPCS codes whose title names the drug, those of the route the query
    names ("injection") first, then the shorter (plainer) titles."""
    release = selectors.release_for_date(system=CodeSystem.HCPCS, as_of=as_of)
    if release is None:
        return []
    codes = Code.objects.filter(release=release, long_title__icontains=drug).exclude(
        termination_date__lt=as_of
    )[:50]
    route = next((word for word in ROUTE_WORDS if word in query.lower()), None)

    def rank(code: Code) -> tuple:
        starts_with_route = route is not None and code.long_title.lower().startswith(route)
        return (not starts_with_route, not code.billable, len(code.long_title), code.code)

    return [
        search.SearchResult(
            code=code.code, system=code.system, title=code.long_title, billable=code.billable, score=0.0,
            matched=[f"HCPCS title names {drug}"],
        )
        for code in sorted(codes, key=rank)[:SHOWN]
    ]
