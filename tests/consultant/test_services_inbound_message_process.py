import datetime

import pytest
from django.utils import timezone

from codingdesk.accounts.models import Plan, PlanName
from codingdesk.assistant.models import Message
from codingdesk.consultant.models import (
    InboundMessage,
    InboundStatus,
    InvitationSent,
    RejectReason,
    Reply,
    ReplyKind,
    ReplyStatus,
)
from codingdesk.consultant.services import inbound_message_process, inbound_message_store
from tests.consultant.mail import question_mail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def process(raw: bytes) -> InboundMessage:
    inbound, _ = inbound_message_store(raw=raw)
    inbound_message_process(inbound_id=inbound.pk)
    inbound.refresh_from_db()
    return inbound


def test_it_answers_a_member_with_a_cited_reply(pro_alice):
    inbound = process(question_mail(subject="Sepsis"))
    assert inbound.status == InboundStatus.ANSWERED
    assert inbound.user == pro_alice
    reply = inbound.reply
    assert (reply.kind, reply.status, reply.to_address) == (ReplyKind.ANSWER, ReplyStatus.QUEUED, "alice@example.com")
    assert reply.subject == "Re: Sepsis"
    assert "**Sources:**" in reply.body_markdown
    assert reply.consultation.user == pro_alice


def test_the_question_and_answer_are_kept_in_the_consultations_conversation(pro_alice):
    inbound = process(question_mail())
    roles = list(inbound.consultation.conversation.messages.values_list("role", flat=True))
    assert roles == ["user", "assistant"]


def test_a_second_run_does_nothing(pro_alice):
    inbound = process(question_mail())
    inbound_message_process(inbound_id=inbound.pk)
    assert Reply.objects.count() == 1
    assert Message.objects.count() == 2


def test_a_reply_to_an_answer_continues_the_consultation(pro_alice):
    first = process(question_mail(message_id="<q1@example.com>"))
    answer_id = first.reply.message_id
    follow_up = process(
        question_mail(
            subject="Re: Sepsis sequencing",
            body="And with acute kidney failure?",
            in_reply_to=answer_id,
            references=f"<q1@example.com> {answer_id}",
        )
    )
    assert follow_up.consultation == first.consultation
    assert follow_up.reply.subject == "Re: Sepsis sequencing"
    assert follow_up.reply.in_reply_to == follow_up.message_id
    assert answer_id in follow_up.reply.references
    assert first.consultation.conversation.messages.count() == 4


def test_another_members_thread_is_never_continued(pro_alice, bob):
    bob.plan = PlanName.PRO
    bob.save()
    first = process(question_mail(sender="alice@example.com"))
    intruder = process(question_mail(sender="bob@example.com", in_reply_to=first.reply.message_id))
    assert intruder.consultation != first.consultation
    assert intruder.consultation.user == bob


@pytest.mark.parametrize(
    "headers",
    [{"Auto-Submitted": "auto-replied"}, {"Precedence": "bulk"}],
    ids=["auto-submitted", "precedence-bulk"],
)
def test_auto_replies_and_bulk_mail_are_never_answered(pro_alice, headers):
    inbound = process(question_mail(headers=headers))
    assert (inbound.status, inbound.reject_reason) == (InboundStatus.REJECTED, RejectReason.AUTO_REPLY)
    assert not Reply.objects.exists()


def test_mail_from_the_consultants_own_address_is_never_answered(db):
    inbound = process(question_mail(sender="ask@localhost"))
    assert inbound.reject_reason == RejectReason.OWN_ADDRESS
    assert not Reply.objects.exists()


def test_a_failed_dmarc_check_gets_nothing_at_all(pro_alice, settings):
    settings.CONSULTANT_INVITE_UNKNOWN_SENDERS = True
    results = "mx.coding.example; spf=pass smtp.mailfrom=example.com; dmarc=fail header.from=example.com"
    inbound = process(question_mail(headers={"Authentication-Results": results}))
    assert inbound.reject_reason == RejectReason.AUTHENTICATION_FAILED
    assert not Reply.objects.exists()


def test_an_unknown_sender_is_stored_and_not_answered(db):
    inbound = process(question_mail(sender="stranger@example.net"))
    assert (inbound.status, inbound.reject_reason) == (InboundStatus.REJECTED, RejectReason.UNKNOWN_SENDER)
    assert inbound.question
    assert not Reply.objects.exists()


def test_an_address_that_is_not_verified_counts_as_unknown(db):
    UserFactory(email="unverified@example.com", plan=PlanName.PRO, verified=False)
    inbound = process(question_mail(sender="unverified@example.com"))
    assert inbound.reject_reason == RejectReason.UNKNOWN_SENDER


