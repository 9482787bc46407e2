"""code_page_view_record: who may see how many code pages, and when a view counts."""

import datetime

import pytest
from django.utils import timezone

from codingdesk.accounts.metering import Viewer, code_page_view_record, code_page_views_used
from codingdesk.accounts.models import CodeView, Plan, PlanName

pytestmark = pytest.mark.django_db

GUEST = Viewer(guest_id="cookie-1", ip_hash="address-1")


def view(viewer, code):
    return code_page_view_record(viewer=viewer, system="icd10cm", code=code)


def test_a_guest_sees_one_code_page_then_is_refused(metering):
    first = view(GUEST, "E11.9")
    assert (first.full_page, first.remaining, first.exhausted) == (True, 0, False)
    second = view(GUEST, "I10")
    assert (second.full_page, second.remaining, second.exhausted) == (False, 0, True)
    assert CodeView.objects.count() == 1


def test_reopening_a_code_viewed_in_the_window_does_not_count(metering):
    view(GUEST, "E11.9")
    again = view(GUEST, "E11.9")
    assert again.full_page and not again.exhausted
    assert CodeView.objects.count() == 1


def test_a_new_cookie_from_the_same_address_is_the_same_guest(metering):
    view(GUEST, "E11.9")
    cleared_cookies = Viewer(guest_id="cookie-2", ip_hash="address-1")
    assert view(cleared_cookies, "I10").exhausted


def test_the_same_cookie_from_a_new_address_is_the_same_guest(metering):
    view(GUEST, "E11.9")
    assert view(Viewer(guest_id="cookie-1", ip_hash="address-2"), "I10").exhausted


def test_another_guest_has_an_allowance_of_their_own(metering):
    view(GUEST, "E11.9")
    assert view(Viewer(guest_id="cookie-9", ip_hash="address-9"), "I10").full_page


def test_a_free_member_has_five_views_of_their_own(metering, alice):
    member = Viewer(user=alice)
    remaining = [view(member, code).remaining for code in ["A00", "A01", "A02", "A03", "A04"]]
    assert remaining == [4, 3, 2, 1, 0]
    sixth = view(member, "A05")
    assert sixth.exhausted and not sixth.full_page and not sixth.is_guest
    assert code_page_views_used(viewer=member) == 5


def test_guest_views_do_not_spend_a_members_allowance(metering, alice):
    view(GUEST, "E11.9")
    assert view(Viewer(user=alice), "I10").remaining == 4


def test_views_older_than_the_window_no_longer_count(metering):
    view(GUEST, "E11.9")
    CodeView.objects.update(viewed_at=timezone.now() - datetime.timedelta(days=metering.METERING_WINDOW_DAYS + 1))
    assert view(GUEST, "I10").full_page


def test_the_pro_plan_is_unlimited(metering, alice):
    alice.plan = PlanName.PRO
    access = view(Viewer(user=alice), "E11.9")
    assert access.full_page and access.remaining is None and access.metered
    assert CodeView.objects.count() == 0


def test_a_team_member_has_the_team_plan(metering, alice, bob):
    from codingdesk.accounts.models import Team

    alice.plan = PlanName.TEAM
    alice.save()
    team = Team.objects.create(name="Coders", owner=alice)
    bob.team = team
    bob.save()
    assert view(Viewer(user=bob), "E11.9").remaining is None


def test_staff_change_the_limit_in_the_plan_row(metering, alice):
    Plan.objects.filter(name=PlanName.FREE).update(code_page_views=2)
    assert view(Viewer(user=alice), "E11.9").remaining == 1


def test_guests_see_gated_sections_and_members_do_not(metering, alice):
    assert view(GUEST, "E11.9").gated_sections == {"notes", "related", "edits", "fees", "assistant"}
    assert view(Viewer(user=alice), "E11.9").gated_sections == set()


def test_with_metering_off_nothing_is_counted_or_gated(settings):
    settings.METERING_ENABLED = False
    for code in ["A00", "A01", "A02"]:
        access = view(GUEST, code)
        assert access.full_page and not access.metered and not access.gated_sections
    assert CodeView.objects.count() == 0
