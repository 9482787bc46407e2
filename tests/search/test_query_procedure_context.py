"""A procedure named after "after"/"following"/"s/p" is the setting of the
condition named before it (search/_query.py): "PPH after vaginal delivery"
asks for O72.-, not the PCS delivery code."""

from codingdesk.search._query import analyze


def test_a_condition_after_a_procedure_is_a_diagnosis_query():
    query = analyze("immediate PPH after vaginal delivery", None, None)
    assert not query.wants_procedure
    assert "products" not in query.search_words  # the PCS rewrite is left out
    assert not analyze("infection following appendectomy", None, None).wants_procedure


def test_a_procedure_alone_or_leading_is_still_a_procedure():
    assert analyze("vaginal delivery", None, None).wants_procedure
    assert analyze("removal of hardware after ORIF", None, None).wants_procedure
