from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def search_history_page(request):
    return HttpResponse("todo")


@login_required
def search_history_settings(request):
    return HttpResponse("todo")


@login_required
def search_history_clear(request):
    return HttpResponse("todo")
