"""mail_parse: the question text, charsets, MIME structure and attachments."""

import pathlib

from codingdesk.consultant.parsing import QUESTION_LIMIT, ParsedMail, mail_parse

FIXTURES = pathlib.Path(__file__).parent / "fixtures"


def parsed(name: str) -> ParsedMail:
    return mail_parse((FIXTURES / name).read_bytes())


def question_of(body: str, content_type: str = "text/plain; charset=utf-8") -> str:
    raw = f"From: a@clinic.example\nContent-Type: {content_type}\n\n{body}"
    return mail_parse(raw.encode()).question


# --- plain text -----------------------------------------------------------------


def test_it_keeps_the_paragraphs_of_a_plain_question():
    assert parsed("plain_question.eml").question == (
        "Hello,\n\n"
        "What is the ICD-10-CM code for type 2 diabetes with diabetic chronic kidney\n"
        "disease? The nephrologist documented CKD stage 3a.\n\n"
        "Do I also need a code for the CKD stage?\n\n"
        "Thanks,\nDana"
    )


def test_it_prefers_the_plain_part_of_an_alternative():
    question = parsed("multipart_alternative.eml").question
    assert question.startswith("Which ICD-10-CM code do I use for primary osteoarthritis of both knees?")
    assert "HTML VERSION" not in question


def test_it_decodes_quoted_printable():
    assert "M17.11 and M17.12" in parsed("multipart_alternative.eml").question


def test_it_decodes_base64():
    assert parsed("truncated_mime.eml").question == (
        "Which code for a concussion without loss of consciousness, S06.0X0A?"
    )


def test_it_tidies_blank_lines_and_trailing_spaces():
    assert question_of("\n\n  \nFirst line.   \n\n\n\n\nSecond line.\t\n\n") == "First line.\n\nSecond line."


def test_it_caps_the_question_at_4000_characters():
    question = question_of("Is E11.22 right? " * 1000)
    assert len(question) <= QUESTION_LIMIT
    assert question.endswith(("Is", "E11.22", "right?"))  # a whole word


def test_it_joins_format_flowed_lines():
    body = "Is E11.22 the code for \ndiabetic CKD?\n"
    assert question_of(body, "text/plain; charset=utf-8; format=flowed") == "Is E11.22 the code for diabetic CKD?"


def test_it_removes_control_characters():
    assert question_of("Code\x00 for\x1b J20.9?\n") == "Code for J20.9?"


# --- quoted replies and signatures ----------------------------------------------


def test_it_strips_a_gmail_quoted_reply():
    assert parsed("quoted_reply_gmail.eml").question == (
        "Thanks! Follow-up: if the patient is also on insulin, do I add Z79.4?"
    )


def test_it_strips_an_outlook_quoted_reply():
    assert parsed("quoted_reply_outlook.eml").question == (
        "And if the sepsis was not present on admission, does R65.20 still apply?"
    )


def test_it_strips_an_original_message_block():
    assert parsed("original_message_reply.eml").question == (
        "Does the same apply to a preventive visit billed with 99396?"
    )


def test_it_strips_a_dash_dash_signature():
    assert parsed("signature.eml").question == (
        "When sepsis is present on admission with a UTI, which code goes first:\nA41.9 or N39.0?"
    )


def test_it_strips_sent_from_my_iphone():
    assert parsed("sent_from_iphone.eml").question == (
        "Can Z59.0 for homelessness be reported as a secondary diagnosis in the ED?"
    )


def test_it_keeps_inline_answers_between_quoted_lines():
    body = (
        "On Thu, Nov 26, 2026 at 9:30 AM CodingDesk <ask@codingdesk.example> wrote:\n"
        "> Which setting is this?\n"
        "Inpatient.\n"
        "> And the age?\n"
        "67.\n"
    )
    assert question_of(body) == "Inpatient.\n67."


def test_it_cuts_an_unquoted_thread_after_the_attribution():
    body = "Does this apply to outpatients too?\n\nOn Thu, 26 Nov 2026, CodingDesk wrote:\n\nUse E11.22.\n"
    assert question_of(body) == "Does this apply to outpatients too?"


