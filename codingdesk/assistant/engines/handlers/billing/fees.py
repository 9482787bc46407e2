"""Medicare physician fee questions: "What does Medicare pay for 99213 in
Manhattan?", "RVUs for 99214", priced by fees.lookup from the RVU and GPCI
files in force; without one locality, the RVUs and which locality to ask."""

from __future__ import annotations

from decimal import Decimal
import datetime
import re

from codingdesk.fees import selectors as fee_selectors
from codingdesk.fees.indicators import Indicator
from codingdesk.fees.lookup import FeeDataMissing, fee_lookup, indicators_of
from codingdesk.fees.models import FeeDataset, Gpci, RelativeValue

from ...base import Answer, AnswerKind, CodeMention, Question, SourceKind
from .cities import states_of_cities
from ._shared import (
    CODE_TOKEN,
    _cite,
    _claim_codes,
    _code_mention,
    _date,
    _not_found_note,
    _question_modifiers,
    _text_without_dates,
    _url,
)


# "medicare allowed for 99212": coders name the fee schedule amount "the allowed".
MONEY = (r"pays?|paid|payment|fees?|reimburs\w*|allowable|allowed amount|(?<=the )allowed|(?<=medicare )allowed|"
         r"rates?|price[ds]?|cost|how much")
FEE_WORDS = re.compile(
    rf"\b({MONEY}|rvus?|"
    r"relative value\w*|global (days|period|surgery|package)|indicators?|bilateral|assistant|co-?surge\w*|"
    r"multiple procedure)\b",
    re.IGNORECASE,
)
MONEY_WORDS = re.compile(rf"\b({MONEY})\b", re.IGNORECASE)
LOCALITY_KEY = re.compile(r"\b(\d{5}-\d{2})\b")
FEE_MODIFIERS = ("26", "TC", "53")
# What a practice charges is its own decision; the fee schedule gives what Medicare pays.
SETTING_A_CHARGE = re.compile(r"\b(should (?:i|we) charge|what (?:to|should (?:i|we)) charge|self-?pay|cash price)\b",
                              re.IGNORECASE)
CHARGES_ARE_THE_PRACTICES = (
    "I can't tell you what to charge: a practice sets its own charges (and any self-pay discount policy). What I "
    "can give is what Medicare pays for a code in a locality, from the physician fee schedule, which many "
    "practices use as a reference. Ask \"What does Medicare pay for 99213 in Manhattan?\" for example."
)

# Which indicators a fee answer shows, by the words of the question.
INDICATOR_WORDS = {
    "global_days": re.compile(r"\bglobal\b", re.IGNORECASE),
    "mult_proc": re.compile(r"\bmultiple\b", re.IGNORECASE),
    "bilat_surg": re.compile(r"\bbilateral\b", re.IGNORECASE),
    "asst_surg": re.compile(r"\bassistant\b", re.IGNORECASE),
    "co_surg": re.compile(r"\bco-?surge\w*\b", re.IGNORECASE),
    "pctc_indicator": re.compile(r"\b(26|TC|professional|technical)\b"),
}
INDICATOR_LABELS = {
    "status_code": "Status",
    "global_days": "Global days",
    "pctc_indicator": "PC/TC indicator",
    "mult_proc": "Multiple procedure",
    "bilat_surg": "Bilateral surgery",
    "asst_surg": "Assistant at surgery",
    "co_surg": "Co-surgeons",
}
SURGICAL_GLOBALS = ("000", "010", "090")
STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico", "VI": "Virgin Islands",
}


def fee_handle(question: Question) -> Answer | None:
    text = _text_without_dates(question.text)
    if not FEE_WORDS.search(text) or not CODE_TOKEN.search(text):
        return None
    if SETTING_A_CHARGE.search(text):
        return Answer(markdown=CHARGES_ARE_THE_PRACTICES, kind=AnswerKind.DECLINE)
    on = _date(question)
    localities, keys = _localities_named(text, on)
    # A locality key (01112-54) reads like a code with a modifier; 71046-26 is not one.
    lines = _claim_codes(re.sub("|".join(map(re.escape, keys)), " ", text) if keys else text)
    if not lines:
        return None
    line = lines[0]
    modifier = next((m for m in line.modifiers if m in FEE_MODIFIERS), "")
    if not modifier:
        modifier = next((m for m in _question_modifiers(CODE_TOKEN.sub(" ", text))[0] if m in FEE_MODIFIERS), "")
    mentions = [_code_mention(line.code, on)]
    if len(localities) == 1:
        return _fee_priced(question, line.code, modifier, localities[0], on, mentions)
    return _fee_unpriced(question, line.code, modifier, localities, on, mentions)


