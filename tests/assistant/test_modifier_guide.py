import dataclasses

import pytest

from codingdesk.assistant.modifier_guide import (
    COLUMNS,
    GUIDE_FILE,
    ModifierGuideError,
    modifier_get,
    modifier_guide,
    modifier_guide_read,
)
from codingdesk.codesets.importers import hcpcs

# NCCI Policy Manual ch. I §E: the modifiers that may bypass a PTP edit with
# modifier indicator 1.
NCCI_ASSOCIATED = {
    "59", "XE", "XS", "XP", "XU", "24", "25", "57", "58", "78", "79", "27", "91",
    "LT", "RT", "E1", "E2", "E3", "E4", "FA", *(f"F{digit}" for digit in range(1, 10)),
    "TA", *(f"T{digit}" for digit in range(1, 10)), "LC", "LD", "LM", "RC", "RI",
}
OCT_2025 = "hcpcs/HCPC2025_OCT_ANWEB.reconstructed.txt"
HEADER = "\t".join(COLUMNS)


def test_the_guide_loads_with_the_common_cpt_and_hcpcs_modifiers():
    guide = modifier_guide()

    assert len(guide) >= 120
    for modifier in ("22", "25", "26", "50", "59", "91", "99", "XU", "RT", "T9", "GA", "KX", "JW", "TC"):
        assert modifier in guide


def test_every_row_has_every_column_filled_and_no_tab_or_newline():
    for entry in modifier_guide().values():
        for name, value in dataclasses.asdict(entry).items():
            if isinstance(value, str):
                assert value.strip(), f"{entry.modifier}: {name} is empty"
                assert "\t" not in value and "\n" not in value and "\r" not in value, f"{entry.modifier}: {name}"


def test_modifiers_are_two_characters_and_listed_once():
    lines = GUIDE_FILE.read_text(encoding="utf-8").splitlines()[1:]
    modifiers = [line.split("\t")[0] for line in lines if line.strip()]

    assert all(len(modifier) == 2 and modifier == modifier.upper() for modifier in modifiers)
    assert len(modifiers) == len(set(modifiers))


def test_titles_are_short():
    assert all(len(entry.title) <= 60 for entry in modifier_guide().values())


def test_ncci_associated_is_yes_exactly_for_the_ncci_modifiers():
    guide = modifier_guide()

    marked = {modifier for modifier, entry in guide.items() if entry.ncci_associated}

    assert marked == NCCI_ASSOCIATED & guide.keys()
    # The whole NCCI list is in the guide, so the assistant can explain any of them.
    assert NCCI_ASSOCIATED <= guide.keys()


@pytest.mark.official_data
def test_every_hcpcs_modifier_is_in_the_official_hcpcs_modifier_list(official_data_dir):
    releases = hcpcs.parse([official_data_dir / OCT_2025])
    (modifier_release,) = [release for release in releases if release.system == hcpcs.MODIFIER_SYSTEM]
    official = {code.code for code in modifier_release.codes}

    hcpcs_kind = {modifier for modifier, entry in modifier_guide().items() if entry.kind == "hcpcs"}

    assert hcpcs_kind - official == set()
    # CPT modifiers are numeric (or Category II nP) and not in the HCPCS file.
    assert {modifier for modifier, entry in modifier_guide().items() if entry.kind == "cpt"} & official == set()


def test_25_is_a_separate_significant_em_on_the_same_day():
    entry = modifier_get("25")

    assert entry.kind == "cpt" and entry.ncci_associated
    assert "separately identifiable" in entry.meaning
    assert "same day" in entry.meaning
    assert "procedure" in entry.meaning


def test_59_and_xu_mark_distinct_services():
    assert "distinct procedural service" in modifier_get("59").title.lower()
    assert "distinct" in modifier_get("XU").meaning.lower()
    assert modifier_get("59").ncci_associated and modifier_get("XU").ncci_associated


def test_50_is_bilateral():
    entry = modifier_get("50")

    assert "bilateral" in entry.title.lower()
    assert "both sides" in entry.meaning
    assert not entry.ncci_associated


def test_26_is_the_professional_component_and_tc_the_technical():
    assert "professional" in modifier_get("26").title.lower()
    assert "technical" in modifier_get("TC").title.lower()
    assert "TC" in modifier_get("26").when_to_use


def test_ga_means_a_signed_abn_and_gz_an_expected_denial_without_one():
    ga, gz = modifier_get("GA"), modifier_get("GZ")

    assert "ABN" in ga.meaning and "signed" in ga.meaning
    assert "deny" in gz.meaning and "no ABN" in gz.meaning


def test_kx_says_requirements_are_met_including_the_therapy_threshold():
    entry = modifier_get("KX")

    assert "requirements" in entry.meaning.lower()
    assert "threshold" in entry.when_to_use.lower()


def test_lookup_ignores_case_and_blanks():
    assert modifier_get(" xu ") is modifier_get("XU")
    assert modifier_get("ZZ") is None


def test_a_row_with_a_missing_column_is_reported_with_its_line(tmp_path):
    path = tmp_path / "modifiers.tsv"
    path.write_text(f"{HEADER}\n25\tcpt\tTitle\tMeaning\tWhen\tErrors\tno\n", encoding="utf-8")

    with pytest.raises(ModifierGuideError, match=r"modifiers\.tsv, line 2: 7 tab-separated columns"):
        modifier_guide_read(path)


def test_an_unknown_kind_is_reported_with_its_line(tmp_path):
    path = tmp_path / "modifiers.tsv"
    rows = ["25\tcpt\tT\tM\tW\tE\tyes\tS", "GA\thcpcs2\tT\tM\tW\tE\tno\tS"]
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")

    with pytest.raises(ModifierGuideError, match=r"line 3: kind 'hcpcs2'"):
        modifier_guide_read(path)


def test_a_modifier_listed_twice_is_reported(tmp_path):
    path = tmp_path / "modifiers.tsv"
    row = "25\tcpt\tT\tM\tW\tE\tyes\tS"
    path.write_text(f"{HEADER}\n{row}\n{row}\n", encoding="utf-8")

    with pytest.raises(ModifierGuideError, match="line 3: modifier 25 is listed twice"):
        modifier_guide_read(path)


def test_a_telehealth_question_prefers_the_general_telehealth_modifiers_to_a_restricted_one():
    from codingdesk.assistant.modifier_guide import modifier_guide_search

    found = [entry.modifier for entry in modifier_guide_search("which modifier for a telehealth visit?")]
    assert found[0] == "95"
    assert not {"G0", "93"} & set(found)  # for acute stroke, audio-only: situations not asked about


def test_a_situation_the_question_names_keeps_the_restricted_modifier():
    from codingdesk.assistant.modifier_guide import modifier_guide_search

    assert modifier_guide_search("modifier for telehealth for acute stroke")[0].modifier == "G0"


def test_the_postoperative_period_is_the_global_period():
    from codingdesk.assistant.modifier_guide import modifier_guide_search

    found = modifier_guide_search("unrelated procedure by the same surgeon during the global period")
    assert found[0].modifier == "79"
