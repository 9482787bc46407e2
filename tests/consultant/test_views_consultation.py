import pytest

from codingdesk.consultant.models import Consultation, Reply
from codingdesk.consultant.services import inbound_message_process, inbound_message_store, reply_send
from tests.consultant.mail import question_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(pro_alice, smtp_sink) -> Consultation:
    inbound, _ = inbound_message_store(raw=question_mail(subject="Sepsis sequencing"))
    inbound_message_process(inbound_id=inbound.pk)
    reply_send(reply_id=Reply.objects.get().pk)
    return Consultation.objects.get()


def test_the_list_shows_the_members_consultations_and_the_address(client, consultation, pro_alice):
    client.force_login(pro_alice)
    response = client.get("/consultations/")
    assert response.status_code == 200
    assert b"Sepsis sequencing" in response.content
    assert b"ask@localhost" in response.content


def test_the_thread_shows_each_question_and_its_cited_answer(client, consultation, pro_alice):
    client.force_login(pro_alice)
    response = client.get(f"/consultations/{consultation.pk}/")
    content = response.content.decode()
    assert "How do I sequence sepsis with septic shock?" in content
    assert "Sources:" in content
    assert "Sent" in content


def test_another_members_consultation_is_not_found(client, consultation, charlie):
    client.force_login(charlie)
    assert client.get(f"/consultations/{consultation.pk}/").status_code == 404
    assert b"Sepsis" not in client.get("/consultations/").content


def test_guests_are_sent_to_log_in(client, consultation):
    response = client.get("/consultations/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_an_answer_in_review_is_not_shown(client, pro_alice, settings):
    settings.CONSULTANT_REVIEW_FIRST = True
    inbound, _ = inbound_message_store(raw=question_mail())
    inbound_message_process(inbound_id=inbound.pk)
    client.force_login(pro_alice)
    content = client.get(f"/consultations/{Consultation.objects.get().pk}/").content.decode()
    assert "reviewing the answer" in content
    assert "Sources:" not in content
