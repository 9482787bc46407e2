"""Which search results a code-for answer may name. The search ranks by the
words of the query, so a close result can contradict what the question
states: the right knee for the left, type 1 for type 2, stage 3a for 3b,
"with hematuria" for "without". Such a result is never offered as the code
or an alternative; nor is an "unspecified" code of the same category when
the question documents more (guideline I.B.18: unspecified codes only when
the record supports nothing more specific). Results that assume what the
question does not say (an injury, a fracture pattern, a "with" condition,
a part or accessory of the item asked for) come after those that do not."""

from __future__ import annotations

import re


# Axes of the classification whose values exclude one another. Within an
# axis, compound values come first: "acute on chronic" is read before
# "acute" and "chronic", "nondisplaced" before "displaced".
AXES: dict[str, list[str]] = {
    "side": [r"\bbilateral\b", r"\bleft\b", r"\bright\b"],
    "diabetes type": [r"\btype (?:1|i|one)\b", r"\btype (?:2|ii|two)\b"],
    "acuity": [r"\bacute on chronic\b", r"\bacute\b", r"\bchronic\b"],
    "with": [r"\bwithout\b", r"\bwith\b"],
    "encounter": [r"\binitial\b", r"\bsubsequent\b", r"\bsequela\b"],
    "stage": [r"\bstage (?:3a|3 a)\b", r"\bstage (?:3b|3 b)\b", r"\bstage 1\b", r"\bstage 2\b", r"\bstage 3\b",
              r"\bstage 4\b", r"\bstage 5\b", r"\bend stage\b", r"\bunstageable\b"],
    "severity": [r"\bmild\b", r"\bmoderate\b", r"\bsevere\b"],
    "episode": [r"\bsingle episode\b", r"\brecurrent\b"],
    "course": [r"\buncomplicated\b", r"\bin remission\b"],
    "displacement": [r"\bnondisplaced\b|\bnon-displaced\b", r"\bdisplaced\b"],
    "fracture skin": [r"\bclosed\b", r"\bopen\b"],
    # Poisoning, adverse effect (a drug "taken as prescribed") and underdosing
    # are distinct T36-T50 axes (guideline I.C.19.e.5), as is the intent.
    "drug event": [r"\bpoisoning\b|\boverdose\b|\bod\b", r"\badverse effects?\b|\bas prescribed\b|\bcorrectly "
                   r"(?:prescribed|administered)\b", r"\bunderdosing\b|\bunderdosed\b"],
    # Burn depth (T20-T25, 5th character); a site burned to several depths is
    # coded to the highest (guideline I.C.19.d.1), so each depth stated counts.
    "burn depth": [r"\bfirst degree\b", r"\bsecond degree\b", r"\bthird degree\b"],
    "trimester": [r"\bfirst trimester\b", r"\bsecond trimester\b", r"\bthird trimester\b"],
    "intent": [r"\baccidental\b|\bunintentional\b", r"\bintentional self-harm\b|\bself-harm\b|\bsuicid\w*",
               r"\bassault\b", r"\bundetermined\b|\bintent (?:unknown|cannot be determined)\b"],
}
# A poisoning whose intent is not documented is coded accidental; undetermined
# intent is only for a record that says the intent cannot be determined
# (guideline I.C.19.e.5.b).
POISONING = re.compile(r"\b(poisoning|overdose|od|toxicity)\b", re.I)
ACCIDENTAL = r"\baccidental\b|\bunintentional\b"
# "no gangrene", "no abscess, no perforation": a detail the record rules out.
WEEKS = re.compile(r"\b(\d{1,2})\s*(?:weeks?|wks?)\b(?:\s+(?:gestation|pregnant|along))?", re.I)
NEGATED = re.compile(r"\b(?:no|without|w/o|denies|negative for)\s+(?:(?:mention|evidence|signs?|documentation) of\s+)?"
                     r"([a-z]{4,})", re.I)
