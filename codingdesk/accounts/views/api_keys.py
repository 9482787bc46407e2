"""The member's API keys page: list, create (the key is shown once) and revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .. import api_keys
from ..models import ApiKey
from ..plans import plan_limits


@never_cache  # the page that shows a new key must not be kept by any cache
@login_required
@require_http_methods(["GET", "POST"])
def api_key_list(request):
    context = {"name": "", "error": "", "new_key": ""}
    if request.method == "POST":
        context["name"] = request.POST.get("name", "")
        try:
            api_key, context["new_key"] = api_keys.api_key_create(user=request.user, name=context["name"])
        except ValidationError as error:
            context["error"] = error.messages[0]
        else:
            context["new_key_id"] = api_key.key_id
            context["name"] = ""
    context["keys"] = api_keys.api_key_list(user=request.user)
    context["limits"] = plan_limits(name=request.user.effective_plan)
    return render(request, "accounts/api_key_list.html", context, status=400 if context["error"] else 200)


@login_required
@require_POST
def api_key_revoke(request, key_id):
    try:
        api_key = api_keys.api_key_revoke(key_id=key_id, user=request.user)
    except ApiKey.DoesNotExist as error:
        raise Http404(str(error)) from error
    messages.success(request, f"The key {api_key.name} ({api_key.key_id}) is revoked. Programs using it get 401 now.")
    return redirect("accounts:api_key_list")
