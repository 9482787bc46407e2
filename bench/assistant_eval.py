"""Score the grounded assistant engine against a question set.

    CODINGDESK_DATA_DIR=../shared/data .venv/bin/python bench/assistant_eval.py
    ... bench/assistant_eval.py --failures --kind code_for --set bench/assistant_questions.jsonl
    ... bench/assistant_eval.py --questions bench/assistant_questions_fresh.jsonl

bench/assistant_questions_fresh.jsonl is a second set, written apart from
the engine's failures, to check that changes generalize beyond the first.
bench/assistant_questions_heldout3.jsonl (80 questions in coders' own
phrasing) was written before the engine was run on it: 76.2% before tuning.
bench/assistant_questions_heldout4.jsonl (60, 7th characters, combination
codes, obstetrics, neoplasms, PCS devices, drug units, modifiers) likewise:
65.0% before tuning (code_for 9 of 25).
bench/assistant_questions_heldout5.jsonl (50, chart shorthand, pediatrics,
OB, neoplasms, mental health, route shorthand for drugs) likewise: 82.0%
before tuning (code_for 20 of 28).

Each line of the set is a question with checkable expectations: the kind of
answer (answer, ask for detail, decline), codes that must and must not
appear, and phrases the answer must contain. The script prints the pass rate
by kind, the citation rate of answers, the invented-code rate and the
latency, against the targets of the assistant issue.

The database is var/bench-assistant/ (never the site's): a copy of
var/bench/'s when bench/imports.py has filled it, else the ICD-10-CM, PCS and
HCPCS imports from CODINGDESK_DATA_DIR. Added to it:
- a HCPCS "July 2025" release derived from the October 2025 file by leaving
  out the codes whose added date is 2025-10-01, so that release-change
  questions have two releases to compare (bench data, not an official file);
- the coverage index and the GPCI file from CODINGDESK_DATA_DIR;
- small RVU, NCCI PTP and MUE files of our own, in the official layouts,
  matching the fee, PTP and MUE questions (CPT numbers only, invented RVUs
  and indicators, "BENCH DESCRIPTOR" descriptors, never CPT text);
- the search index.
Questions without "as_of" are asked as of DEFAULT_AS_OF, a date on which
every loaded release (PTP 32.2 and the July 2026 MUE among them) is in force.
"""

import argparse
import csv
import datetime
import json
import os
import re
import shutil
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"
EVAL_VAR = ROOT / "var" / "bench-assistant"
GENERATED = EVAL_VAR / "generated"
DEFAULT_SET = ROOT / "bench" / "assistant_questions.jsonl"
DEFAULT_AS_OF = datetime.date(2026, 7, 15)
CONVERSION_FACTOR = Decimal("33.4009")

TARGET_PASS = 0.90
TARGET_CITED = 1.0
TARGET_INVENTED = 0.0
TARGET_P95_MS = 300
TARGET_FIRST_TOKEN_MS = 500

