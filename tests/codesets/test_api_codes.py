"""GET /api/v1/codes/{system}/{code}?as_of=YYYY-MM-DD."""

import pytest

pytestmark = pytest.mark.django_db


def lookup(client, code: str, system: str = "icd10cm", **params):
    return client.get(f"/api/v1/codes/{system}/{code}", params)


def found(client, code: str, **params) -> dict:
    response = lookup(client, code, **params)
    assert response.status_code == 200, response.content
    return response.json()


def notes_of(body: dict, kind: str) -> list[dict]:
    return [note for note in body["notes"] if note["kind"] == kind]


@pytest.mark.parametrize("spelling", ["E11.9", "e119", "e11.9", "E119", " E11.9 "])
def test_it_finds_a_code_in_any_spelling(client, icd10cm_releases, spelling):
    body = found(client, spelling)
    assert body["code"] == "E11.9"
    assert body["normalized"] == "E119"
    assert body["long_title"] == "Type 2 diabetes mellitus without complications"
    assert body["billable"] is True
    assert body["kind"] == "code"


def test_it_shows_the_parent_and_the_children(client, icd10cm_releases):
    body = found(client, "S52.53")
    assert body["parent"] == {"code": "S52.5", "title": "Fracture of lower end of radius"}
    assert [child["code"] for child in body["children"]] == ["S52.531", "S52.532"]
    assert body["children"][0] == {"code": "S52.531", "title": "Colles' fracture of right radius", "billable": False}


def test_a_chapter_has_no_parent(client, icd10cm_releases):
    body = found(client, "19")
    assert body["kind"] == "chapter"
    assert body["parent"] is None
    assert [child["code"] for child in body["children"]] == ["S50-S59"]


def test_a_header_lists_its_7th_character_completions_as_children(client, icd10cm_releases):
    body = found(client, "S52.531")
    assert body["billable"] is False
    assert [(child["code"], child["billable"]) for child in body["children"]] == [
        ("S52.531A", True),
        ("S52.531D", True),
        ("S52.531S", True),
    ]


def test_a_completed_code_carries_its_7th_character_in_details(client, icd10cm_releases):
    body = found(client, "s52.531a")
    assert body["code"] == "S52.531A"
    assert body["long_title"] == "Colles' fracture of right radius, initial encounter for closed fracture"
    assert body["details"] == {
        "seventh_character": "A",
        "seventh_character_meaning": "initial encounter for closed fracture",
    }


def test_it_lists_the_7th_character_definitions_in_force(client, icd10cm_releases):
    characters = notes_of(found(client, "S52.531A"), "seventh_character")
    assert [(note["character"], note["text"]) for note in characters] == [
        ("A", "initial encounter for closed fracture"),
        ("D", "subsequent encounter for closed fracture with routine healing"),
        ("S", "sequela"),
    ]
    assert {note["written_under"] for note in characters} == {"S52"}


def test_it_shows_the_notes_of_each_ancestor_nearest_first(client, icd10cm_releases):
    notes = found(client, "S52.531A")["notes"]
    assert [note["written_under"] for note in notes if note["kind"] != "seventh_character"] == [
        "S52", "S52", "S52", "S50-S59"
    ]
    assert all(note["inherited"] for note in notes)


def test_a_code_own_notes_come_first_and_are_not_inherited(client, icd10cm_releases):
    notes = found(client, "E11")["notes"]
    assert [(note["written_under"], note["inherited"]) for note in notes] == [
        ("E11", False), ("E11", False), ("E11", False), ("E11", False), ("4", True)
    ]


def test_references_point_to_the_code_they_name_when_it_exists(client, icd10cm_releases):
    excludes1 = notes_of(found(client, "E11.9"), "excludes1")
    references = {reference["text"]: reference for note in excludes1 for reference in note["references"]}
    # E10.- names the whole E10 family; E08-E13 is the block; P70-P74 isn't in this release.
    assert references["E10.-"] == {
        "text": "E10.-", "start": 26, "end": 31, "first": "E10", "last": "E10", "family": True, "code": "E10"
    }
    assert references["E08-E13"]["code"] == "E08-E13"
    assert references["P70-P74"]["code"] is None


def test_a_reference_to_a_code_not_in_the_release_has_a_null_code(client, icd10cm_releases):
    (use_additional,) = notes_of(found(client, "E11.9"), "use_additional")
    (reference,) = use_additional["references"]
    assert (reference["text"], reference["code"]) == ("Z79.4", None)


