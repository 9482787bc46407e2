import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from codingdesk.accounts.models import ApiUsage, CodeView, Plan, PlanName

pytestmark = pytest.mark.django_db

URL = reverse("accounts:profile")


def test_a_guest_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_shows_the_email_the_plan_and_links_to_the_other_pages(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "alice@example.com" in html
    assert '<strong class="plan-name">Free</strong>' in html
    for name in ["account_email", "account_change_password", "accounts:favorite_list", "accounts:code_note_list",
                 "accounts:search_history", "accounts:api_key_list", "accounts:team"]:
        assert f'href="{reverse(name)}"' in html, name


def test_it_meters_code_page_views_and_api_lookups_against_the_plan(client, alice):
    now = timezone.now()
    for code in ["E11.9", "E15", "E15"]:
        CodeView.objects.create(user=alice, system="icd10cm", code=code, viewed_at=now)
    CodeView.objects.create(user=alice, system="icd10cm", code="S06", viewed_at=now - datetime.timedelta(days=31))
    ApiUsage.objects.create(subject=f"user:{alice.pk}", month=timezone.localdate().replace(day=1), count=123)
    ApiUsage.objects.create(subject=f"user:{alice.pk}", month=datetime.date(2020, 1, 1), count=999)
    client.force_login(alice)
    response = client.get(URL)
    assert response.context["code_page_views_used"] == 2
    assert response.context["api_lookups_used"] == 123
    html = response.content.decode()
    assert "<td>2</td>\n        <td>5</td>" in html  # 2 of the Free plan's 5 code pages
    assert "<td>123</td>\n        <td>1,000</td>" in html


def test_it_shows_the_assistant_and_email_limits_and_unlimited_for_none(client, alice):
    alice.plan = PlanName.PRO
    alice.save()
    Plan.objects.filter(name=PlanName.PRO).update(assistant_questions_per_day=None, email_consultations_per_month=42)
    client.force_login(alice)
    response = client.get(URL)
    assert response.context["limits"].assistant_questions_per_day is None
    meters = response.content.decode().split('class="usage-meters"')[1].split("</table>")[0]
    assert meters.count("Unlimited") == 2  # code pages and assistant questions
    assert "<td>42</td>" in meters


def test_a_team_member_is_on_the_team_plan(client, team, bob):
    client.force_login(bob)
    html = client.get(URL).content.decode()
    assert '<strong class="plan-name">Team</strong>, in the team <a href="/account/team/">Coders</a>' in html


def test_it_describes_the_four_plans_and_how_to_upgrade(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert 'id="plan"' in html
    for plan in ["guest", "free", "pro", "team"]:
        assert f'data-plan="{plan}"' in html
    assert "ask the site's staff" in html
    assert "Payment is not part of CodingDesk yet" in html


def test_posting_a_name_saves_it(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"name": "Alice Liddell"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.name == "Alice Liddell"


def test_a_name_too_long_is_explained(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"name": "a" * 151})
    assert response.status_code == 400
    assert "at most 150 characters" in response.content.decode()
    alice.refresh_from_db()
    assert alice.name == ""