# Quality-measure codes (HCPCS G8xxx-G9xxx and M1xxx, CPT category II) report
# measures, not the condition: they come after diagnosis codes unless asked for.
DRUG_EVENT_CODE = re.compile(r"^T(?:3[6-9]|4\d|50)")
DRUG_EVENT = re.compile(r"\b(poison\w*|overdos\w*|od|adverse|underdos\w*|toxic\w*|reactions?|side effects?|"
                        r"as prescribed|allerg\w*|intoxicat\w*|ingest\w*|too much|missed|skipped)\b", re.I)
QUALITY_CODE = re.compile(r"^(?:G8\d{3}|G9\d{3}|M1\d{3}|\d{4}F)$")
QUALITY_ASKED = re.compile(r"\b(quality|measures?|mips|performance|reporting|g-?codes?)\b", re.I)
# Detail a title may add that a question does not state: when the question
# names none of it, a code without it (the unspecified type, as guideline
# I.B.18 directs) comes before codes that assume one.
FRACTURE_PATTERN = re.compile(r"\b(transverse|oblique|spiral|comminuted|segmental|greenstick|torus|buckle|"
                              r"avulsion|butterfly|stress|"
                              # Eponymous fractures are specific patterns too (Colles' is extension-type).
                              r"colles|smith|galeazzi|barton|monteggia|bennett|rolando|maisonneuve|chauffeur)\b",
                              re.I)
# (detail in a title, the question's words that state it). A "with"
# condition (a complication, a manifestation) is coded only when documented;
# two conditions joined by "and" state it, since "with" presumes the link
# between them (guideline I.A.15).
# A fracture is pathological (or osteoporotic, or a stress fracture) only when
# the record says so (guideline I.C.13.c); a fall fracture is traumatic.
FRACTURE_CAUSE = re.compile(r"\b(patholog\w*|osteoporo\w*|stress|fatigue|neoplastic)\b", re.I)
ORGANISM = re.compile(r"\b(streptococc\w*|staphylococc\w*|pneumoniae|pneumococc\w*|escherichia|e\.? ?coli|"
                      r"pseudomonas|klebsiella|haemophilus|influenzae|mrsa|msaa|mssa|enterococc\w*|anaerob\w*|"
                      r"gram[- ]negative|gram[- ]positive|bacterial|viral|virus|fungal|mycoplasma|chlamydia\w*)\b",
                      re.I)
UNSTATED_DETAIL = [
    (FRACTURE_PATTERN, FRACTURE_PATTERN),
    (FRACTURE_CAUSE, FRACTURE_CAUSE),
    # An organism is coded only when documented: "sepsis" is A41.9, "pneumonia"
    # J18.9 (Index: unspecified organism; guideline I.C.1.d.1.a).
    (ORGANISM, ORGANISM),
    # "CHF" is I50.9 (Index: Failure, heart, congestive); the type of heart
    # failure is coded only when documented (guideline I.B.18).
    (re.compile(r"\b(systolic|diastolic)\b", re.I), re.compile(r"\b(systolic|diastolic|hfref|hfpef|hfmref)\b", re.I)),
    (re.compile(r"\bwith\b", re.I), re.compile(r"\b(with|and|due to|in)\b", re.I)),
]
# Chapter 19 (S00-S99) codes injuries; a question that names no injury is
# not about one, however many words of an injury title it shares.
INJURY_WORDS = re.compile(
    r"\b(injur\w*|fractur\w*|broken|break|sprain\w*|strain\w*|lacerat\w*|cut|contusion|bruis\w*|abrasion|"
    r"burn\w*|wound\w*|bite|dislocat\w*|concussion|crush\w*|amputat\w*|puncture|blister|foreign body|trauma\w*)\b",
    re.I,
)
# A HCPCS title for a part of an item, not the item: "Replacement, tip, cane".
ITEM_PART = re.compile(r"\b(replacement|accessory|accessories|addition|attachment|repair|supplies|supply)\b", re.I)
STOPWORDS = frozenset("a an and of the to in on for with without by due".split())
NEWBORN_WORDS = re.compile(r"\b(newborn|neonat\w*|perinatal|infant|nb|nicu)\b", re.I)
PREGNANCY_WORDS = re.compile(r"\b(pregnan\w*|obstetric\w*|gestation\w*|trimester|postpartum|puerper\w*|"
                             r"delivery|labou?r|antepartum|peripartum|ob|g\d+p\d+|"
                             # Conditions only a pregnancy has (chapter 15 titles).
                             r"gravid\w*|hyperemesis|\w*eclampsia|placenta\w*|cesarean|ectopic|miscarriage)\b", re.I)