def test_it_names_the_release_the_code_comes_from(client, icd10cm_releases):
    body = found(client, "E11.9", as_of="2025-11-15")
    assert body["release"] == {
        "id": icd10cm_releases.october.id,
        "version": "2025-10",
        "effective_from": "2025-10-01",
        "effective_to": "2026-09-30",
    }
    assert body["dates"] == {"added": None, "effective": None, "termination": None}


def test_as_of_gives_the_title_in_force_on_that_date(client, icd10cm_releases):
    assert found(client, "E11.8", as_of="2026-03-31")["long_title"] == (
        "Type 2 diabetes mellitus with unspecified complications"
    )
    assert found(client, "E11.8", as_of="2026-04-01")["long_title"] == (
        "Type 2 diabetes mellitus with complication, unspecified"
    )


def test_a_code_deleted_later_is_found_as_of_a_date_before(client, icd10cm_releases):
    assert found(client, "E11.69", as_of="2025-10-01")["release"]["version"] == "2025-10"
    assert lookup(client, "E11.69", as_of="2026-04-01").status_code == 404


def test_a_code_added_later_is_not_found_before_it_took_effect(client, icd10cm_releases):
    response = lookup(client, "E11.A", as_of="2026-01-15")
    assert response.status_code == 404
    assert response.json()["detail"] == "ICD-10-CM release 2025-10 has no code E11.A."
    assert found(client, "E11.A", as_of="2026-04-01")["long_title"].endswith("in remission")


def test_an_empty_as_of_means_today(client, icd10cm_releases):
    assert found(client, "E11.A", as_of="")["release"]["version"] == "2026-04"


def test_it_suggests_placeholder_x_for_w21_89a(client, icd10cm_releases):
    response = lookup(client, "W21.89A")
    assert response.status_code == 404
    body = response.json()
    assert "has no code W21.89A" in body["detail"]
    assert body["suggestions"][0] == {
        "system": "icd10cm",
        "code": "W21.89XA",
        "title": "Striking against or struck by other sports equipment, initial encounter",
        "billable": True,
    }


def test_it_suggests_codes_under_the_longest_known_prefix(client, icd10cm_releases):
    suggestions = lookup(client, "S52.538").json()["suggestions"]
    assert [suggestion["code"] for suggestion in suggestions][:4] == ["S52.531A", "S52.531D", "S52.531S", "S52.532A"]
    assert all(suggestion["billable"] for suggestion in suggestions)


def test_an_unknown_system_is_a_404(client, icd10cm_releases):
    response = lookup(client, "E11.9", system="icd11")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("No code system called 'icd11'.")


def test_a_system_without_releases_is_a_404_saying_so(client, icd10cm_releases):
    response = lookup(client, "J1100", system="hcpcs")
    assert response.status_code == 404
    assert response.json()["detail"] == "No HCPCS Level II release has been imported."


def test_a_date_before_every_release_is_a_404_naming_the_earliest(client, icd10cm_releases):
    response = lookup(client, "E11.9", as_of="2020-01-01")
    assert response.status_code == 404
    assert response.json()["detail"] == (
        "No ICD-10-CM release was in force on 2020-01-01: "
        "the earliest imported release, 2025-10, took effect on 2025-10-01."
    )


@pytest.mark.parametrize(
    "code",
    [
        "E11.9123456789ABCDE",  # longer than 16 characters
        "E11;DROP",
        "%00",
        "%C3%8911.9",  # É11.9
        "E11%2F9",  # an encoded slash
        "E11/9",
        "E11%5C9",  # a backslash
        "E11%E2%88%959",  # U+2215 division slash
        "..",
        "E11%209",  # a space inside
        "%20",
    ],
)
def test_a_malformed_code_is_a_400_json_never_a_500(client, icd10cm_releases, code):
    response = lookup(client, code)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["detail"]


def test_an_overlong_code_says_how_long_a_code_may_be(client, icd10cm_releases):
    response = lookup(client, "A" * 40)
    assert response.json() == {"detail": "A code is at most 16 characters long; this one has 40."}


@pytest.mark.parametrize("as_of", ["2026-13-45", "yesterday", "20260401", "0", "2026-02-30", "%00"])
def test_a_malformed_date_is_a_400_asking_for_yyyy_mm_dd(client, icd10cm_releases, as_of):
    response = client.get(f"/api/v1/codes/icd10cm/E11.9?as_of={as_of}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("Bad input. as_of: ")
    assert "YYYY-MM-DD" in body["detail"]
    assert body["errors"][0]["loc"] == ["query", "as_of"]