# code, modifier, status, work, non-facility PE, facility PE, MP, PC/TC, global days, mult, bilat, asst, co-surg.
# Invented values (of a plausible size); the descriptors written are "BENCH DESCRIPTOR n".
RVU_ROWS = [
    # Deleted in 2021; the E/M guideline entries name it.
    ("99201", "", "I", "0.00", "0.00", "0.00", "0.00", "9", "XXX", "9", "9", "9", "9"),
    ("99202", "", "A", "0.93", "1.12", "0.43", "0.08", "0", "XXX", "0", "0", "0", "0"),
    ("99203", "", "A", "1.60", "1.55", "0.67", "0.16", "0", "XXX", "0", "0", "0", "0"),
    ("99204", "", "A", "2.60", "2.02", "1.08", "0.24", "0", "XXX", "0", "0", "0", "0"),
    ("99205", "", "A", "3.50", "2.45", "1.45", "0.31", "0", "XXX", "0", "0", "0", "0"),
    ("99211", "", "A", "0.18", "0.45", "0.07", "0.01", "0", "XXX", "0", "0", "0", "0"),
    ("99212", "", "A", "0.70", "0.95", "0.29", "0.05", "0", "XXX", "0", "0", "0", "0"),
    ("99213", "", "A", "1.30", "1.21", "0.55", "0.10", "0", "XXX", "0", "0", "0", "0"),
    ("99214", "", "A", "1.92", "1.60", "0.79", "0.14", "0", "XXX", "0", "0", "0", "0"),
    ("99215", "", "A", "2.80", "2.05", "1.15", "0.20", "0", "XXX", "0", "0", "0", "0"),
    ("99417", "", "A", "0.61", "0.28", "0.25", "0.04", "0", "ZZZ", "0", "0", "0", "0"),
    ("99221", "", "A", "1.63", "0.70", "0.70", "0.16", "0", "XXX", "0", "0", "0", "0"),
    ("99222", "", "A", "2.61", "1.10", "1.10", "0.24", "0", "XXX", "0", "0", "0", "0"),
    ("99223", "", "A", "3.50", "1.40", "1.40", "0.35", "0", "XXX", "0", "0", "0", "0"),
    ("99231", "", "A", "1.00", "0.42", "0.42", "0.08", "0", "XXX", "0", "0", "0", "0"),
    ("99232", "", "A", "1.59", "0.66", "0.66", "0.12", "0", "XXX", "0", "0", "0", "0"),
    ("99233", "", "A", "2.40", "0.99", "0.99", "0.18", "0", "XXX", "0", "0", "0", "0"),
    ("71046", "", "A", "0.22", "0.79", "0.79", "0.02", "1", "XXX", "4", "1", "0", "0"),
    ("71046", "26", "A", "0.22", "0.08", "0.08", "0.01", "1", "XXX", "4", "1", "0", "0"),
    ("71046", "TC", "A", "0.00", "0.71", "0.71", "0.01", "1", "XXX", "4", "1", "0", "0"),
    ("27447", "", "A", "19.60", "0.00", "11.05", "3.95", "0", "090", "2", "1", "2", "1"),
    ("20610", "", "A", "0.79", "0.90", "0.40", "0.09", "0", "000", "2", "1", "1", "0"),
    ("11042", "", "A", "1.01", "2.40", "0.60", "0.14", "0", "000", "2", "0", "1", "0"),
    ("97597", "", "A", "0.88", "1.50", "0.30", "0.07", "0", "000", "2", "0", "1", "0"),
    ("97110", "", "A", "0.45", "0.45", "0.45", "0.02", "0", "XXX", "0", "0", "0", "0"),
    ("97140", "", "A", "0.43", "0.40", "0.40", "0.02", "0", "XXX", "0", "0", "0", "0"),
    ("97530", "", "A", "0.44", "0.62", "0.62", "0.02", "0", "XXX", "0", "0", "0", "0"),
    ("93000", "", "A", "0.17", "0.25", "0.25", "0.02", "0", "XXX", "0", "0", "0", "0"),
    ("93005", "", "A", "0.00", "0.20", "0.20", "0.01", "0", "XXX", "0", "0", "0", "0"),
    ("45378", "", "A", "3.26", "5.10", "1.70", "0.40", "0", "000", "2", "0", "1", "0"),
    ("45378", "53", "A", "0.96", "2.86", "0.53", "0.12", "0", "000", "2", "0", "1", "0"),
    ("45380", "", "A", "3.56", "5.60", "1.85", "0.44", "0", "000", "2", "0", "1", "0"),
    ("36415", "", "X", "0.00", "0.00", "0.00", "0.00", "9", "XXX", "9", "9", "9", "9"),
    ("36416", "", "X", "0.00", "0.00", "0.00", "0.00", "9", "XXX", "9", "9", "9", "9"),
    ("96372", "", "A", "0.17", "0.35", "0.35", "0.01", "0", "XXX", "0", "0", "0", "0"),
    ("29881", "", "A", "7.03", "0.00", "5.02", "1.32", "0", "090", "2", "1", "1", "0"),
    ("29880", "", "A", "7.39", "0.00", "5.15", "1.40", "0", "090", "2", "1", "1", "0"),
    ("G0439", "", "A", "1.92", "1.40", "0.80", "0.10", "0", "XXX", "0", "0", "0", "0"),
    ("G0438", "", "A", "2.60", "1.90", "1.10", "0.14", "0", "XXX", "0", "0", "0", "0"),
    ("G2211", "", "A", "0.33", "0.14", "0.14", "0.01", "0", "ZZZ", "0", "0", "0", "0"),
]
# column 1, column 2, effective, deletion, modifier indicator, rationale (practitioner PTP, version 32.2).
PTP_EDITS = [
    ("11042", "97597", "20090101", "*", "1", "Misuse of Column Two code with Column One code"),
    ("0001A", "36591", "20210101", "*", "0", "Standards of medical / surgical practice"),
    ("29881", "29880", "20220101", "20220101", "9", "Mutually exclusive procedures"),
    ("20610", "99213", "20100101", "*", "1", "Medical or surgical service included in global surgical package"),
    ("27447", "20610", "20120101", "*", "1", "Standards of medical / surgical practice"),
    ("45380", "45378", "20150101", "*", "1", "More extensive procedure"),
    ("93000", "93005", "19960101", "*", "0", "CPT separate procedure definition"),
    ("36415", "36416", "20160101", "*", "1", "Mutually exclusive procedures"),
    ("97140", "97530", "20200101", "*", "1", "Mutually exclusive procedures"),
    ("11042", "11000", "20090101", "*", "1", "More extensive procedure"),
]
# code, MUE, MAI, rationale (practitioner MUE effective 2026-07-01), after the rows of the official excerpt.
MUE_ROWS = [
    ("11042", "1", "1 Line Edit", "Anatomic Consideration"),
    ("20610", "2", "2 Date of Service Edit: Policy", "Code Descriptor / CPT Instruction"),
    ("97110", "6", "3 Date of Service Edit: Clinical", "Clinical: Data"),
    ("J1100", "30", "3 Date of Service Edit: Clinical", "Clinical: Data"),
    ("99213", "1", "2 Date of Service Edit: Policy", "Code Descriptor / CPT Instruction"),
    ("71046", "2", "3 Date of Service Edit: Clinical", "Clinical: Data"),
    ("36415", "2", "3 Date of Service Edit: Clinical", "Clinical: Data"),
    ("93000", "1", "3 Date of Service Edit: Clinical", "Clinical: Data"),
    ("96372", "4", "3 Date of Service Edit: Clinical", "Clinical: Data"),
    ("J0585", "400", "3 Date of Service Edit: Clinical", "Clinical: Data"),
    ("27447", "1", "2 Date of Service Edit: Policy", "Anatomic Consideration"),
    ("45378", "1", "2 Date of Service Edit: Policy", "Code Descriptor / CPT Instruction"),
    ("97597", "1", "1 Line Edit", "Code Descriptor / CPT Instruction"),
]

