def test_it_lists_what_changed_since_the_previous_release(client, icd10cm_releases):
    response = client.get("/codes/icd10cm/changes")
    diff = response.context["diff"]
    assert response.context["older"] == icd10cm_releases.october
    assert response.context["newer"] == icd10cm_releases.april
    assert [code.code for code in diff.added] == ["E11.1", "E11.10", "E11.11", "E11.A"]
    assert [code.code for code in diff.deleted] == ["E11.69"]
    assert [new.code for _old, new in diff.retitled] == ["E11.6", "E11.8"]
    assert "4 added, 1 deleted, 2 retitled" in response.content.decode()


def test_it_compares_the_releases_asked_for(client, icd10cm_releases):
    response = client.get("/codes/icd10cm/changes", {"from": "2026-04", "to": "2025-10"})
    assert [code.code for code in response.context["diff"].deleted] == ["E11.1", "E11.10", "E11.11", "E11.A"]


def test_with_one_release_there_is_nothing_to_compare(client, db):
    from .conftest import APRIL_2026, import_release

    import_release(APRIL_2026)
    assert "nothing to compare yet" in client.get("/codes/icd10cm/changes").content.decode()
