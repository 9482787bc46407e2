"""Medicare coverage questions ("Is CPAP covered by Medicare?", "LCD for
vitamin D testing"), answered from the coverage index (the coverage app):
the LCDs and articles whose titles match the service or item asked about,
each with its contractor, ID, effective date and link.

Run by the grounded engine (engines/grounded.py, HANDLERS); reads only, through
codingdesk.coverage.selectors.
"""

from __future__ import annotations

import re

from codingdesk.coverage.selectors import coverage_release_current, coverage_search

from ..base import Answer, AnswerKind, Citation, Question, SourceKind

MAX_DOCUMENTS = 5

# What makes a question a coverage question: coverage words, the document
# kinds, medical necessity, or Medicare covering or paying for something. A
# bare "covers" is left out: "which code covers hives" is a code question.
COVERAGE_QUESTION = re.compile(
    r"\b(?:covered|coverage|lcds?|ncds?|local coverage determinations?|policy articles?"
    r"|medical(?:ly)? necess\w*|(?:medicare|mcr)\s+(?:covers?|pays?|paid)\b|does (?:medicare|mcr) (?:cover|pay))",
    re.I,
)
# Words of the question that are about coverage, not about the service asked about.
QUESTION_WORDS = frozenset(
    """a an and any are article articles be by can coverage cover covered covers determination
    determinations do does find for from get give how i in is it its lcd lcds list local me medical medically
    mcr medicare national ncd ncds necessary necessity of on or paid pay pays patient patients policy policies
    show the there this under we what when where which who will with would you your""".split()
)
# LCD titles name drugs generically; questions often use the brand.
BRAND_NAMES = {"botox": "botulinum", "dysport": "botulinum", "xeomin": "botulinum", "myobloc": "botulinum"}
# What coders call an item, in the words of the DME MAC LCD titles.
ITEM_NAMES = [
    (re.compile(r"\b(?:power|motorized|electric) (?:wheel ?chairs?|chairs?)\b|\b(?:power )?scooters?\b|\bpovs?\b",
                re.I), "power mobility devices"),
    (re.compile(r"\bdiabetic shoes?\b|\bdiabetic (?:inserts?|footwear)\b", re.I), "therapeutic shoes diabetes"),
    (re.compile(r"\bwound vacs?\b|\bnpwt\b", re.I), "negative pressure wound therapy"),
    (re.compile(r"\bcgms?\b", re.I), "glucose monitors"),
]
NOTE = (
    "LCDs are contractor-specific: check which Medicare Administrative Contractor serves the patient's "
    "state (or the place of service) and use that contractor's document. The coverage index lists the "
    "documents only, with no covered-code lists: read the LCD and its billing and coding article for the "
    "covered diagnoses and the documentation required."
)
NCD_NOTE = (
    "National coverage determinations (NCDs) are not in the coverage index; look them up in the Medicare "
    "National Coverage Determinations Manual."
)
NO_INDEX = (
    "No Medicare coverage index is loaded, so I cannot look up LCDs or articles. An administrator can "
    "import it with `codingdesk import coverage <folder>` (the folder holding "
    "`mcd_lcd_article_documents_<YYYY-MM-DD>.csv` from the Medicare Coverage Database downloads), "
    "or with `codingdesk import --all`."
)
ASK_SERVICE = (
    "Which service, item or test do you mean? Name it as precisely as you can "
    "(for example \"CPAP for obstructive sleep apnea\", \"vitamin D assay testing\" or \"total knee arthroplasty\")."
)


def coverage_question(question: Question) -> Answer | None:
    if not COVERAGE_QUESTION.search(question.text):
        return None
    release = coverage_release_current()
    if release is None:
        return Answer(markdown=NO_INDEX, kind=AnswerKind.DECLINE)
    topic = topic_of(question.text)
    documents = coverage_search(query=topic, as_of=question.as_of, limit=MAX_DOCUMENTS * 4) if topic else []
    if not documents:
        intro = f"I found no LCD or article titled for **{_escape(topic)}**." if topic else "Which service is it about?"
        return Answer(markdown=f"{intro} {ASK_SERVICE}", kind=AnswerKind.ASK, follow_up_questions=[ASK_SERVICE])
    complete = [document for document in documents if document.search_matched == document.search_terms]
    # The search ranks ties by title, which puts "Billing and Coding: ..."
    # articles before their LCD; a coder wants the LCD first (the articles
    # follow it), so LCDs lead among documents equally matched and in force.
    shown = sorted(
        complete or documents,
        key=lambda document: (-document.search_matched, not _in_force(document, question.as_of), document.kind != "lcd"),
    )[:MAX_DOCUMENTS]
    if complete:
        intro = f"Medicare coverage documents for **{_escape(topic)}** in the coverage index of {release.version}:"
    else:
        intro = (
            f"No LCD or article title holds every word of **{_escape(topic)}**; these match some of them "
            f"(coverage index of {release.version}):"
        )
    lines = [intro, ""]
    lines += [_line(document) for document in shown]
    lines += ["", NOTE]
    if re.search(r"\bncds?\b|national coverage", question.text, re.I):
        lines += ["", NCD_NOTE]
    citations = [
        Citation(label=f"{document.document_id} {document.title}", url=document.url, source_kind=SourceKind.COVERAGE)
        for document in shown
    ]
    return Answer(markdown="\n".join(lines), citations=citations)


def topic_of(text: str) -> str:
    """The service or item asked about: the question without its coverage words."""
    for pattern, title_words in ITEM_NAMES:
        text = pattern.sub(title_words, text)
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9'-]*", text)
    kept = [BRAND_NAMES.get(word.lower(), word) for word in words if word.lower().strip("'") not in QUESTION_WORDS]
    return " ".join(dict.fromkeys(kept))  # once each: "power wheelchair or scooter" names one item


def _in_force(document, as_of) -> bool:
    retired = document.retirement_date is not None and document.retirement_date < as_of
    return document.effective_date <= as_of and not retired


def _line(document) -> str:
    kind = document.get_kind_display()
    effective = document.effective_date.isoformat()
    status = f", retired {document.retirement_date.isoformat()}" if document.retirement_date else ""
    return (
        f"- {kind} [{document.document_id}]({document.url}) {_escape(document.title)}: "
        f"{_escape(document.contractor)}, effective {effective}{status}"
    )


def _escape(text: str) -> str:
    # Titles are data: keep them from opening links or emphasis in the Markdown.
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


HANDLERS = [coverage_question]
