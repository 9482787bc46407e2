"""Reads of what members keep. Every function takes the user: one member can
never read another's favorites, notes, history or keys."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet
from django.utils import timezone

from codingdesk.codesets.cpt import cpt_licensed
from codingdesk.codesets.models import Code, CodeSystem

from .models import ApiUsage, CodeNote, FavoriteCode, SearchHistoryEntry, Team, TeamInvitation, User

SEARCH_HISTORY_PAGE_SIZE = 100


def favorite_exists(*, user: User, system: str, code: str) -> bool:
    return FavoriteCode.objects.filter(user=user, system=system, code=code).exists()


def favorite_keys(*, user: User) -> set[tuple[str, str]]:
    """(system, code) of each favorite, to star search results."""
    return set(FavoriteCode.objects.filter(user=user).values_list("system", "code"))


def code_note_get(*, user: User, system: str, code: str) -> CodeNote | None:
    return CodeNote.objects.filter(user=user, system=system, code=code).first()


def favorite_list(*, user: User) -> QuerySet[FavoriteCode]:
    return FavoriteCode.objects.filter(user=user)


def code_note_list(*, user: User) -> QuerySet[CodeNote]:
    return CodeNote.objects.filter(user=user)


def code_exists(*, system: str, code: str) -> bool:
    """Whether any release of ``system`` has ``code`` as printed. Favorites and
    notes outlive releases, so a code dropped by the newest one still counts."""
    return Code.objects.filter(system=system, code=code).exists()


def code_titles(*, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The long title of each (system, code), from the newest release that has it."""
    keys = set(keys)
    if not keys:
        return {}
    match = Q()
    for system in {system for system, _ in keys}:
        match |= Q(system=system, code__in=[code for key_system, code in keys if key_system == system])
    rows = (
        Code.objects.filter(match)
        .order_by("release__effective_from", "release__imported_at")
        .values_list("system", "code", "long_title")
    )
    titles = {(system, code): title for system, code, title in rows}  # newer rows overwrite older ones
    if not cpt_licensed():  # CPT descriptors belong to the AMA
        titles = {key: title for key, title in titles.items() if key[0] != CodeSystem.CPT}
    return titles


def search_history_list(*, user: User, limit: int = SEARCH_HISTORY_PAGE_SIZE) -> QuerySet[SearchHistoryEntry]:
    return SearchHistoryEntry.objects.filter(user=user).order_by("-searched_at", "-pk")[:limit]


def api_lookups_this_month(*, user: User) -> int:
    """API code lookups counted for this member in the current calendar month."""
    month = timezone.localdate().replace(day=1)  # ApiUsage.month is the first day of the month
    row = ApiUsage.objects.filter(subject=f"user:{user.pk}", month=month).values_list("count", flat=True).first()
    return row or 0


def team_for_user(*, user: User) -> Team | None:
    """The team the user owns, else the team they belong to."""
    owned = Team.objects.filter(owner=user).select_related("owner").first()
    if owned is not None:
        return owned
    if user.team_id is None:
        return None
    return Team.objects.select_related("owner").filter(pk=user.team_id).first()


def team_member_list(*, team: Team) -> QuerySet[User]:
    """Everyone holding a seat, the owner included."""
    return User.objects.filter(Q(team=team) | Q(pk=team.owner_id)).order_by("email")


def team_seats_used(*, team: Team) -> int:
    return team_member_list(team=team).count()


def team_invitation_pending_list(*, team: Team) -> QuerySet[TeamInvitation]:
    return team.invitations.filter(accepted_at__isnull=True).select_related("invited_by")


def team_invitation_token_hash(token: str) -> str:
    """Only this hash of an emailed join token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def team_invitation_get_by_token(*, token: str) -> TeamInvitation | None:
    return (
        TeamInvitation.objects.select_related("team", "team__owner", "invited_by")
        .filter(token_hash=team_invitation_token_hash(token))
        .first()
    )


def email_is_verified_for(*, user: User, email: str) -> bool:
    """Whether ``email`` is one of the user's addresses that allauth has verified."""
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()