# Shapes from assistant/verification.py, read from the module after Django is set up.
TOKEN = re.compile(r"(?<![\w.])([A-Za-z0-9]{3,7}(?:\.[A-Za-z0-9]{1,4})?)(?![\w])")
MCD_DOCUMENT_ID = re.compile(r"^D?[LA]\d{5}$")
# Link targets and URLs hold numbers (lcdid=33718) that are not codes.
LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")
# A range of categories (S00-T88) named by a guideline entry.
CODE_RANGE = re.compile(r"^([A-Z0-9.]{3,8})-([A-Z0-9.]{3,8})$")


def fee_amount(code: str, modifier: str, gpci: tuple[Decimal, Decimal, Decimal], *, facility: bool) -> Decimal:
    """The amount the fee questions expect, by the formula of the RVU file's README."""
    row = next(row for row in RVU_ROWS if row[0] == code and row[1] == modifier)
    work, pe, mp = Decimal(row[3]), Decimal(row[5] if facility else row[4]), Decimal(row[6])
    total = work * gpci[0] + pe * gpci[1] + mp * gpci[2]
    return (total * CONVERSION_FACTOR).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- set-up


def setup(data_dir: Path, fresh: bool) -> None:
    if fresh:
        shutil.rmtree(EVAL_VAR, ignore_errors=True)
    EVAL_VAR.mkdir(parents=True, exist_ok=True)
    database = EVAL_VAR / "codingdesk.sqlite3"
    copied = False
    if not database.exists() and _holds_code_imports(BENCH_VAR / "codingdesk.sqlite3"):
        shutil.copyfile(BENCH_VAR / "codingdesk.sqlite3", database)
        copied = True
    os.environ["CODINGDESK_VAR_DIR"] = str(EVAL_VAR)
    os.environ["CODINGDESK_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"database: {database}" + (" (copied from var/bench/)" if copied else ""))
    _import_code_sets(data_dir)
    _import_hcpcs_july_2025(data_dir)
    _import_coverage(data_dir)
    _import_fees(data_dir)
    _import_edits(data_dir)
    from codingdesk import search

    if not search.index_is_current():
        started = time.perf_counter()
        count = search.index_rebuild()
        print(f"search index rebuilt: {count:,} documents in {time.perf_counter() - started:.0f} s")


def _holds_code_imports(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            systems = {row[0] for row in connection.execute("select distinct system from codesets_release")}
    except sqlite3.Error:
        return False
    return {"icd10cm", "icd10pcs", "hcpcs"} <= systems


def _import_code_sets(data_dir: Path) -> None:
    from codingdesk.codesets.importers import importer_for
    from codingdesk.codesets.models import Release
    from codingdesk.codesets.services import code_release_import

    for system in ("icd10cm", "icd10pcs", "hcpcs"):
        if Release.objects.filter(system=system).exists():
            continue
        groups = importer_for(system).find_sources(data_dir)
        if not groups:
            print(f"{system}: no release files in {data_dir}")
            continue
        started = time.perf_counter()
        code_release_import(system=system, paths=groups[-1])
        print(f"{system}: imported in {time.perf_counter() - started:.0f} s")


def _import_hcpcs_july_2025(data_dir: Path) -> None:
    """The October 2025 file without the records of codes added on 2025-10-01."""
    from codingdesk.codesets.services import code_release_import

    source = data_dir / "hcpcs" / "HCPC2025_OCT_ANWEB.reconstructed.txt"
    if not source.exists():
        print("hcpcs: no October 2025 file, so no earlier release to compare (release-change questions will fail)")
        return
    GENERATED.mkdir(parents=True, exist_ok=True)
    target = GENERATED / "HCPC2025_JUL_ANWEB.bench.txt"
    if not target.exists():
        lines = source.read_bytes().decode("ascii").splitlines(keepends=True)
        # HCPC in bytes 1-5, code added date in bytes 269-276 (LAYOUT.md); continuation lines carry the code too.
        added = {line[0:5] for line in lines if line[268:276] == "20251001"}
        target.write_bytes("".join(line for line in lines if line[0:5] not in added).encode("ascii"))
    code_release_import(system="hcpcs", paths=[target])


def _import_coverage(data_dir: Path) -> None:
    try:
        from codingdesk.coverage.services import coverage_import_all
    except ImportError:
        print("coverage: the coverage app is not there; coverage questions will fail")
        return
    outcomes = coverage_import_all(data_dir=data_dir)
    if not outcomes:
        print(f"coverage: no coverage index in {data_dir}")


def _import_fees(data_dir: Path) -> None:
    from codingdesk.fees.importers import gpci
    from codingdesk.fees.services import fee_release_import

    from bench.fees_lookup import HEADER

    GENERATED.mkdir(parents=True, exist_ok=True)
    path = GENERATED / "PPRRVU26_JAN.csv"
    width = len(HEADER)
    with path.open("w", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        for text in ("2026 National Physician Fee Schedule Relative Value File January Release",
                     "BENCH FILE: the official file has its CPT copyright notice on this line",
                     "BENCH FILE: the official file has its dental code copyright notice on this line", ""):
            writer.writerow(["", "", text] + [""] * (width - 3))
        for level in range(5):
            writer.writerow([parts[level - (5 - len(parts))] if level >= 5 - len(parts) else "" for parts in HEADER])
        for number, row in enumerate(RVU_ROWS, start=1):
            writer.writerow(_rvu_line(row, number))
    fee_release_import(dataset="rvu", paths=[path])
    groups = gpci.find_sources(data_dir)
    if groups:
        fee_release_import(dataset="gpci", paths=groups[-1])
    else:
        print(f"fees: no GPCI file in {data_dir}; fee questions will fail")


def _rvu_line(row: tuple, number: int) -> list[str]:
    code, modifier, status, work, nf_pe, f_pe, mp, pctc, global_days, mult, bilat, asst, co_surg = row
    nf_na = "NA" if Decimal(nf_pe) == 0 and Decimal(f_pe) > 0 else ""
    nf_total = Decimal(work) + Decimal(nf_pe) + Decimal(mp)
    f_total = Decimal(work) + Decimal(f_pe) + Decimal(mp)
    return [
        code, modifier, f"BENCH DESCRIPTOR {number:03}", status, "", work, nf_pe, nf_na, f_pe, "", mp,
        f"{nf_total:.2f}", f"{f_total:.2f}", pctc, global_days, "0.00", "0.00", "0.00", mult, bilat, asst, co_surg,
        "0", "", str(CONVERSION_FACTOR), "09", "0", "99", "0.00", "0.00", "0.00",
    ]


def _import_edits(data_dir: Path) -> None:
    from codingdesk.edits.importers import mue, ptp
    from codingdesk.edits.services import edit_release_import

    from bench.edits_ptp import HEADER as PTP_HEADER

    folder = GENERATED / "ncci"
    folder.mkdir(parents=True, exist_ok=True)
    ptp_path = folder / "ccipra-v322r0-f1.txt"
    lines = ["\t".join([c1, c2, "", eff, dele, ind, why]) for c1, c2, eff, dele, ind, why in PTP_EDITS]
    ptp_path.write_bytes(("\r\n".join([*PTP_HEADER, *lines]) + "\r\n").encode())
    edit_release_import(dataset=ptp.dataset_of([ptp_path]), paths=[ptp_path])

    mue_path = folder / "MCR_MUE_PractitionerServices_Eff_07-01-2026.csv"
    excerpt = data_dir / "ncci" / "MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv"
    records = list(csv.reader(excerpt.open(newline="", encoding="utf-8"))) if excerpt.exists() else []
    ours = {row[0] for row in MUE_ROWS}
    # The notice and header records as in the official file, its rows, then ours (a code once).
    head, rows = records[:2], [row for row in records[2:] if row and row[0] not in ours]
    if not head:
        head = [
            ["CPT codes, descriptions and other data only are copyright 2025 American Medical Association", "", "", ""],
            ["HCPCS/\nCPT Code", "Practitioner Services MUE Values", "MUE Adjudication Indicator", "MUE Rationale"],
        ]
    with mue_path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream, lineterminator="\n").writerows([*head, *rows, *[list(row) for row in MUE_ROWS]])
    edit_release_import(dataset=mue.dataset_of([mue_path]), paths=[mue_path])


# ---------------------------------------------------------------- scoring


def load_questions(path: Path, kind: str | None) -> list[dict]:
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        for key in ("id", "kind", "question", "expect"):
            if key not in item:
                sys.exit(f"{path}:{number}: no {key!r}")
        if kind is None or item["kind"] == kind:
            questions.append(item)
    return questions


def plain(text: str) -> str:
    """Lower case, without Markdown emphasis and with single spaces, for phrase matching."""
    return re.sub(r"\s+", " ", re.sub(r"[*_`\\]", "", text)).lower()


def shaped(token: str) -> bool:
    from codingdesk.assistant import verification as v
    from codingdesk.lib.codes import normalize_code

    if not any(ch.isdigit() for ch in token) or MCD_DOCUMENT_ID.match(token):
        return False
    upper = token.upper()
    return bool(v.ICD10CM_SHAPE.match(upper) or v.CPT_SHAPE.match(upper) or v.HCPCS_SHAPE.match(upper)
                or ("." not in upper and v.ICD10PCS_SHAPE.match(normalize_code(upper))))


def score(item: dict, answer, seconds: float, context: dict) -> dict:
    from codingdesk.assistant.verification import code_mention
    from codingdesk.lib.codes import normalize_code

    as_of = context["as_of"]
    text = plain(answer.markdown)
    raw_tokens = {token for token in TOKEN.findall(LINK_TARGET.sub("]", answer.markdown)) if token == token.upper()}
    tokens = {normalize_code(token) for token in raw_tokens}
    asked = {normalize_code(token) for token in TOKEN.findall(item["question"])}
    valid_codes = {normalize_code(mention.code) for mention in answer.codes if mention.valid}
    reasons = []
    if answer.kind != item["expect"]:
        reasons.append(f"expected {item['expect']}, got {answer.kind}")
    for code in item.get("codes_required", []):
        if normalize_code(code) not in valid_codes | tokens:
            reasons.append(f"missing code {code}")
    # A forbidden code the question itself names is not checked: the answer has to talk about it.
    for code in item.get("codes_forbidden", []):
        normalized = normalize_code(code)
        if normalized not in asked and (normalized in valid_codes or normalized in tokens):
            reasons.append(f"forbidden code {code}")
    for phrase in item.get("phrases", []):
        if plain(phrase) not in text:
            reasons.append(f"missing phrase {phrase!r}")
    # Invented: flagged by verification, or a code-shaped token of the text that
    # no loaded release holds, unless the question itself named it.
    named, invented = set(), set()
    for mention in answer.codes:
        normalized = normalize_code(mention.code)
        named.add(normalized)
        if not mention.valid and normalized not in asked and not context["known"](mention.code):
            invented.add(mention.code)
    for token in raw_tokens:
        normalized = normalize_code(token)
        if normalized in named or normalized in asked or not shaped(token) or normalized in context["mac_numbers"]:
            continue
        named.add(normalized)
        if not code_mention(token, as_of=as_of).valid and not context["known"](normalized):
            invented.add(token)
    if invented:
        reasons.append(f"invented code {', '.join(sorted(invented))}")
    return {
        "item": item, "answer": answer, "ms": seconds * 1000, "passed": not reasons, "reasons": reasons,
        "named": len(named), "invented": sorted(invented),
    }


def known_code_checker():
    """Whether any loaded release holds the code: a deleted or not-yet-valid
    code that the answer names as such is out of date, not invented."""
    from codingdesk.codesets.cpt import cpt_public_code_exists
    from codingdesk.codesets.models import Code
    from codingdesk.lib.codes import normalize_code

    def known(code: str) -> bool:
        ends = CODE_RANGE.match(code.upper())
        if ends:
            return all(known(end) for end in ends.groups())
        normalized = normalize_code(code)
        if Code.objects.filter(normalized=normalized).exists():
            return True
        return len(normalized) == 5 and cpt_public_code_exists(normalized, date_of_service=DEFAULT_AS_OF)

    return known


def run(questions: list[dict]) -> list[dict]:
    from codingdesk.assistant.engines.base import Question
    from codingdesk.assistant.engines.grounded import GroundedEngine
    from codingdesk.fees.models import Gpci

    engine = GroundedEngine()
    known = known_code_checker()
    # Locality keys (13202-01) begin with a contractor number shaped like a CPT code.
    mac_numbers = set(Gpci.objects.values_list("mac", flat=True))
    engine.answer(Question(text="What is E11.22?", as_of=DEFAULT_AS_OF))  # warm the caches and the index reader
    results = []
    for item in questions:
        as_of = datetime.date.fromisoformat(item["as_of"]) if item.get("as_of") else DEFAULT_AS_OF
        question = Question(text=item["question"], as_of=as_of)
        started = time.perf_counter()
        try:
            answer = engine.answer(question)
        except Exception as error:  # a crash is a failure of that question, not of the run
            from codingdesk.assistant.engines.base import Answer

            answer = Answer(markdown=f"(engine raised {type(error).__name__}: {error})", kind="error")
        seconds = time.perf_counter() - started
        results.append(score(item, answer, seconds, {"as_of": as_of, "known": known, "mac_numbers": mac_numbers}))
    return results


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))]


