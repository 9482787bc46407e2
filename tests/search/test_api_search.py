from codingdesk import search


def test_it_returns_results_with_why_they_matched(client, indexed_sample):
    body = client.get("/api/v1/search", {"q": "atlanto-axial sprain", "limit": 2}).json()
    assert body["query"] == "atlanto-axial sprain"
    top = body["results"][0]
    assert top["code"] == "S13.4XXA"
    assert top["system"] == "icd10cm"
    assert top["billable"] is True
    assert "inclusion term: Sprain of atlanto-axial (joints)" in top["matched"]
    assert len(body["results"]) == 2


def test_it_filters_by_system_and_billable(client, indexed_sample):
    body = client.get("/api/v1/search", {"q": "S13.4", "system": "icd10cm", "billable": "true"}).json()
    assert [result["code"] for result in body["results"]] == ["S13.4XXA", "S13.4XXD", "S13.4XXS"]


def test_query_syntax_characters_are_plain_text(client, indexed_sample):
    response = client.get("/api/v1/search", {"q": 'title:"diabetes" AND (x OR y)* ~ ^'})
    assert response.status_code == 200


def test_an_over_long_query_is_a_400(client, indexed_sample):
    response = client.get("/api/v1/search", {"q": "x" * (search.MAX_QUERY_LENGTH + 1)})
    assert response.status_code == 400
    assert "at most 10,240 characters" in response.json()["detail"]


def test_bad_parameters_are_400s_or_404s(client, indexed_sample):
    assert client.get("/api/v1/search", {"q": "x", "limit": 0}).status_code == 400
    assert client.get("/api/v1/search", {"q": "x", "as_of": "soon"}).status_code == 400
    assert client.get("/api/v1/search", {"q": "x", "system": "icd11"}).status_code == 404
