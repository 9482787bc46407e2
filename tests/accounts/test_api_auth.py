"""The API's auth and limits: Bearer keys, guests, the per-minute rate limit
and the monthly quota of code lookups (api_auth.py, api_limits.py)."""

import datetime
import json
import threading
import urllib.error
import urllib.request
import zoneinfo
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from codingdesk.accounts import api_limits
from codingdesk.accounts.api_keys import api_key_create, api_key_revoke
from codingdesk.accounts.api_limits import ApiCaller, ApiLimitExceeded, api_quota_spend
from codingdesk.accounts.guests import ip_hash
from codingdesk.accounts.models import ApiKey, ApiUsage, Plan, PlanName
from codingdesk.codesets.services import code_release_import
from tests.codesets.icd10cm_sample import write_tabular

pytestmark = pytest.mark.django_db

# 10 seconds into a minute: a request refused now may retry in 50 seconds.
TEN_PAST = 1_800_000_000 - 1_800_000_000 % 60 + 10
LOOKUP = "/api/v1/codes/icd10cm/E11.9"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # the rate counters; the database cache is rolled back anyway, Redis is not
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """The rate limit's clock, stopped at TEN_PAST; advance it with clock.now += 60."""
    clock = SimpleNamespace(now=float(TEN_PAST))
    monkeypatch.setattr(api_limits, "time", SimpleNamespace(time=lambda: clock.now))
    return clock


@pytest.fixture
def release(tmp_path):
    (outcome,) = code_release_import(system="icd10cm", paths=[write_tabular(tmp_path)])
    return outcome.release


@pytest.fixture
def alice_key(alice) -> str:
    return api_key_create(user=alice, name="reports")[1]


def limit(plan: str, **limits) -> None:
    Plan.objects.filter(name=plan).update(**limits)


def get(client, path=LOOKUP, key=None, address="10.0.0.1", **headers):
    if key is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client.get(path, REMOTE_ADDR=address, **headers)


def usage(subject: str) -> int:
    row = ApiUsage.objects.filter(subject=subject).first()
    return row.count if row else 0


# Keys


def test_a_live_key_is_accepted_as_a_bearer_token(client, release, alice, alice_key, metering):
    response = get(client, key=alice_key)
    assert response.status_code == 200, response.content
    assert response.json()["code"] == "E11.9"
    assert usage(f"user:{alice.pk}") == 1


def test_the_bearer_scheme_is_case_insensitive(client, release, alice_key):
    assert get(client, HTTP_AUTHORIZATION=f"bearer {alice_key}").status_code == 200