DIALYSIS = re.compile(r"\b(?:hemo|peritoneal )?dialysis\b|\besrd\b|\bon (?:hd|pd|dialysis)\b", re.I)
END_STAGE = r"\bend stage\b"
WEEKS_WORDS = re.compile(r"\b(?:pregnan\w*|gestation\w*|weeks?|wks?|code|codes|for|of|at|icd|dx|what|is|the)\b",
                         re.I)
NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])")
NUMERIC_RANGE = re.compile(r"\b(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\b")
INCLUSION_TERM = "inclusion term:"
REWRITE = re.compile(r"^.+? (?:→|=) (?P<means>.+?) "
                     r"\((?:procedure|synonym|eponym|abbreviation|neoplasm|drug class|brand name)\)$")
UNSPECIFIED = re.compile(r"\b(unspecified|NOS)\b", re.I)


def axis_values(text: str) -> dict[str, set[str]]:
    """The values ``text`` names on each axis, as the patterns that match."""
    found: dict[str, set[str]] = {}
    for axis, patterns in AXES.items():
        rest = text.lower()
        for pattern in patterns:
            if re.search(pattern, rest):
                found.setdefault(axis, set()).add(pattern)
                rest = re.sub(pattern, " ", rest)
    return found


def contradicts(query: str, title: str) -> bool:
    """Whether the title names only other values than the query on some axis,
    or has "with" a detail the query rules out ("no gangrene")."""
    asked, named = _asked_values(query), axis_values(title)
    if any(axis in named and not (values & named[axis]) for axis, values in asked.items()):
        return True
    if any(_title_has_with(title, word) for word in NEGATED.findall(query)):
        return True
    return _title_rules_out_stated(query, title) or _behavior_left_open(query, title)


# C22.9 "... not specified as primary or secondary" is for a record that does
# not say; "liver mets" or "primary liver ca" says (guideline I.C.2, the
# Neoplasm Table's primary and secondary columns).
BEHAVIOR_STATED = re.compile(r"\b(?:mets|metast\w*|secondary|primary)\b", re.I)


def _behavior_left_open(query: str, title: str) -> bool:
    return "not specified as primary or secondary" in title.lower() and bool(BEHAVIOR_STATED.search(query))


def _title_rules_out_stated(query: str, title: str) -> bool:
    """A "without" clause of the title names a condition the question states
    ("CKD with HTN and heart failure": "... without heart failure, ...")."""
    stems = {word[:6] for word in re.findall(r"[a-z0-9]+", query.lower())}
    for clause in re.findall(r"\bwithout\b([^,]*)", title.lower()):
        words = [word for word in re.findall(r"[a-z0-9]+", clause) if word not in STOPWORDS and len(word) > 2]
        if not words or not all(word[:6] in stems for word in words):
            continue
        if not re.search(rf"\b(?:no|without|w/o|denies|negative for|not)\s+(?:\w+\s+){{0,3}}{re.escape(words[0][:6])}",
                         query.lower()):
            return True
    return False


def _title_has_with(title: str, word: str) -> bool:
    """Whether a "with" clause of the title (up to the next comma) names the word."""
    clauses = re.findall(r"\bwith\b((?:(?!\bwithout\b)[^,])*)", title.lower())
    return any(word.lower()[:6] in clause for clause in clauses)


