import pytest

from codingdesk.lib.env import env_int, env_limit, plan_defaults_from_env


def test_a_plan_limit_reads_a_number_or_unlimited(monkeypatch):
    monkeypatch.setenv("PLAN_FREE_CODE_PAGE_VIEWS", "12")
    monkeypatch.setenv("PLAN_GUEST_API_REQUESTS_PER_MONTH", "unlimited")
    defaults = plan_defaults_from_env(
        {"free": {"code_page_views": 5}, "guest": {"api_requests_per_month": 100}, "pro": {"code_page_views": None}}
    )
    assert defaults == {"free": {"code_page_views": 12}, "guest": {"api_requests_per_month": None},
                        "pro": {"code_page_views": None}}


@pytest.mark.parametrize("raw", ["-1", "five", "1.5"])
def test_a_bad_plan_limit_is_refused_with_its_name(monkeypatch, raw):
    monkeypatch.setenv("PLAN_FREE_CODE_PAGE_VIEWS", raw)
    with pytest.raises(ValueError, match="PLAN_FREE_CODE_PAGE_VIEWS must be a whole number or 'unlimited'"):
        env_limit("PLAN_FREE_CODE_PAGE_VIEWS", 5)


def test_a_bad_whole_number_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("METERING_WINDOW_DAYS", "thirty")
    with pytest.raises(ValueError, match="METERING_WINDOW_DAYS must be a whole number"):
        env_int("METERING_WINDOW_DAYS", 30)
