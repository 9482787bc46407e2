"""The AMA notice for lists built outside the code-set views (search results,
the type-ahead): ``{% cpt_notice_for results as cpt_notice %}`` then include
codesets/_cpt_notice.html when it is not empty."""

from django import template

from codingdesk.codesets import cpt
from codingdesk.codesets.models import CodeSystem

register = template.Library()


@register.simple_tag
def cpt_notice_for(items) -> list[str]:
    """The notice's paragraphs when any of ``items`` (anything with ``system``
    and ``title``) is a CPT code shown with its descriptor; else none."""
    shown = any(getattr(item, "system", "") == CodeSystem.CPT and getattr(item, "title", "") for item in items or ())
    return cpt.cpt_notice() if shown and cpt.cpt_licensed() else []