def _localities_named(text: str, on: datetime.date) -> tuple[list[Gpci], set[str]]:
    """The localities the question names, and the locality keys written in
    it: by key (01112-54), by locality name (Manhattan), else every locality
    of a state named (Alabama, "in AL")."""
    release, localities = fee_selectors.locality_list(on=on)
    if release is None:
        return [], set()
    localities = list(localities)
    keys = set(LOCALITY_KEY.findall(text)) & {gpci.key for gpci in localities}
    if keys:
        return [gpci for gpci in localities if gpci.key in keys], keys
    lowered = _locality_words(text)
    named = [
        gpci for gpci in localities
        if f" {re.sub(r'[^a-z0-9]+', ' ', gpci.locality_name.lower()).strip()} " in lowered
    ]
    if named:
        longest = max(len(gpci.locality_name) for gpci in named)
        return [gpci for gpci in named if len(gpci.locality_name) == longest], keys
    by_part = [gpci for gpci in localities if _names_part_of(lowered, gpci.locality_name)]
    if by_part:
        return by_part, keys
    states = {abbr for abbr, name in STATES.items() if f" {name.lower()} " in lowered}
    states |= {abbr for abbr in re.findall(r"\b(?:in|for)\s+([A-Z]{2})\b", text) if abbr in STATES}
    states = states or states_of_cities(lowered.replace(" saint ", " st "))
    return [gpci for gpci in localities if gpci.state in states], keys


# How coders shorten the words of the GPCI file's locality names.
LOCALITY_SHORTHAND = [(re.compile(r"\bmetro\b"), "metropolitan"), (re.compile(r"\bsf\b"), "san francisco")]


def _locality_words(text: str) -> str:
    lowered = re.sub(r"[^a-z0-9]+", " ", text.lower())
    for pattern, spelled in LOCALITY_SHORTHAND:
        lowered = pattern.sub(spelled, lowered)
    return f" {lowered.strip()} "


def _names_part_of(lowered: str, locality_name: str) -> bool:
    """Whether the question names one part of a locality's name: the GPCI
    file joins the places of a locality ("LOS ANGELES-LONG BEACH-ANAHEIM (LOS
    ANGELES/ORANGE CNTY)"), and a question names one. A part that is a state's
    name ("New York") or a "rest of" area names no one locality."""
    states = {name.lower() for name in STATES.values()}
    for part in re.split(r"[-/(),]", locality_name.lower()):
        part = re.sub(r"[^a-z0-9]+", " ", part).strip()
        if len(part) >= 5 and part not in states and not part.startswith("rest of") and f" {part} " in lowered:
            return True
    return False


def _fee_priced(question, code, modifier, gpci: Gpci, on, mentions) -> Answer:
    try:
        result = fee_lookup(code=code, modifier=modifier, locality=gpci.key, date_of_service=on)
    except FeeDataMissing as error:
        return _fee_missing(error.detail, mentions)
    row = result.relative_value
    label = f"{code}-{modifier}" if modifier else code
    params = {"code": code, "modifier": modifier, "locality": gpci.key, "date": on.isoformat()}
    citations = [
        _cite(
            SourceKind.FEE_SCHEDULE,
            f"Medicare physician fee schedule: RVU file {result.rvu_release.version}, GPCI {result.gpci_release.version}",
            _url("api:fee_detail", params),
        ),
        _cite(SourceKind.FEE_SCHEDULE, f"Fee lookup tool: {label}", _url("fees:fee_tool", params)),
    ]
    lines = [
        f"Medicare physician fee schedule for **{label}** in {gpci.state}: {gpci.locality_name} ({gpci.key}) on "
        f"{on.isoformat()} [1]:",
        "",
        f"- **Non-facility:** {_money(result.non_facility_amount)}",
        f"- **Facility:** {_money(result.facility_amount)}",
    ]
    # A status or a row without RVUs gives no amount in either setting: then
    # the notes say why, and a formula that comes to nothing would mislead.
    if result.non_facility_amount is not None or result.facility_amount is not None:
        lines += [
            "",
            "Amount = [(work RVU × work GPCI) + (PE RVU × PE GPCI) + (MP RVU × MP GPCI)] × conversion factor, "
            "rounded to cents:",
            "",
        ]
        for setting, pe_rvu, amount in (
            ("Non-facility", row.non_facility_pe_rvu, result.non_facility_amount),
            ("Facility", row.facility_pe_rvu, result.facility_amount),
        ):
            factor = result.conversion_factor
            lines.append(f"- {setting}: {_arithmetic(row.work_rvu, pe_rvu, row.mp_rvu, gpci, factor, amount)}")
    for note in result.payment_notes:
        lines.append(f"- {note}")
    lines += ["", *_indicator_lines(question.text, result.indicators, row)]
    lines.append(
        "\nThis is the Medicare fee schedule amount before deductible, coinsurance, sequestration and any "
        "multiple-procedure or other payment reductions."
    )
    return Answer(markdown="\n".join(lines) + _not_found_note(mentions), codes=mentions, citations=citations)


