"""mail_parse and dedupe_key_of: headers, robots, authentication, the contract."""

import hashlib
import pathlib
import random

import pytest

from codingdesk.consultant.parsing import MalformedMail, ParsedMail, dedupe_key_of, mail_parse

FIXTURES = pathlib.Path(__file__).parent / "fixtures"


def raw_of(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parsed(name: str) -> ParsedMail:
    return mail_parse(raw_of(name))


def mail(headers: str, body: str = "What is the code for essential hypertension?\n") -> bytes:
    return (headers.strip("\n") + "\n\n" + body).encode()


# --- identity and threading -------------------------------------------------


def test_it_reads_the_message_id_with_its_angle_brackets():
    assert parsed("plain_question.eml").message_id == "<CAF3x9q-plain-0001@mail.clinic.example.org>"


def test_it_gives_an_empty_message_id_when_there_is_none():
    assert parsed("no_message_id.eml").message_id == ""


def test_it_strips_whitespace_from_a_folded_message_id():
    raw = mail("From: a@clinic.example\nMessage-ID:\n <abc@clinic.example>  ")
    assert mail_parse(raw).message_id == "<abc@clinic.example>"


def test_it_reads_in_reply_to_and_references_of_a_follow_up():
    reply = parsed("quoted_reply_gmail.eml")
    assert reply.in_reply_to == "<answer-77@codingdesk.example>"
    assert reply.references == (
        "<CAF3x9q-plain-0001@mail.clinic.example.org>",
        "<answer-77@codingdesk.example>",
    )


def test_it_keeps_only_the_first_msg_id_of_in_reply_to():
    raw = mail("From: a@clinic.example\nIn-Reply-To: <one@x.example> <two@x.example>")
    assert mail_parse(raw).in_reply_to == "<one@x.example>"


def test_it_gives_empty_threading_fields_for_a_new_question():
    question = parsed("plain_question.eml")
    assert (question.in_reply_to, question.references) == ("", ())


# --- addresses ----------------------------------------------------------------


def test_it_lower_cases_the_sender_address_and_keeps_the_name():
    question = parsed("plain_question.eml")
    assert question.from_address == "dana.reyes@clinic.example.org"
    assert question.from_name == "Dana Reyes"


def test_it_collects_to_and_cc_addresses():
    assert parsed("plain_question.eml").to_addresses == ("ask@codingdesk.example", "billing-team@clinic.example.org")


def test_it_reads_a_bare_sender_address_without_a_name():
    question = parsed("no_message_id.eml")
    assert (question.from_address, question.from_name) == ("ward.clerk@hospital.example.org", "")


def test_it_decodes_an_encoded_sender_name():
    assert parsed("windows_1252.eml").from_name == "Renée Dubé"


def test_it_reads_a_quoted_sender_name_with_a_comma():
    assert parsed("quoted_reply_outlook.eml").from_name == "Okafor, Tom"


def test_it_gives_an_empty_address_for_an_unparseable_from():
    raw = mail("From: not an address at all\nTo: ask@codingdesk.example")
    assert mail_parse(raw).from_address == ""


def test_it_keeps_line_breaks_out_of_the_sender_name():
    raw = mail("From: =?utf-8?q?Eve=0D=0ABcc=3A_x=40y=2Eexample?= <eve@clinic.example>")
    assert mail_parse(raw).from_name == "Eve Bcc: x@y.example"


# --- subject ------------------------------------------------------------------


def test_it_decodes_an_encoded_subject():
    assert parsed("html_only.eml").subject == "Hypertensive heart disease — which code?"


def test_it_turns_a_subject_header_injection_into_one_harmless_line():
    subject = parsed("header_injection_subject.eml").subject
    assert subject == "Question Bcc: victim@example.com"
    assert "\r" not in subject and "\n" not in subject


def test_it_unfolds_a_folded_subject():
    raw = mail("From: a@clinic.example\nSubject: Sepsis\n\t with  UTI\n sequencing")
    assert mail_parse(raw).subject == "Sepsis with UTI sequencing"


def test_it_caps_the_subject_at_200_characters():
    raw = mail("From: a@clinic.example\nSubject: " + "x" * 500)
    assert len(mail_parse(raw).subject) == 200


def test_it_decodes_a_raw_utf8_subject():
    raw = "From: a@clinic.example\nSubject: Fémur fracture\n\nQuestion?\n".encode()
    assert mail_parse(raw).subject == "Fémur fracture"


def test_it_leaves_an_encoded_word_with_an_unknown_charset_readable():
    raw = mail("From: a@clinic.example\nSubject: =?x-unknown?q?Caf=C3=A9?=")
    assert mail_parse(raw).subject == "Café"


# --- robots -------------------------------------------------------------------


def test_it_flags_an_out_of_office_reply():
    assert parsed("auto_submitted.eml").auto_submitted


def test_it_flags_bulk_precedence():
    assert parsed("precedence_bulk.eml").auto_submitted


def test_it_flags_a_bounce_report():
    assert parsed("bounce_report.eml").auto_submitted


def test_it_does_not_flag_a_person_asking():
    assert not parsed("plain_question.eml").auto_submitted


def test_it_does_not_flag_auto_submitted_no():
    assert not mail_parse(mail("From: a@clinic.example\nAuto-Submitted: no")).auto_submitted


@pytest.mark.parametrize(
    "header",
    [
        "X-Autoreply: yes",
        "X-Autorespond: vacation",
        "List-Id: <coders.lists.example>",
        "List-Unsubscribe: <mailto:leave@lists.example>",
        "Precedence: junk",
        "Precedence: list",
        "Return-Path: <>",
    ],
)
def test_it_flags_robot_headers(header):
    assert mail_parse(mail(f"From: a@clinic.example\n{header}")).auto_submitted


@pytest.mark.parametrize(
    "sender",
    ["MAILER-DAEMON@mx.example", "Postmaster <postmaster@clinic.example>", "MAILER-DAEMON", "<>"],
)
def test_it_flags_a_robot_or_null_sender(sender):
    assert mail_parse(mail(f"From: {sender}\nTo: ask@codingdesk.example")).auto_submitted


# --- authentication -------------------------------------------------------------


def test_it_flags_a_topmost_dmarc_fail():
    assert parsed("dmarc_fail.eml").authentication_failed


def test_it_ignores_a_forged_fail_below_our_own_pass():
    assert not parsed("forged_auth_results_below.eml").authentication_failed


def test_it_flags_our_spf_fail_even_with_a_forged_pass_below():
    assert parsed("forged_auth_pass_below.eml").authentication_failed


def test_it_does_not_count_softfail_or_fail_inside_comments():
    assert not parsed("softfail_comment.eml").authentication_failed


def test_it_does_not_flag_a_message_without_authentication_results():
    assert not parsed("no_message_id.eml").authentication_failed


# --- the contract: only MalformedMail ----------------------------------------


def test_it_rejects_empty_input():
    with pytest.raises(MalformedMail, match="empty"):
        mail_parse(b"")


def test_it_rejects_text_that_is_not_an_email():
    with pytest.raises(MalformedMail, match="not an email"):
        mail_parse(raw_of("garbage.eml"))


def test_it_rejects_binary_that_is_not_an_email():
    with pytest.raises(MalformedMail, match="not an email"):
        mail_parse(raw_of("garbage_binary.eml"))


def test_it_rejects_a_message_with_no_sender_and_no_body():
    with pytest.raises(MalformedMail, match="no readable From"):
        mail_parse(b"Subject: nothing here\nTo: ask@codingdesk.example\n\n  \n")


def test_it_rejects_a_str_instead_of_bytes():
    with pytest.raises(MalformedMail, match="bytes"):
        mail_parse("From: a@clinic.example\n\nHi\n")


def test_it_rejects_absurdly_deep_nesting_as_malformed():
    parts = "".join(f"--b{i}\nContent-Type: multipart/mixed; boundary=b{i + 1}\n\n" for i in range(3000))
    raw = f"From: a@clinic.example\nContent-Type: multipart/mixed; boundary=b0\n\n{parts}--b3000\n\nhi\n"
    with pytest.raises(MalformedMail, match="nested"):
        mail_parse(raw.encode())


def test_it_accepts_a_sender_without_a_body():
    assert mail_parse(b"From: a@clinic.example\nSubject: J20.9?\n\n").question == ""


def test_it_raises_only_malformed_mail_on_damaged_fixtures():
    rng = random.Random(20261127)
    for path in sorted(FIXTURES.glob("*.eml")):
        for damaged in _damaged_copies(path.read_bytes(), rng, count=40):
            try:
                mail_parse(damaged)
            except MalformedMail:
                pass


def _damaged_copies(raw: bytes, rng: random.Random, count: int):
    for _ in range(count):
        damaged = bytearray(raw)
        position = rng.randrange(len(damaged))
        choice = rng.randrange(3)
        if choice == 0:
            del damaged[position:]
        elif choice == 1:
            damaged[position] = rng.randrange(256)
        else:
            damaged[position:position] = rng.choice([b"\r\n", b"=?", b"?=", b"<", b"\x00", b"--", b"\n\n"])
        yield bytes(damaged)


# --- dedupe_key_of ------------------------------------------------------------


def test_dedupe_key_is_the_message_id():
    assert dedupe_key_of(raw_of("plain_question.eml")) == "<CAF3x9q-plain-0001@mail.clinic.example.org>"


def test_dedupe_key_matches_the_parsed_message_id():
    raw = raw_of("quoted_reply_outlook.eml")
    assert dedupe_key_of(raw) == mail_parse(raw).message_id


def test_dedupe_key_hashes_a_message_without_message_id():
    raw = raw_of("no_message_id.eml")
    assert dedupe_key_of(raw) == "sha256:" + hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize("raw", [b"", b"\x00\xff\xfe", b"garbage\n", "not bytes"])
def test_dedupe_key_does_not_raise_on_malformed_input(raw):
    assert dedupe_key_of(raw).startswith("sha256:")


def _with_results(*headers: str) -> bytes:
    lines = "".join(f"Authentication-Results: {header}\r\n" for header in headers)
    return (
        f"{lines}From: alice@example.com\r\nTo: ask@localhost\r\nSubject: q\r\n"
        "Message-ID: <auth@example.com>\r\n\r\nWhat is E11.9?\r\n"
    ).encode()


def test_with_our_server_named_only_its_header_counts():
    raw = _with_results(
        "forger.example; dmarc=pass header.from=example.com",
        "mx.coding.example; spf=fail smtp.mailfrom=example.com; dmarc=fail",
    )
    mail = mail_parse(raw, authserv_id="mx.coding.example")
    assert mail.authentication == {"spf": "fail", "dmarc": "fail"}
    assert mail.authentication_failed and not mail.authentication_passed


def test_with_our_server_named_a_message_it_did_not_check_has_no_results():
    mail = mail_parse(_with_results("forger.example; dmarc=pass"), authserv_id="mx.coding.example")
    assert mail.authentication == {}
    assert not mail.authentication_passed


def test_a_pass_from_our_server_is_a_pass():
    raw = _with_results("mx.coding.example (checked); spf=pass smtp.mailfrom=example.com; dmarc=pass")
    assert mail_parse(raw, authserv_id="MX.coding.example").authentication_passed
