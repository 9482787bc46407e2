from codingdesk.jobs.models import JobPosting
from tests.jobs.factories import JobPostingFactory


def test_has_finds_postings_whose_list_holds_the_value(db):
    cpc = JobPostingFactory(credentials=["CPC", "CCS"])
    JobPostingFactory(credentials=["CPC-A"])
    JobPostingFactory(credentials=[])

    assert list(JobPosting.objects.filter(credentials__has="CPC")) == [cpc]
    assert JobPosting.objects.filter(credentials__has="CP").count() == 0
