"""What the RVU file's indicators mean, in plain English.

Source: the CMS RVU file documentation (RVU26A, "National Physician Fee
Schedule Relative Value File, Calendar Year 2026", its record layout and
Attachment A). The wording is shortened; the facts are CMS's. A value the
documentation does not describe is shown as such, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

UNDESCRIBED = "Not a value the CMS RVU file documentation describes."
BLANK = "Blank in the RVU file."

# The documentation: "Only RVUs associated with status codes of A, R, or T
# are used for Medicare payment."
PAID_STATUS_CODES = frozenset("ART")

STATUS_CODES = {
    "A": "Active code: paid separately under the physician fee schedule, if covered. Status A does not mean "
    "Medicare has made a national coverage determination; the MAC decides coverage where there is no national policy.",
    "B": "Bundled code: payment is always bundled into payment for other services. RVUs, if shown, are not used "
    "for Medicare payment.",
    "C": "Contractor-priced: the MAC sets the RVUs and payment, generally case by case after reviewing "
    "documentation such as an operative report.",
    "D": "Deleted code: deleted effective the beginning of the year.",
    "E": "Excluded from the physician fee schedule by regulation: no payment may be made under the fee schedule; "
    "when covered, payment generally continues under reasonable charge procedures.",
    "F": "Deleted or discontinued code, not subject to a 90-day grace period.",
    "G": "Not valid for Medicare purposes: Medicare uses another code for reporting and payment "
    "(subject to a 90-day grace period).",
    "H": "Deleted modifier: the 26 or TC component this code had last year has been deleted.",
    "I": "Not valid for Medicare purposes: Medicare uses another code for reporting and payment "
    "(not subject to a 90-day grace period).",
    "J": "Anesthesia service: no RVUs and no payment amounts in this file; the status identifies anesthesia services.",
    "M": "Measurement code: used for reporting purposes only.",
    "N": "Non-covered service: not covered by Medicare.",
    "P": "Bundled or excluded: no RVUs, no payment amounts and no separate payment under the fee schedule. Covered "
    "incident to a physician service on the same day, it is bundled into that service; otherwise it is paid, if "
    "at all, outside the fee schedule.",
    "R": "Restricted coverage: special coverage instructions apply. Mostly dental (D) codes, and a few CPT codes "
    "covered only in unusual circumstances. Without RVUs, the MAC prices it.",
    "T": "Paid only if no other service payable under the physician fee schedule is billed on the same date by the "
    "same provider; otherwise it is bundled into those services.",
    "X": "Statutory exclusion: not a physician service under the statute (for example ambulance services and "
    "clinical laboratory tests); no payment may be made under the physician fee schedule.",
}

GLOBAL_DAYS = {
    "000": "0-day global: an endoscopic or minor procedure; related care on the day of the procedure is included, "
    "and evaluation and management services that day are generally not payable.",
    "010": "10-day global: a minor procedure; care on the day of the procedure and for 10 days after is included, "
    "and evaluation and management services in that time are generally not payable.",
    "090": "90-day global: major surgery; 1 day of preoperative and 90 days of postoperative care are included.",
    "MMM": "Maternity code: the usual global period does not apply.",
    "XXX": "The global surgery concept does not apply.",
    "YYY": "The MAC decides whether the global concept applies and sets the postoperative period, if any, when "
    "it prices the service.",
    "ZZZ": "Related to another service and always included in that service's global period (an add-on code).",
}

PCTC_INDICATORS = {
    "0": "Physician service: cannot be split into professional and technical components; modifiers 26 and TC "
    "cannot be used.",
    "1": "Diagnostic test with a professional and a technical component: modifiers 26 and TC can be used.",
    "2": "Professional component only code: modifiers 26 and TC cannot be used.",
    "3": "Technical component only code: modifiers 26 and TC cannot be used.",
    "4": "Global test only code (separate codes describe its professional and technical components): modifiers "
    "26 and TC cannot be used.",
    "5": "Incident to service, by auxiliary personnel under direct supervision; not paid for hospital inpatients "
    "or outpatients. Modifiers 26 and TC cannot be used.",
    "6": "Laboratory physician interpretation: the interpretation may be paid separately; the test itself is paid "
    "under the lab fee schedule. Modifier TC cannot be used.",
    "7": "Physical therapy service that is not paid when an independently practicing therapist provides it to a "
    "hospital inpatient or outpatient.",
    "8": "Physician interpretation of a clinical lab test, paid only for an abnormal smear for a hospital "
    "inpatient; no TC billing.",
    "9": "The professional/technical component concept does not apply.",
}

MULT_PROC = {
    "0": "No multiple-procedure reduction: paid at the lower of the charge and the full fee schedule amount, "
    "even with other procedures the same day.",
    "1": "Multiple-procedure rules in effect before the current standard rules apply (used for deleted codes, "
    "status D).",
    "2": "Standard multiple-procedure rules: with other procedures (indicator 1, 2 or 3) the same day, rank by fee "
    "schedule amount and pay 100% for the highest and 50% for each of the next four; more by report.",
    "3": "Special rules for multiple endoscopies in the same family (same endoscopic base code, ENDO BASE); "
    "the base procedure is not paid separately when billed with another endoscopy of its family.",
    "4": "Diagnostic imaging: with another procedure of the same imaging family in the same session, the technical "
    "component of the second and later procedures is reduced by 50% (the professional component by 5%).",
    "5": "Therapy service: subject to a 50% reduction of the practice expense component.",
    "6": "Diagnostic cardiovascular service: the technical component of the second and later procedures is "
    "reduced by 25%.",
    "7": "Diagnostic ophthalmology service: the technical component of the second and later procedures is "
    "reduced by 20%.",
    "9": "The multiple-procedure concept does not apply.",
}

BILAT_SURG = {
    "0": "No 150% bilateral adjustment: reported for both sides (modifier 50, or RT and LT), it is paid at the "
    "lower of the total charge and 100% of the fee schedule amount for one code.",
    "1": "150% bilateral adjustment: reported for both sides (modifier 50, RT and LT, or 2 units), it is paid at "
    "the lower of the total charge and 150% of the fee schedule amount for one code, before multiple-procedure rules.",
    "2": "No bilateral adjustment: the RVUs already describe a bilateral procedure; reported for both sides it is "
    "paid at the lower of the total charge and 100% of the fee schedule amount for one code.",
    "3": "The usual bilateral adjustment does not apply: each side is paid at the lower of its charge and 100% of "
    "the fee schedule amount (mostly radiology and other diagnostic tests).",
    "9": "The bilateral surgery concept does not apply.",
}

ASST_SURG = {
    "0": "Assistant at surgery is not paid unless documentation establishes medical necessity.",
    "1": "Statutory payment restriction: an assistant at surgery may not be paid.",
    "2": "Assistant at surgery may be paid.",
    "9": "The assistant at surgery concept does not apply.",
}

CO_SURG = {
    "0": "Co-surgeons (modifier 62) are not permitted.",
    "1": "Co-surgeons could be paid, with documentation establishing the medical necessity of two surgeons.",
    "2": "Co-surgeons are permitted; no documentation is required if the two-specialty requirement is met.",
    "9": "The co-surgeon concept does not apply.",
}

TEAM_SURG = {
    "0": "Team surgeons (modifier 66) are not permitted.",
    "1": "Team surgeons could be paid, with documentation establishing the medical necessity of a team; "
    "paid by report.",
    "2": "Team surgeons are permitted; paid by report.",
    "9": "The team surgery concept does not apply.",
}

MODIFIERS = {
    "": "No modifier: the global service (for a diagnostic test, both components).",
    "26": "Professional component.",
    "TC": "Technical component.",
    "53": "Discontinued procedure: CMS sets separate RVUs for only a few codes (colonoscopy); other codes with 53 "
    "are priced by the MAC.",
}


def na_meaning(not_available: bool, setting: str) -> str:
    if not_available:
        return f"NA: rarely or never performed in the {setting} setting; the fee schedule gives no {setting} amount."
    return f"Priced in the {setting} setting."


@dataclass(frozen=True)
class Indicator:
    code: str
    meaning: str


def indicator(table: dict[str, str], code: str) -> Indicator:
    if not code:
        return Indicator(code="", meaning=table.get("", BLANK))
    return Indicator(code=code, meaning=table.get(code, UNDESCRIBED))