def report(results: list[dict], show_failures: bool) -> None:
    by_kind = defaultdict(list)
    for result in results:
        by_kind[result["item"]["kind"]].append(result)
    print(f"\n{'kind':<18} {'questions':>9} {'passed':>7} {'rate':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for kind, group in sorted(by_kind.items()):
        passed = sum(result["passed"] for result in group)
        times = [result["ms"] for result in group]
        print(f"{kind:<18} {len(group):>9} {passed:>7} {passed / len(group):>7.0%} "
              f"{statistics.median(times):>8.1f} {percentile(times, 0.95):>8.1f}")
    passed = sum(result["passed"] for result in results)
    answers = [result for result in results if result["answer"].kind == "answer"]
    cited = sum(bool(result["answer"].citations) for result in answers)
    named = sum(result["named"] for result in results)
    invented = sum(len(result["invented"]) for result in results)
    times = [result["ms"] for result in results]
    p95 = percentile(times, 0.95)

    def verdict(ok: bool) -> str:
        return "ok" if ok else "BELOW TARGET"

    print(f"{'total':<18} {len(results):>9} {passed:>7} {passed / len(results):>7.0%} "
          f"{statistics.median(times):>8.1f} {p95:>8.1f}\n")
    print(f"pass rate:         {passed / len(results):.1%} (target >= {TARGET_PASS:.0%}: "
          f"{verdict(passed / len(results) >= TARGET_PASS)})")
    if answers:
        print(f"citation rate:     {cited / len(answers):.1%} of {len(answers)} answers of kind 'answer' "
              f"(target {TARGET_CITED:.0%}: {verdict(cited == len(answers))})")
    print(f"invented codes:    {invented} of {named} codes named ({invented / max(named, 1):.2%}; target "
          f"{TARGET_INVENTED:.0%}: {verdict(invented == 0)})")
    print(f"latency:           p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms "
          f"(target p95 <= {TARGET_P95_MS} ms: {verdict(p95 <= TARGET_P95_MS)})")
    # The grounded engine does not stream: its first token is its whole answer.
    print(f"first token:       p95 {p95:.1f} ms, the whole answer (the grounded engine does not stream; "
          f"target <= {TARGET_FIRST_TOKEN_MS} ms: {verdict(p95 <= TARGET_FIRST_TOKEN_MS)})")
    slowest = sorted(results, key=lambda result: -result["ms"])[:5]
    print("slowest:           " + ", ".join(f"{result['item']['id']} {result['ms']:.0f} ms" for result in slowest))
    uncited = [result["item"]["id"] for result in answers if not result["answer"].citations]
    if uncited:
        print(f"answers without a citation: {', '.join(uncited)}")
    if show_failures:
        print("\nFailures:")
        for result in results:
            if result["passed"]:
                continue
            item, answer = result["item"], result["answer"]
            first_line = answer.markdown.strip().splitlines()[0][:160] if answer.markdown.strip() else ""
            print(f"- {item['id']} [{item['kind']}] {item['question']}")
            print(f"    {'; '.join(result['reasons'])}")
            print(f"    answer ({answer.kind}, {len(answer.citations)} citations): {first_line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", "--questions", dest="set", type=Path, default=DEFAULT_SET,
                        help="the question set (JSON lines)")
    parser.add_argument("--kind", help="only the questions of this kind")
    parser.add_argument("--failures", action="store_true", help="print each failing question with the reason")
    parser.add_argument("--fresh", action="store_true", help="rebuild var/bench-assistant/ from scratch")
    args = parser.parse_args()
    data_dir = Path(os.environ.get("CODINGDESK_DATA_DIR", ROOT.parent / "shared" / "data")).resolve()
    questions = load_questions(args.set, args.kind)
    if not questions:
        sys.exit(f"No questions{f' of kind {args.kind}' if args.kind else ''} in {args.set}.")
    started = time.perf_counter()
    setup(data_dir, args.fresh)
    print(f"set-up: {time.perf_counter() - started:.0f} s; {len(questions)} questions from {args.set}")
    report(run(questions), args.failures)


if __name__ == "__main__":
    main()