def _asked_values(query: str) -> dict[str, set[str]]:
    """The query's axis values. CKD on chronic dialysis is end stage renal
    disease whatever stage is written (N18.6 inclusion term), and a stage
    documented with ESRD is coded N18.6 only (guideline I.C.14.a.1)."""
    asked = axis_values(query)
    if DIALYSIS.search(query):
        asked["stage"] = {END_STAGE}
    weeks = WEEKS.search(query)
    if weeks and "trimester" not in asked:
        asked["trimester"] = {AXES["trimester"][_trimester(int(weeks[1]))]}
    if NEGATED.search(query) and "with" in asked:  # "with HTN, no proteinuria" states a "without" too
        asked["with"].add(r"\bwithout\b")
    if POISONING.search(query) and "intent" not in asked:
        asked["intent"] = {ACCIDENTAL}
    return asked


def _trimester(weeks: int) -> int:
    """The chapter 15 trimester definitions (Tabular List; guideline
    I.C.15.a.3): first trimester before 14 weeks 0 days, second
    from 14 weeks 0 days to before 28 weeks 0 days, third from 28 weeks 0 days."""
    return 0 if weeks < 14 else 1 if weeks < 28 else 2


def _unspecified_though_stated(query: str, result) -> bool:
    """"Unspecified as to perforation" when the question says whether there is
    a perforation: a code that states it fits better (guideline I.B.18)."""
    match = re.search(r"\bunspecified as to (\w+)", result.title, re.I)
    if match:
        return match[1][:6].lower() in query.lower()
    # "unspecified trimester" when the weeks or the trimester are given (guideline I.C.15.a.3).
    axis = re.search(r"\bunspecified (trimester|stage)\b", result.title, re.I)
    return bool(axis) and axis[1].lower() in _asked_values(query)


def _unasked_quality(query: str, result) -> bool:
    """A quality-measure code, or a modifier (no code for a condition at all)."""
    if result.system == "hcpcs_modifier":
        return True
    return bool(QUALITY_CODE.match(result.code)) and not QUALITY_ASKED.search(query)


def _words_covered_by_names(query: str, result) -> int:
    """Words covered by the title or by the inclusion term the search matched:
    an inclusion term is the tabular's own other name for the code ("Opioid
    use disorder, moderate" at F11.20)."""
    # A drug class names the drug in T36-T50 titles only ("oral hypoglycemic
    # drugs" is no "oral complication" of diabetes).
    drug_titles = result.system == "hcpcs" or bool(DRUG_EVENT_CODE.match(result.code))
    query = " ".join([query, *_rewritten_to(result, drug_class=drug_titles)])
    return max([_words_covered(query, result.title), *(_words_covered(query, term) for term in _matched_terms(result))])


def _rewritten_to(result, *, drug_class: bool = True) -> list[str]:
    """The code-set words the search read the query's words as ("total
    abdominal hysterectomy → resection uterus open (procedure)")."""
    rewrites = [REWRITE.match(reason) for reason in result.matched]
    return [match["means"] for match in rewrites
            if match and (drug_class or not match[0].endswith("(drug class)"))]


def _matched_terms(result) -> list[str]:
    return [reason.split(":", 1)[1] for reason in result.matched if reason.startswith(INCLUSION_TERM)]


def _words_covered(query: str, title: str) -> int:
    """How many words of the query the title holds (by their first six
    letters: "hypertension" and "hypertensive"). A combination code covers
    both conditions it combines and comes first (guideline I.B.9)."""
    stems = {word[:6] for word in re.findall(r"[a-z0-9]+", title.lower())}
    return sum(word[:6] in stems for word in set(re.findall(r"[a-z0-9]+", query.lower())) if word not in STOPWORDS)


def _unasked_part(query: str, result) -> bool:
    return result.system == "hcpcs" and bool(ITEM_PART.search(result.title)) and not ITEM_PART.search(query)


def _range_fit(query: str, title: str) -> int:
    """0 when the title's numeric range holds the number the query gives
    ("BMI 42": "Body mass index [BMI] 40.0-44.9, adult"), 2 when it names a
    range that does not, 1 otherwise (or when the query gives no number)."""
    numbers = [float(number) for number in NUMBER.findall(query)]
    ranges = [(float(low), float(high)) for low, high in NUMERIC_RANGE.findall(title)]
    if not numbers or not ranges:
        return 1
    return 0 if any(low <= number <= high for number in numbers for low, high in ranges) else 2


