"""Writes for members: profile, favorites, personal notes, search history,
teams and invitations, and creating users from the command line.

Each function takes the acting user and changes only what that user may
change; the views never write models themselves. Rule breaks raise ValidationError with a
message fit to show the member.
"""

from __future__ import annotations

import datetime
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import selectors
from .models import CodeNote, FavoriteCode, PlanName, Role, SearchHistoryEntry, Team, TeamInvitation, User

CODE_NOTE_MAX_LENGTH = 10_000
SEARCH_HISTORY_KEEP = 200  # older entries are dropped as new ones come in
SEARCH_QUERY_MAX_LENGTH = SearchHistoryEntry._meta.get_field("query").max_length
TEAM_INVITATION_MAX_AGE = datetime.timedelta(days=14)


def user_profile_update(*, user: User, name: str) -> User:
    user.name = User._meta.get_field("name").clean(name.strip(), user)
    user.save(update_fields=["name"])
    return user


# Favorites and notes ---------------------------------------------------------


def favorite_toggle(*, user: User, system: str, code: str) -> bool:
    """Star the code, or unstar it if it is starred. Returns whether it is now a favorite."""
    with transaction.atomic():
        deleted, _ = FavoriteCode.objects.filter(user=user, system=system, code=code).delete()
        if deleted:
            return False
        _check_code_exists(system=system, code=code)
        # get_or_create: a double click sends two requests; the second must not fail.
        FavoriteCode.objects.get_or_create(user=user, system=system, code=code)
    return True


def code_note_save(*, user: User, system: str, code: str, text: str) -> CodeNote | None:
    """Save the member's private note on a code; empty text deletes it."""
    # Browsers send a textarea's line breaks as CRLF but count them as one
    # character against maxlength; count them the way the member sees them.
    text = text.replace("\r\n", "\n").strip()
    if len(text) > CODE_NOTE_MAX_LENGTH:
        raise ValidationError(
            f"A note can be at most {CODE_NOTE_MAX_LENGTH:,} characters; this one has {len(text):,}."
        )
    with transaction.atomic():
        if not text:
            CodeNote.objects.filter(user=user, system=system, code=code).delete()
            return None
        _check_code_exists(system=system, code=code)
        note, _ = CodeNote.objects.update_or_create(user=user, system=system, code=code, defaults={"text": text})
    return note


def _check_code_exists(*, system: str, code: str) -> None:
    if not selectors.code_exists(system=system, code=code):
        raise ValidationError(f"There is no code {code} in {system}.")


# Search history --------------------------------------------------------------


def search_history_record(*, user: User, query: str) -> SearchHistoryEntry | None:
    """Remember a search, if the member keeps a history. Repeating a search
    moves it to the top rather than listing it twice."""
    query = query.strip()[:SEARCH_QUERY_MAX_LENGTH]
    if not query or not user.search_history_enabled:
        return None
    with transaction.atomic():
        history = SearchHistoryEntry.objects.filter(user=user)
        history.filter(query=query).delete()
        entry = SearchHistoryEntry.objects.create(user=user, query=query)
        stale = history.order_by("-searched_at", "-pk").values_list("pk", flat=True)[SEARCH_HISTORY_KEEP:]
        SearchHistoryEntry.objects.filter(pk__in=list(stale)).delete()
    return entry


def search_history_enabled_set(*, user: User, enabled: bool) -> None:
    """Switch recording on or off. Entries already kept stay until cleared."""
    user.search_history_enabled = enabled
    user.save(update_fields=["search_history_enabled"])


def search_history_clear(*, user: User) -> int:
    deleted, _ = SearchHistoryEntry.objects.filter(user=user).delete()
    return deleted


# Teams -----------------------------------------------------------------------


def team_create(*, owner: User, name: str) -> Team:
    """A Team-plan member starts a team and takes its first seat."""
    name = name.strip()
    if not name:
        raise ValidationError("Give the team a name.")
    if owner.plan != PlanName.TEAM:
        raise ValidationError("Only members on the Team plan can create a team.")
    with transaction.atomic():
        owner = User.objects.select_for_update().get(pk=owner.pk)
        if Team.objects.filter(owner=owner).exists():
            raise ValidationError("You already have a team.")
        if owner.team_id is not None:
            raise ValidationError("You are already a member of a team.")
        team = Team.objects.create(owner=owner, name=name, seats=settings.TEAM_DEFAULT_SEATS)
        owner.team = team
        owner.save(update_fields=["team"])
    return team


def team_invitation_send(*, team: Team, invited_by: User, email: str) -> TeamInvitation:
    """Invite an address to the team and email it a join link. Only a hash of
    the link's token is stored; a new invitation to the same address replaces
    one still pending."""
    if invited_by.pk != team.owner_id:
        raise ValidationError("Only the team's owner can invite members.")
    email = User.objects.normalize_email(email.strip())
    validate_email(email)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        _team_lock(team.pk)
        team.refresh_from_db()
        if selectors.team_member_list(team=team).filter(email__iexact=email).exists():
            raise ValidationError(f"{email} is already in the team.")
        _check_free_seat(team)
        team.invitations.filter(email__iexact=email, accepted_at__isnull=True).delete()
        invitation = TeamInvitation.objects.create(
            team=team, email=email, invited_by=invited_by, token_hash=selectors.team_invitation_token_hash(token)
        )
        transaction.on_commit(lambda: _team_invitation_email(invitation, token))
    return invitation


