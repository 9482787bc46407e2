"""The member's account page: profile, plan and usage meters."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def profile_page(request):
    return render(request, "accounts/profile_page.html", {})