def test_it_keeps_a_question_that_mentions_from_without_an_outlook_block():
    body = "From: the discharge summary, the patient had CKD 3a.\nWhich code?\n"
    assert question_of(body) == body.strip()


def test_it_gives_an_empty_question_when_only_a_quote_was_sent():
    body = "On Thu, Nov 26, 2026 at 9:30 AM CodingDesk wrote:\n> Use E11.22.\n"
    assert question_of(body) == ""


# --- HTML -------------------------------------------------------------------------


def test_it_converts_an_html_only_message_to_text():
    assert parsed("html_only.eml").question == (
        "Hi team,\n\n"
        "A patient has hypertension and heart failure.\n"
        "The physician did not link them explicitly.\n\n"
        "Should I assign I11.0 & I50.9, or I10 & I50.9?\n"
        'Guideline I.C.9.a says "presumes a causal relationship" — right?\n\n'
        "- Age: 67\n"
        "- Setting: inpatient"
    )


def test_it_drops_script_style_and_title_from_html():
    question = parsed("html_only.eml").question
    assert "alert" not in question and "color" not in question and "Ignore me" not in question


def test_it_drops_a_gmail_quote_from_html():
    html = '<div>Add Z79.4?</div><div class="gmail_quote">On Thu wrote:<blockquote>Use E11.22.</blockquote></div>'
    assert question_of(html, "text/html") == "Add Z79.4?"


def test_it_drops_an_apple_mail_cite_from_html():
    html = '<div>Add Z79.4?</div><blockquote type="cite"><div>Use <b>E11.22</b>.</div></blockquote><p>Thanks</p>'
    assert question_of(html, "text/html") == "Add Z79.4?\n\nThanks"


def test_it_drops_everything_after_an_outlook_reply_block_in_html():
    html = '<p>Does R65.20 apply?</p><div id="divRplyFwdMsg">From: CodingDesk</div><div>Old answer</div>'
    assert question_of(html, "text/html") == "Does R65.20 apply?"


def test_it_falls_back_to_html_when_the_plain_part_is_empty():
    raw = (
        "From: a@clinic.example\nContent-Type: multipart/alternative; boundary=b\n\n"
        "--b\nContent-Type: text/plain\n\n \n"
        "--b\nContent-Type: text/html\n\n<p>Is I10 right?</p>\n--b--\n"
    )
    assert mail_parse(raw.encode()).question == "Is I10 right?"


def test_it_keeps_preformatted_html_line_breaks():
    assert question_of("<pre>E11.22\nN18.31</pre>", "text/html") == "E11.22\nN18.31"


# --- charsets -----------------------------------------------------------------------


def test_it_decodes_windows_1252():
    assert "fracture du fémur – “droite”" in parsed("windows_1252.eml").question


def test_it_decodes_iso_2022_jp_body_and_subject():
    message = parsed("iso_2022_jp.eml")
    assert "2型糖尿病性腎病のICD-10-CMコードは何ですか？" in message.question
    assert message.subject == "糖尿病のコード"
    assert message.from_name == "山田花子"


def test_it_decodes_shift_jis():
    raw = b"From: a@clinic.example\nContent-Type: text/plain; charset=Shift_JIS\n\n" + "糖尿病①".encode("cp932")
    assert mail_parse(raw).question == "糖尿病①"


def test_it_falls_back_to_utf8_for_an_unknown_charset():
    raw = b"From: a@clinic.example\nContent-Type: text/plain; charset=x-bogus\n\n" + "Fémur?".encode()
    assert mail_parse(raw).question == "Fémur?"


def test_it_reads_utf8_mislabelled_as_latin1():
    raw = b"From: a@clinic.example\nContent-Type: text/plain; charset=iso-8859-1\n\n" + "Fémur?".encode()
    assert mail_parse(raw).question == "Fémur?"


def test_it_falls_back_to_windows_1252_when_utf8_is_declared_wrongly():
    raw = b"From: a@clinic.example\nContent-Type: text/plain; charset=utf-8\n\n" + "Fémur – code?".encode("cp1252")
    assert mail_parse(raw).question == "Fémur – code?"


