def test_the_results_page_lists_codes_with_reasons(client, indexed_sample):
    response = client.get("/search", {"q": "atlanto-axial sprain"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "S13.4XXA" in html and "inclusion term: Sprain of atlanto-axial (joints)" in html


def test_a_code_typed_in_the_box_opens_its_page(client, indexed_sample):
    response = client.get("/search", {"q": "e119"})
    assert response.status_code == 302
    assert response["Location"] == "/codes/icd10cm/E11.9"


def test_the_results_page_filters_by_code_set(client, indexed_sample):
    response = client.get("/search", {"q": "diabetes", "system": "icd10pcs", "list": "1"})
    assert "No codes found" in response.content.decode()


def test_a_bad_date_is_explained(client, indexed_sample):
    response = client.get("/search", {"q": "diabetes", "as_of": "2026-02-30"})
    assert response.status_code == 400
    assert "must be a date like 2026-04-01" in response.content.decode()


def test_the_typeahead_returns_options(client, indexed_sample):
    html = client.get("/search/typeahead", {"q": "whiplash"}).content.decode()
    assert 'role="option"' in html and 'data-href="/codes/icd10cm/S13.4XXA"' in html