def _fee_unpriced(question, code, modifier, localities: list[Gpci], on, mentions) -> Answer:
    """No single locality: the RVUs and indicators, and which locality to price in."""
    release = fee_selectors.fee_release_in_force(dataset=FeeDataset.RVU, on=on)
    if release is None:
        return _fee_missing(f"No RVU file (PPRRVU) in force on {on.isoformat()} has been imported.", mentions)
    row = fee_selectors.relative_value_get(release=release, code=code, modifier=modifier)
    label = f"{code}-{modifier}" if modifier else code
    if row is None:
        others = fee_selectors.relative_value_modifiers(release=release, code=code)
        detail = f"The {release.version} RVU file has no row for {label}."
        if others:
            detail += " It has " + ", ".join(f"{code}-{m}" if m else f"{code} (no modifier)" for m in others) + "."
        return _fee_missing(detail, mentions)
    _, all_localities = fee_selectors.locality_list(on=on)
    # The API and the tool price in one locality; any shows the RVUs.
    first = localities[0] if localities else all_localities.first()
    example = first.key if first else "10112-00"
    params = {"code": code, "modifier": modifier, "locality": example, "date": on.isoformat()}
    api_url = _url("api:fee_detail", params)
    citations = [
        _cite(SourceKind.FEE_SCHEDULE, f"Medicare physician fee schedule: RVU file {release.version}", api_url),
        _cite(SourceKind.FEE_SCHEDULE, f"Fee lookup tool: {label}", _url("fees:fee_tool", params)),
    ]
    total_nf = row.work_rvu + row.non_facility_pe_rvu + row.mp_rvu
    total_f = row.work_rvu + row.facility_pe_rvu + row.mp_rvu
    lines = [
        f"RVUs for **{label}** in the {release.version} RVU file (date of service {on.isoformat()}) [1]:",
        "",
        f"- Work RVU {row.work_rvu}, non-facility PE RVU {row.non_facility_pe_rvu}"
        f"{' (NA)' if row.non_facility_na else ''}, facility PE RVU {row.facility_pe_rvu}"
        f"{' (NA)' if row.facility_na else ''}, malpractice RVU {row.mp_rvu}",
        f"- Total RVUs: non-facility {total_nf}, facility {total_f}; conversion factor {release.conversion_factor}",
        "",
        *_indicator_lines(question.text, indicators_of(row), row),
    ]
    if localities:
        choices = [f"{gpci.locality_name} ({gpci.key})" for gpci in localities]
        state = STATES.get(localities[0].state, localities[0].state)
        lines += ["", f"{state} has {len(localities)} Medicare payment localities with different GPCIs:", ""]
        lines += [f"- {choice}" for choice in choices]
        follow_up = [f"Which {state} locality should I price {label} in: {', '.join(choices)}?"]
    else:
        follow_up = [f"Which Medicare locality (state and area, e.g. {example}) should I price {label} in?"]
    asks_money = MONEY_WORDS.search(question.text) is not None or bool(localities)
    lines += ["", "The amount depends on the locality's GPCIs: tell me the locality and I will price it."]
    return Answer(
        markdown="\n".join(lines) + _not_found_note(mentions),
        kind=AnswerKind.ASK if asks_money else AnswerKind.ANSWER,
        codes=mentions,
        citations=citations,
        follow_up_questions=follow_up,
    )


def _indicator_lines(text: str, found: dict[str, Indicator], row: RelativeValue) -> list[str]:
    """The status, global days and PC/TC indicator always; the surgical ones
    for surgery (a 0, 10 or 90-day global) or when the question names them."""
    asked = {name for name, words in INDICATOR_WORDS.items() if words.search(text)}
    shown = ["status_code", "global_days", "pctc_indicator"]
    if row.global_days in SURGICAL_GLOBALS:
        shown += ["mult_proc", "bilat_surg", "asst_surg", "co_surg"]
    shown += [name for name in INDICATOR_LABELS if name in asked and name not in shown]
    lines = ["Indicators:"]
    for name in shown:
        item = found[name]
        lines.append(f"- {INDICATOR_LABELS[name]} {item.code or '(blank)'}: {item.meaning}")
    return lines


def _arithmetic(work, pe, mp, gpci: Gpci, factor: Decimal, amount: Decimal | None) -> str:
    total = work * gpci.work_gpci + pe * gpci.pe_gpci + mp * gpci.mp_gpci
    exact = total * factor
    formula = (
        f"[({work} × {gpci.work_gpci}) + ({pe} × {gpci.pe_gpci}) + ({mp} × {gpci.mp_gpci})] × {factor} "
        f"= {_plain(total)} × {factor} = {_plain(exact)}"
    )
    return f"{formula} → {_money(amount)}" if amount is not None else f"{formula}; no amount is given (see below)"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _money(amount: Decimal | None) -> str:
    return "no amount" if amount is None else f"${amount:,.2f}"


def _fee_missing(detail: str, mentions: list[CodeMention]) -> Answer:
    return Answer(markdown=f"I cannot price this: {detail}", kind=AnswerKind.DECLINE, codes=mentions)


