from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def code_note_list(request):
    return HttpResponse("todo")


@login_required
def code_note_save(request, system, code):
    return HttpResponse("todo")
