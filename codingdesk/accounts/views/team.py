"""The team page (create a team, invite and remove members, see the team)
and the join page that an invitation email links to."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..models import PlanName, User


class TeamCreateForm(forms.Form):
    name = forms.CharField(max_length=150)


class TeamInviteForm(forms.Form):
    email = forms.EmailField()


@login_required
def team_page(request: HttpRequest) -> HttpResponse:
    return _team_page(request)


def _team_page(request: HttpRequest, *, create_form=None, invite_form=None, status: int = 200) -> HttpResponse:
    user = request.user
    team = selectors.team_for_user(user=user)
    is_owner = team is not None and team.owner_id == user.pk
    context = {
        "team": team,
        "is_owner": is_owner,
        "can_create": team is None and user.plan == PlanName.TEAM,
        "create_form": create_form or TeamCreateForm(),
        "invite_form": invite_form or TeamInviteForm(),
    }
    if team is not None:
        context["members"] = selectors.team_member_list(team=team)
        context["seats_used"] = selectors.team_seats_used(team=team)
    if is_owner:
        context["invitations"] = selectors.team_invitation_pending_list(team=team)
    return render(request, "accounts/team_page.html", context, status=status)


@require_POST
@login_required
def team_create(request: HttpRequest) -> HttpResponse:
    form = TeamCreateForm(request.POST)
    if form.is_valid():
        try:
            team = services.team_create(owner=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Your team {team.name} is ready. Invite your colleagues below.")
            return redirect("accounts:team")
    return _team_page(request, create_form=form, status=400)


@require_POST
@login_required
def team_invite(request: HttpRequest) -> HttpResponse:
    team = _owned_team_or_404(request.user)
    form = TeamInviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.team_invitation_send(
                team=team, invited_by=request.user, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("accounts:team")
    return _team_page(request, invite_form=form, status=400)


@require_POST
@login_required
def team_member_remove(request: HttpRequest) -> HttpResponse:
    """The member to remove is posted as ``member`` (a user id)."""
    team = _owned_team_or_404(request.user)
    member_id = request.POST.get("member", "")
    members = selectors.team_member_list(team=team)
    member = members.filter(pk=int(member_id)).first() if member_id.isascii() and member_id.isdigit() else None
    if member is None:
        raise Http404("No such member in your team.")
    try:
        services.team_member_remove(team=team, removed_by=request.user, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{member.email} is no longer in {team.name}.")
    return redirect("accounts:team")


@login_required
def team_join(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the invitation; POST accepts it. Accepting on GET would let
    a mail scanner that follows links join the team for its reader."""
    invitation = selectors.team_invitation_get_by_token(token=token)
    if request.method == "POST":
        try:
            team = services.team_invitation_accept(user=request.user, token=token)
        except ValidationError as error:
            return _team_join_page(request, invitation, problem=" ".join(error.messages), status=400)
        messages.success(request, f"Welcome to {team.name}.")
        return redirect("accounts:team")
    try:
        services.team_invitation_check(user=request.user, invitation=invitation)
    except ValidationError as error:
        return _team_join_page(request, invitation, problem=" ".join(error.messages), status=403)
    return _team_join_page(request, invitation)


def _team_join_page(request, invitation, *, problem: str = "", status: int = 200) -> HttpResponse:
    if problem and (invitation is None or invitation.accepted_at is not None):
        status = 404
        invitation = None  # say nothing about a used or unknown link
    context = {"invitation": invitation, "problem": problem}
    return render(request, "accounts/team_join.html", context, status=status)


def _owned_team_or_404(user: User):
    team = selectors.team_for_user(user=user)
    if team is None or team.owner_id != user.pk:
        raise Http404("You do not own a team.")
    return team