def test_it_reads_crlf_line_endings():
    raw = b"From: a@clinic.example\r\nSubject: CRLF\r\n\r\nLine one.\r\nLine two.\r\n"
    message = mail_parse(raw)
    assert (message.subject, message.question) == ("CRLF", "Line one.\nLine two.")


# --- MIME structure and attachments -----------------------------------------------------


def test_it_lists_attachment_names_and_ignores_their_content():
    message = parsed("with_attachment_pdf.eml")
    assert message.attachment_names == ("op-note.pdf", "résumé.txt")
    assert "%PDF" not in message.question
    assert message.question.endswith("Is 47563 the right CPT code?")


def test_it_names_an_inline_image_by_its_type():
    message = parsed("inline_image.eml")
    assert message.attachment_names == ("attachment.png",)
    assert message.question.startswith("For a 1.2 cm benign lesion")


def test_it_names_an_unknown_type_attachment_by_its_content_type():
    assert parsed("bounce_report.eml").attachment_names == (
        "attachment (message/delivery-status)",
        "attachment (text/rfc822-headers)",
    )


def test_it_treats_a_text_part_marked_attachment_as_an_attachment():
    raw = (
        "From: a@clinic.example\nContent-Type: multipart/mixed; boundary=b\n\n"
        "--b\nContent-Type: text/plain\n\nWhich code?\n"
        '--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename="notes.txt"\n\nsecret notes\n--b--\n'
    )
    message = mail_parse(raw.encode())
    assert (message.question, message.attachment_names) == ("Which code?", ("notes.txt",))


def test_it_treats_a_forwarded_message_as_an_attachment():
    raw = (
        "From: a@clinic.example\nContent-Type: multipart/mixed; boundary=b\n\n"
        "--b\nContent-Type: text/plain\n\nSee the forwarded note.\n"
        "--b\nContent-Type: message/rfc822\n\nFrom: x@y.example\nSubject: old\n\nOld text\n--b--\n"
    )
    message = mail_parse(raw.encode())
    assert message.question == "See the forwarded note."
    assert message.attachment_names == ("attachment.eml",)


def test_it_reads_the_text_of_a_multipart_without_a_boundary():
    assert parsed("malformed_mime.eml").question == "Is the ICD-10-CM code for COVID-19 pneumonia U07.1 with J12.82?"


def test_it_reads_a_truncated_multipart():
    message = parsed("truncated_mime.eml")
    assert message.question.startswith("Which code for a concussion")
    assert message.attachment_names == ("scan.pdf",)


def test_it_reads_a_multipart_whose_parts_have_no_structure_as_text():
    raw = b"From: a@clinic.example\nContent-Type: multipart/mixed\n\nJust a question about I10?\n"
    assert mail_parse(raw).question == "Just a question about I10?"


def _plain(body: str) -> bytes:
    return (
        "From: alice@example.com\r\nTo: ask@localhost\r\nSubject: q\r\nMessage-ID: <b@example.com>\r\n\r\n" + body
    ).encode()


def test_a_sentence_that_only_looks_like_an_attribution_is_kept():
    body = "On the operative report the surgeon wrote:\r\nLaparoscopic cholecystectomy.\r\nWhich code fits?\r\n"
    assert "Laparoscopic cholecystectomy" in mail_parse(_plain(body)).question


def test_a_lone_greater_than_a_number_is_the_members_own_line():
    body = "Office visit, established patient.\r\n> 50% of the 40 minute visit was counseling.\r\nWhich level?\r\n"
    assert "> 50% of the 40 minute visit" in mail_parse(_plain(body)).question


def test_a_quoted_block_starting_with_numbers_is_still_dropped():
    body = "Thanks, and E11.22?\r\n\r\nOn Fri, Nov 27, 2026 at 9:00 AM <ask@localhost> wrote:\r\n> 1. E11.9\r\n> 2. E11.65\r\n"
    question = mail_parse(_plain(body)).question
    assert question == "Thanks, and E11.22?"