def _unasked_population(query: str, result) -> bool:
    """A perinatal (P) or obstetric (O) code for a question that names no
    newborn or pregnancy: those chapters are for those patients only
    (guidelines I.C.15.a, I.C.16.a)."""
    if result.system != "icd10cm":
        return False
    if result.code.startswith("P"):
        return not NEWBORN_WORDS.search(query)
    return result.code.startswith("O") and not PREGNANCY_WORDS.search(query)


def _unasked_drug_event(query: str, result) -> bool:
    """A poisoning, adverse effect or underdosing code (T36-T50) for a question
    that names a drug but no such event ("DM2 on insulin"): those codes are
    for a documented event (guideline I.C.19.e.5); long-term use is a Z79 code."""
    return result.system == "icd10cm" and bool(DRUG_EVENT_CODE.match(result.code)) and not DRUG_EVENT.search(query)


def _weeks_before_condition(query: str, result) -> bool:
    """A Z3A weeks-of-gestation code when the question names a condition too:
    chapter 15 codes are sequenced first and Z3A is an additional code
    (guidelines I.C.15.a.1 and I.C.21.c.3)."""
    if not result.code.upper().startswith("Z3A"):
        return False
    rest = WEEKS_WORDS.sub(" ", WEEKS.sub(" ", query))
    return any(word not in STOPWORDS and len(word) > 2 for word in re.findall(r"[a-z]+", rest.lower()))


def _unasked_injury(query: str, result) -> bool:
    return result.system == "icd10cm" and result.code.startswith("S") and not INJURY_WORDS.search(query)


def _assumes_detail(query: str, result) -> bool:
    """ICD-10-CM conventions: in a PCS title "with" names the device."""
    # "COPD exac" is read "... with acute exacerbation"; a drug class reads only as a drug.
    asked = " ".join([query, *_rewritten_to(result, drug_class=bool(DRUG_EVENT_CODE.match(result.code)))])
    return result.system == "icd10cm" and any(
        in_title.search(result.title) and not stated.search(asked) and not _with_clause_stated(asked, result.title)
        for in_title, stated in UNSTATED_DETAIL
    )


def _with_clause_stated(asked: str, title: str) -> bool:
    """Whether the question names every word of a title that has "with"
    ("late onset Alzheimer's": "Alzheimer's disease with late onset"): then
    the detail is documented, however it is phrased."""
    words = [word for word in re.findall(r"[a-z0-9]+", title.lower()) if word not in STOPWORDS and len(word) > 2]
    stems = {word[:6] for word in re.findall(r"[a-z0-9]+", asked.lower())}
    return bool(words) and all(word[:6] in stems for word in words)


def results_consistent(query: str, results: list) -> list:
    """The results that contradict nothing the query states, best first, and
    without the unspecified codes of the best one's category when it is
    specific; all of them when every result contradicts the query (then the
    answer still shows what the search found)."""
    kept = [result for result in results
            if not any(contradicts(query, name) for name in [result.title, *_matched_terms(result)])]
    if not kept:
        return results
    kept.sort(key=lambda result: (_unasked_quality(query, result), _weeks_before_condition(query, result),
                                  _range_fit(query, result.title),
                                  _unasked_injury(query, result), _unasked_drug_event(query, result),
                                  _unasked_population(query, result),
                                  _assumes_detail(query, result), _unspecified_though_stated(query, result),
                                  _unasked_part(query, result), -_words_covered_by_names(query, result)))
    top = kept[0]
    if _range_fit(query, top.title) == 0:  # "BMI 32": the ranges that do not hold 32 are no alternative
        kept = [top] + [result for result in kept[1:] if _range_fit(query, result.title) != 2]
    if UNSPECIFIED.search(top.title) or UNSPECIFIED.search(query):
        return kept
    return [top] + [
        result for result in kept[1:]
        if not (UNSPECIFIED.search(result.title) and result.code[:3] == top.code[:3])
    ]