def test_an_unknown_sender_is_invited_once_in_30_days_when_the_site_wants(settings, db):
    settings.CONSULTANT_INVITE_UNKNOWN_SENDERS = True
    first = process(question_mail(sender="stranger@example.net"))
    second = process(question_mail(sender="stranger@example.net"))
    assert first.reply.kind == ReplyKind.INVITATION
    assert "register" in first.reply.body_markdown
    assert not Reply.objects.filter(inbound=second).exists()
    InvitationSent.objects.update(sent_at=timezone.now() - datetime.timedelta(days=31))
    third = process(question_mail(sender="stranger@example.net"))
    assert third.reply.kind == ReplyKind.INVITATION


def test_a_plan_without_consultations_gets_a_short_notice(alice, metering):
    inbound = process(question_mail())  # alice is on the free plan
    assert inbound.reject_reason == RejectReason.PLAN_EXCLUDES
    assert inbound.reply.kind == ReplyKind.NOTICE
    assert "does not include email consultations" in inbound.reply.body_markdown
    assert "https://coding.example/account/" in inbound.reply.body_markdown


def test_a_member_over_quota_gets_a_notice_with_the_account_link(pro_alice, metering):
    Plan.objects.filter(name=PlanName.PRO).update(email_consultations_per_month=1)
    answered = process(question_mail())
    over = process(question_mail(subject="Second"))
    assert answered.status == InboundStatus.ANSWERED
    assert (over.status, over.reject_reason) == (InboundStatus.REJECTED, RejectReason.OVER_QUOTA)
    assert "used this month's email consultations" in over.reply.body_markdown
    assert "https://coding.example/account/" in over.reply.body_markdown


def test_last_months_consultations_do_not_count(pro_alice, metering):
    Plan.objects.filter(name=PlanName.PRO).update(email_consultations_per_month=1)
    old = process(question_mail())
    InboundMessage.objects.filter(pk=old.pk).update(processed_at=timezone.now() - datetime.timedelta(days=40))
    assert process(question_mail(subject="New month")).status == InboundStatus.ANSWERED


def test_a_message_without_a_question_gets_a_notice(pro_alice):
    inbound = process(question_mail(body="\n\n"))
    assert inbound.reject_reason == RejectReason.NO_QUESTION
    assert "could not find a question" in inbound.reply.body_markdown


def test_a_malformed_message_is_kept_and_rejected(db):
    inbound = process(b"\x00\x01 this is not an email")
    assert (inbound.status, inbound.reject_reason) == (InboundStatus.REJECTED, RejectReason.MALFORMED)
    assert bytes(inbound.raw) == b"\x00\x01 this is not an email"


def test_review_first_mode_holds_answers_but_not_notices(pro_alice, alice, settings):
    settings.CONSULTANT_REVIEW_FIRST = True
    answered = process(question_mail())
    assert answered.reply.status == ReplyStatus.PENDING_REVIEW


def test_with_our_mail_server_named_a_member_is_answered_only_on_its_pass(pro_alice, settings):
    settings.CONSULTANT_AUTHSERV_ID = "mx.coding.example"
    forged = process(question_mail(headers={"Authentication-Results": "evil.example; dmarc=pass"}))
    genuine = process(
        question_mail(headers={"Authentication-Results": "mx.coding.example; spf=pass; dmarc=pass"}, subject="Real")
    )
    assert (forged.status, forged.reject_reason) == (InboundStatus.REJECTED, RejectReason.UNAUTHENTICATED)
    assert not Reply.objects.filter(inbound=forged).exists()
    assert genuine.status == InboundStatus.ANSWERED


def test_an_over_quota_message_costs_no_engine_call(pro_alice, metering, monkeypatch):
    Plan.objects.filter(name=PlanName.PRO).update(email_consultations_per_month=1)
    process(question_mail())

    def no_engine(**kwargs):
        raise AssertionError("the engine was asked")

    monkeypatch.setattr("codingdesk.consultant.services.answering.assistant_answer", no_engine)
    assert process(question_mail(subject="Second")).reject_reason == RejectReason.OVER_QUOTA


def test_an_answer_discarded_in_review_does_not_use_the_allowance(pro_alice, metering, settings):
    from codingdesk.consultant.services import reply_discard

    Plan.objects.filter(name=PlanName.PRO).update(email_consultations_per_month=1)
    settings.CONSULTANT_REVIEW_FIRST = True
    first = process(question_mail())
    reply_discard(reply=first.reply, reviewer=pro_alice)
    assert process(question_mail(subject="Again")).status == InboundStatus.ANSWERED
