import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from codingdesk.accounts.metering import Viewer, code_page_view_record
from codingdesk.accounts.models import CodeView, MeterLock

pytestmark = pytest.mark.django_db


def test_it_forgets_views_older_than_the_window_and_their_guest_locks(metering, capsys):
    code_page_view_record(viewer=Viewer(guest_id="old", ip_hash="old-address"), system="icd10cm", code="E11.9")
    CodeView.objects.update(viewed_at=timezone.now() - datetime.timedelta(days=31))
    code_page_view_record(viewer=Viewer(guest_id="new", ip_hash="new-address"), system="icd10cm", code="I10")

    call_command("metering_prune")

    assert list(CodeView.objects.values_list("guest_id", flat=True)) == ["new"]
    assert set(MeterLock.objects.values_list("key", flat=True)) == {"guest:new", "ip:new-address"}
    assert "Deleted 1 expired code page views and 2 unused guest lock rows." in capsys.readouterr().out