@pytest.mark.parametrize(
    "header",
    ["Bearer cdk_0000000000000000_abcdefghijklmnopqrstuvwxyz", "Bearer ", "Bearer", "Basic YWxpY2U6c2VjcmV0", "cdk_x"],
    ids=["unknown-key", "empty-token", "no-token", "basic", "no-scheme"],
)
def test_a_header_that_is_not_a_live_key_gets_401_json(client, release, header):
    response = get(client, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "not valid or has been revoked" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_secret_gets_401(client, release, alice_key):
    assert get(client, key=alice_key[:-2] + "zz").status_code == 401


def test_a_revoked_key_gets_401(client, release, alice_key):
    assert get(client, key=alice_key).status_code == 200
    api_key_revoke(key_id=alice_key.split("_")[1])
    response = get(client, key=alice_key)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_a_bad_key_is_refused_on_every_endpoint_not_taken_for_a_guest(client, release, metering):
    for path in ["/api/v1/systems", "/api/v1/search?q=diabetes", LOOKUP, "/api/v1/no-such-thing"]:
        assert get(client, path, key="cdk_nope").status_code == 401, path
    assert not ApiUsage.objects.exists()


def test_keys_authenticate_with_metering_off(client, release, alice_key):
    api_key_revoke(key_id=alice_key.split("_")[1])
    assert get(client, key=alice_key).status_code == 401


def test_using_a_key_marks_it_used(client, release, alice_key):
    get(client, key=alice_key)
    assert ApiKey.objects.get().last_used_at is not None


def test_a_key_spends_only_its_own_members_allowance(client, release, alice, charlie, alice_key, metering):
    charlie_key = api_key_create(user=charlie, name="mine")[1]
    limit(PlanName.FREE, api_requests_per_month=1)
    assert get(client, key=alice_key).status_code == 200
    assert get(client, key=alice_key).status_code == 429
    assert get(client, key=charlie_key).status_code == 200
    assert (usage(f"user:{alice.pk}"), usage(f"user:{charlie.pk}")) == (1, 1)


def test_a_key_id_with_another_members_secret_gets_401(client, release, alice, charlie):
    alices_key_id = api_key_create(user=alice, name="reports")[0].key_id
    charlies_secret = api_key_create(user=charlie, name="mine")[1].split("_", 2)[2]
    assert get(client, key=f"cdk_{alices_key_id}_{charlies_secret}").status_code == 401


def test_the_docs_and_schema_need_no_key_and_have_no_limit(client, metering):
    limit(PlanName.GUEST, api_requests_per_minute=0)
    assert get(client, "/api/docs").status_code == 200
    assert get(client, "/api/openapi.json").status_code == 200
    assert get(client, "/api/v1/systems").status_code == 429


def test_the_schema_documents_the_bearer_key_as_optional(client):
    schema = json.loads(client.get("/api/openapi.json").content)
    scheme = schema["components"]["securitySchemes"]["ApiKeyOrGuest"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert "guest" in scheme["description"]
    responses = schema["paths"]["/api/v1/codes/{system}/{code}"]["get"]["responses"]
    assert {"401", "429"} <= set(responses)


# The per-minute rate limit


def test_past_the_rate_limit_a_member_gets_429_with_retry_after(client, release, alice_key, metering, clock):
    limit(PlanName.FREE, api_requests_per_minute=2)
    assert [get(client, "/api/v1/systems", key=alice_key).status_code for _ in range(2)] == [200, 200]
    response = get(client, "/api/v1/systems", key=alice_key)
    assert response.status_code == 429
    assert response["Retry-After"] == "50"
    assert response.json() == {
        "detail": "Too many requests: the Free plan allows 2 API requests a minute. Try again in 50 seconds."
    }


def test_the_rate_limit_starts_again_the_next_minute(client, release, alice_key, metering, clock):
    limit(PlanName.FREE, api_requests_per_minute=1)
    assert get(client, key=alice_key).status_code == 200
    assert get(client, key=alice_key).status_code == 429
    clock.now += 60
    assert get(client, key=alice_key).status_code == 200


def test_the_rate_limit_counts_every_endpoint(client, release, alice_key, metering, clock):
    limit(PlanName.FREE, api_requests_per_minute=2)
    get(client, "/api/v1/systems", key=alice_key)
    get(client, "/api/v1/search?q=diabetes", key=alice_key)
    assert get(client, key=alice_key).status_code == 429


def test_a_members_keys_share_one_rate_limit(client, release, alice, alice_key, metering, clock):
    second_key = api_key_create(user=alice, name="second")[1]
    limit(PlanName.FREE, api_requests_per_minute=1)
    assert get(client, "/api/v1/systems", key=alice_key).status_code == 200
    assert get(client, "/api/v1/systems", key=second_key).status_code == 429


def test_members_have_rate_limits_of_their_own(client, release, charlie, alice_key, metering, clock):
    limit(PlanName.FREE, api_requests_per_minute=1)
    get(client, "/api/v1/systems", key=alice_key)
    charlie_key = api_key_create(user=charlie, name="mine")[1]
    assert get(client, "/api/v1/systems", key=charlie_key).status_code == 200


def test_the_members_plan_sets_the_rate(client, release, alice, alice_key, metering, clock):
    limit(PlanName.FREE, api_requests_per_minute=1)
    limit(PlanName.PRO, api_requests_per_minute=3)
    alice.plan = PlanName.PRO
    alice.save()
    assert [get(client, "/api/v1/systems", key=alice_key).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_an_unlimited_plan_has_no_rate_limit(client, release, alice, alice_key, metering, clock):
    limit(PlanName.FREE, api_requests_per_minute=None)
    assert all(get(client, "/api/v1/systems", key=alice_key).status_code == 200 for _ in range(5))


# Guests


def test_a_guest_needs_no_key_and_is_limited_by_address(client, release, metering, clock):
    limit(PlanName.GUEST, api_requests_per_minute=1)
    assert get(client, "/api/v1/systems", address="10.0.0.1").status_code == 200
    refused = get(client, "/api/v1/systems", address="10.0.0.1")
    assert refused.status_code == 429
    assert "Guest plan allows 1 API request a minute" in refused.json()["detail"]
    assert get(client, "/api/v1/systems", address="10.0.0.2").status_code == 200


def test_a_guests_code_lookups_count_against_their_address(client, release, metering):
    limit(PlanName.GUEST, api_requests_per_month=1)
    assert get(client, address="10.0.0.1").status_code == 200
    assert usage(f"ip:{ip_hash('10.0.0.1')}") == 1
    assert get(client, address="10.0.0.1").status_code == 429
    assert get(client, address="10.0.0.2").status_code == 200


def test_a_member_is_not_limited_by_a_guest_at_the_same_address(client, release, alice_key, metering, clock):
    limit(PlanName.GUEST, api_requests_per_minute=0)
    assert get(client, "/api/v1/systems").status_code == 429
    assert get(client, "/api/v1/systems", key=alice_key).status_code == 200


# The monthly quota of code lookups


def test_past_the_monthly_quota_a_lookup_gets_429_until_next_month(client, release, alice, alice_key, metering):
    limit(PlanName.FREE, api_requests_per_month=2)
    assert [get(client, key=alice_key).status_code for _ in range(2)] == [200, 200]
    response = get(client, key=alice_key)
    assert response.status_code == 429
    assert "monthly API quota is used up" in response.json()["detail"]
    assert "1,000" not in response.json()["detail"] and "2 code lookups a month" in response.json()["detail"]
    assert 0 < int(response["Retry-After"]) <= 31 * 24 * 3600
    assert usage(f"user:{alice.pk}") == 2


def test_only_code_lookups_spend_the_quota(client, release, alice, alice_key, metering):
    limit(PlanName.FREE, api_requests_per_month=1)
    get(client, "/api/v1/systems", key=alice_key)
    get(client, "/api/v1/search?q=diabetes", key=alice_key)
    get(client, "/api/v1/systems/icd10cm/releases", key=alice_key)
    assert usage(f"user:{alice.pk}") == 0
    assert get(client, key=alice_key).status_code == 200
    assert get(client, key=alice_key).status_code == 429
    assert get(client, "/api/v1/systems", key=alice_key).status_code == 200


def test_a_lookup_of_a_missing_code_counts_too(client, release, alice, alice_key, metering):
    assert get(client, "/api/v1/codes/icd10cm/Z99.999", key=alice_key).status_code == 404
    assert usage(f"user:{alice.pk}") == 1


def test_last_months_lookups_do_not_count(client, release, alice, alice_key, metering):
    limit(PlanName.FREE, api_requests_per_month=1)
    ApiUsage.objects.create(subject=f"user:{alice.pk}", month=datetime.date(2020, 1, 1), count=1)
    assert get(client, key=alice_key).status_code == 200


def test_an_unlimited_quota_writes_nothing(client, release, alice_key, metering):
    limit(PlanName.FREE, api_requests_per_month=None)
    assert get(client, key=alice_key).status_code == 200
    assert not ApiUsage.objects.exists()


def test_with_metering_off_no_rate_limit_or_quota_applies(client, release, alice_key, clock):
    limit(PlanName.FREE, api_requests_per_minute=0, api_requests_per_month=0)
    limit(PlanName.GUEST, api_requests_per_minute=0, api_requests_per_month=0)
    assert get(client, key=alice_key).status_code == 200
    assert get(client).status_code == 200
    assert not ApiUsage.objects.exists()


def test_the_quota_renews_at_midnight_on_the_first_in_the_sites_time_zone(alice, metering):
    limit(PlanName.FREE, api_requests_per_month=1)
    caller = ApiCaller(user=alice)
    last_minute = datetime.datetime(2026, 1, 31, 23, 59, 30, tzinfo=datetime.UTC)
    api_quota_spend(caller=caller, now=last_minute)
    with pytest.raises(ApiLimitExceeded) as refused:
        api_quota_spend(caller=caller, now=last_minute)
    assert refused.value.retry_after == 30
    assert "renews on February 1" in refused.value.detail
    api_quota_spend(caller=caller, now=last_minute + datetime.timedelta(seconds=30))


def test_retry_after_counts_real_seconds_across_a_dst_change(alice, metering, settings):
    settings.TIME_ZONE = "America/New_York"
    limit(PlanName.FREE, api_requests_per_month=0)
    before_dst = datetime.datetime(2026, 3, 1, 0, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    with pytest.raises(ApiLimitExceeded) as refused:
        api_quota_spend(caller=ApiCaller(user=alice), now=before_dst)
    assert refused.value.retry_after == 31 * 24 * 3600 - 3600  # clocks go forward on March 8


@pytest.mark.django_db(transaction=True)
def test_parallel_lookups_spend_exactly_the_quota(live_server, release, alice, metering):
    """Real requests in parallel threads, each with its own connection: the
    conditional UPDATE must not let two of them spend the last lookup."""
    key = api_key_create(user=alice, name="reports")[1]
    limit(PlanName.FREE, api_requests_per_minute=None, api_requests_per_month=5)
    barrier = threading.Barrier(12)

    def lookup(_) -> int:
        request = urllib.request.Request(live_server.url + LOOKUP, headers={"Authorization": f"Bearer {key}"})
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = sorted(pool.map(lookup, range(12)))
    assert statuses == [200] * 5 + [429] * 7
    assert usage(f"user:{alice.pk}") == 5
