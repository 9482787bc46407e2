"""Reads of what members keep. Every function takes the user: one member can
never read another's favorites, notes, history or keys."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import CodeNote, FavoriteCode, User


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
