import pytest

from codingdesk.consultant.models import Reply, ReplyStatus
from codingdesk.consultant.services import inbound_message_process, inbound_message_store
from tests.consultant.mail import question_mail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(email="admin@example.com", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def pending(pro_alice, settings) -> Reply:
    settings.CONSULTANT_REVIEW_FIRST = True
    inbound, _ = inbound_message_store(raw=question_mail(subject="Needs review"))
    inbound_message_process(inbound_id=inbound.pk)
    return Reply.objects.get()


def test_inbound_messages_show_their_status_and_reason(staff_client, db):
    inbound, _ = inbound_message_store(raw=question_mail(sender="stranger@example.net"))
    inbound_message_process(inbound_id=inbound.pk)
    content = staff_client.get("/admin/consultant/inboundmessage/").content.decode()
    assert "stranger@example.net" in content
    assert "Rejected" in content
    assert "No account has this verified address" in content
    detail = staff_client.get(f"/admin/consultant/inboundmessage/{inbound.pk}/change/").content.decode()
    assert "How do I sequence sepsis" in detail


def test_the_review_queue_lists_answers_waiting_and_staff_can_edit_and_approve(
    staff_client, pending, django_capture_on_commit_callbacks
):
    assert "Needs review" in staff_client.get("/admin/consultant/replyinreview/").content.decode()
    url = f"/admin/consultant/replyinreview/{pending.pk}/change/"
    response = staff_client.post(url, {"body_markdown": "Edited by a coder."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.body_markdown, pending.status) == ("Edited by a coder.", ReplyStatus.PENDING_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            "/admin/consultant/replyinreview/",
            {"action": "approve_and_send", "_selected_action": [pending.pk]},
        )
    pending.refresh_from_db()
    assert pending.status == ReplyStatus.QUEUED
    assert staff_client.get("/admin/consultant/replyinreview/").context["cl"].result_count == 0


def test_failed_replies_can_be_sent_again(staff_client, pro_alice):
    inbound, _ = inbound_message_store(raw=question_mail())
    inbound_message_process(inbound_id=inbound.pk)
    Reply.objects.update(status=ReplyStatus.FAILED, attempts=8, last_error="SMTPServerDisconnected")
    content = staff_client.get("/admin/consultant/reply/").content.decode()
    assert "SMTPServerDisconnected" in content
    staff_client.post("/admin/consultant/reply/", {"action": "retry_now", "_selected_action": [Reply.objects.get().pk]})
    assert Reply.objects.get().status == ReplyStatus.QUEUED
