from codingdesk.codesets import selectors


def test_a_diff_takes_two_queries_however_many_codes(icd10cm_releases, django_assert_num_queries):
    with django_assert_num_queries(2):
        diff = selectors.release_diff(from_release=icd10cm_releases.october, to_release=icd10cm_releases.april)
    assert diff.added and all(code.release_id == icd10cm_releases.april.pk for code in diff.added)
