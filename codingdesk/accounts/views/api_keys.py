from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def api_key_list(request):
    return HttpResponse("todo")


@login_required
def api_key_revoke(request, key_id):
    return HttpResponse("todo")