def _team_invitation_email(invitation: TeamInvitation, token: str) -> None:
    context = {
        "invitation": invitation,
        "team": invitation.team,
        "inviter": invitation.invited_by,
        "join_url": settings.SITE_URL + reverse("accounts:team_join", kwargs={"token": token}),
        "valid_days": TEAM_INVITATION_MAX_AGE.days,
    }
    subject = render_to_string("accounts/email/team_invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/team_invitation_message.txt", context)
    send_mail(subject, body, None, [invitation.email])


def team_invitation_check(*, user: User, invitation: TeamInvitation | None) -> None:
    """Raise ValidationError saying why ``user`` cannot accept ``invitation``."""
    if invitation is None or invitation.accepted_at is not None:
        raise ValidationError("This invitation link is not valid or has already been used.")
    if timezone.now() - invitation.created_at > TEAM_INVITATION_MAX_AGE:
        raise ValidationError("This invitation has expired. Ask the team's owner to invite you again.")
    if not selectors.email_is_verified_for(user=user, email=invitation.email):
        raise ValidationError(
            f"This invitation was sent to {invitation.email}, but you are signed in as {user.email}. "
            f"Sign in with {invitation.email}, or add it to your account and verify it, then open the link again."
        )
    if user.team_id == invitation.team_id:
        raise ValidationError(f"You are already a member of {invitation.team.name}.")
    if Team.objects.filter(owner=user).exists():
        raise ValidationError("You own a team of your own, so you cannot join another.")
    if user.team_id is not None:
        raise ValidationError("You are already a member of another team. Ask its owner to remove you first.")


def team_invitation_accept(*, user: User, token: str) -> Team:
    with transaction.atomic():
        invitation = selectors.team_invitation_get_by_token(token=token)
        if invitation is not None:
            # Every accept locks the team first, then reads again, so two people
            # accepting at once cannot both take the last seat, nor one link be used twice.
            _team_lock(invitation.team_id)
            invitation = selectors.team_invitation_get_by_token(token=token)
        user = User.objects.select_for_update().get(pk=user.pk)
        team_invitation_check(user=user, invitation=invitation)
        _check_free_seat(invitation.team)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        user.team = invitation.team
        user.save(update_fields=["team"])
    return invitation.team


def team_member_remove(*, team: Team, removed_by: User, member: User) -> None:
    if removed_by.pk != team.owner_id:
        raise ValidationError("Only the team's owner can remove members.")
    if member.pk == team.owner_id:
        raise ValidationError("The owner cannot be removed from their own team.")
    with transaction.atomic():
        updated = User.objects.filter(pk=member.pk, team=team).update(team=None)
    if not updated:
        raise ValidationError(f"{member.email} is not in the team.")


def _team_lock(team_id: int) -> None:
    list(Team.objects.select_for_update().filter(pk=team_id).values_list("pk"))


def _check_free_seat(team: Team) -> None:
    used = selectors.team_seats_used(team=team)
    if used >= team.seats:
        raise ValidationError(
            f"All {team.seats} seats of {team.name} are taken (the owner holds one). "
            "Remove a member, or ask staff for more seats."
        )


# Users from the command line -------------------------------------------------


def user_create_or_update(
    *,
    email: str,
    password: str | None = None,
    plan: str | None = None,
    role: str | None = None,
    verified: bool = False,
) -> tuple[User, bool]:
    """Create the user with ``email`` or update the one that exists. Returns
    (user, created). A new user without a password cannot log in with one
    until they reset it. Role staff gives access to the admin."""
    email = User.objects.normalize_email(email.strip())
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=email).first()
        created = user is None
        if created:
            user = User(email=email, plan=PlanName.FREE, role=Role.MEMBER)
        if plan is not None:
            user.plan = PlanName(plan)
        if role is not None:
            user.role = Role(role)
            user.is_staff = user.role == Role.STAFF
        if password is not None:
            try:
                validate_password(password, user=user)
            except ValidationError as error:
                raise ValidationError({"password": error.messages}) from None
            user.set_password(password)
        elif created:
            user.set_unusable_password()
        user.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)
        user.save()
        if verified:
            _email_address_verify(user)
    return user, created


def _email_address_verify(user: User) -> None:
    """Mark the user's email verified and primary, as after a completed sign-up."""
    taken = EmailAddress.objects.filter(email__iexact=user.email, verified=True).exclude(user=user)
    if taken.exists():
        raise ValidationError(f"{user.email} is verified on another account.")
    EmailAddress.objects.filter(user=user, primary=True).exclude(email__iexact=user.email).update(primary=False)
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        address = EmailAddress(user=user, email=user.email)
    address.verified = True
    address.primary = True
    address.save()
