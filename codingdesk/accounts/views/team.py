from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def team_page(request):
    return HttpResponse("todo")


@login_required
def team_invite(request):
    return HttpResponse("todo")


def team_join(request, token):
    return HttpResponse("todo")
