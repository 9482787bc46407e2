import pytest

from tests.codesets.fixture_files import staged
from codingdesk.codesets.services import code_release_import

pytestmark = pytest.mark.django_db

FIXTURE = staged({"hcpcs/october_2025_records.txt": "HCPC2025_OCT_ANWEB.txt"})["HCPC2025_OCT_ANWEB.txt"]


def test_a_hcpcs_page_explains_its_administrative_codes(client):
    code_release_import(system="hcpcs", paths=[FIXTURE])
    html = client.get("/codes/hcpcs/E0601").content.decode()
    assert "Continuous positive airway pressure (cpap) device" in html
    assert "D: Special coverage instructions apply" in html
    assert "36: DME: capped rental" in html
    assert "D1E: Durable medical equipment" in html
    assert "R: Rental of DME" in html
    assert "Medicare coverage: Special coverage instructions apply." in html


def test_the_hcpcs_browse_page_takes_a_few_queries_however_many_codes(client, django_assert_max_num_queries):
    code_release_import(system="hcpcs", paths=[FIXTURE])
    with django_assert_max_num_queries(8):
        assert client.get("/codes/hcpcs/").status_code == 200
