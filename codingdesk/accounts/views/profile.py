"""The member's account page: profile, plan and usage meters."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .. import selectors, services
from ..metering import Viewer, code_page_views_used
from ..models import PlanName
from ..plans import plan_limits


class ProfileForm(forms.Form):
    name = forms.CharField(max_length=150, required=False)


@login_required
def profile_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST if request.method == "POST" else None, initial={"name": user.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_profile_update(user=user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, "Your name is saved.")
            return redirect("accounts:profile")
    limits = plan_limits(name=user.effective_plan)
    context = {
        "form": form,
        "limits": limits,
        "code_page_views_used": code_page_views_used(viewer=Viewer(user=user)),
        "api_lookups_used": selectors.api_lookups_this_month(user=user),
        "plans": [plan_limits(name=name) for name in PlanName.values],
        "team": selectors.team_for_user(user=user),
    }
    return render(request, "accounts/profile_page.html", context, status=400 if form.errors else 200)
