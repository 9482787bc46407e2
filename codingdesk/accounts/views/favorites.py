from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def favorite_list(request):
    return HttpResponse("todo")


@login_required
def favorite_toggle(request, system, code):
    return HttpResponse("todo")
