"""Plan limits: read from the Plan rows that staff edit in the admin, which
start from settings.PLAN_DEFAULTS."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from .models import Plan, PlanName

LIMIT_FIELDS = (
    "code_page_views",
    "assistant_questions_per_day",
    "email_consultations_per_month",
    "api_requests_per_minute",
    "api_requests_per_month",
)


@dataclass(frozen=True)
class PlanLimits:
    """None means unlimited."""

    name: str
    code_page_views: int | None
    assistant_questions_per_day: int | None
    email_consultations_per_month: int | None
    api_requests_per_minute: int | None
    api_requests_per_month: int | None

    @property
    def label(self) -> str:
        return PlanName(self.name).label


def plan_limits(*, name: str) -> PlanLimits:
    plan = Plan.objects.filter(name=name).first()
    if plan is None:  # not created yet: the settings say what it would hold
        return PlanLimits(name=name, **settings.PLAN_DEFAULTS[name])
    return PlanLimits(name=name, **{field: getattr(plan, field) for field in LIMIT_FIELDS})


def plans_create_missing(*, using: str = "default") -> None:
    for name in PlanName.values:
        Plan.objects.using(using).get_or_create(name=name, defaults=settings.PLAN_DEFAULTS[name])


def plans_create_missing_after_migrate(sender, using="default", **kwargs):
    plans_create_missing(using=using)
