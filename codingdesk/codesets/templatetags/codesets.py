from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def linked_note(note, targets: dict[str, str], system: str) -> SafeString:
    """The note's text with each code or range reference linked to its page.

    ``targets`` maps referenced codes to printed codes that exist in the
    release (selectors.reference_targets); references to codes that don't
    exist stay plain text.
    """
    pieces, position = [], 0
    for reference in note.references:
        target = targets.get(f"{reference['first']}-{reference['last']}") or targets.get(reference["first"])
        if not target:
            continue
        pieces.append(escape(note.text[position : reference["start"]]))
        url = reverse("codesets:code_detail", kwargs={"system": system, "code": target})
        pieces.append(format_html('<a href="{}">{}</a>', url, reference["text"]))
        position = reference["end"]
    pieces.append(escape(note.text[position:]))
    return mark_safe("".join(pieces))


@register.simple_tag
def code_url(code) -> str:
    return reverse("codesets:code_detail", kwargs={"system": code.system, "code": code.code})


@register.filter
def hcpcs_meaning(value, field: str) -> str:
    """{{ code.details.coverage_code|hcpcs_meaning:"coverage" }}; lists are described item by item."""
    from codingdesk.codesets.hcpcs_tables import describe

    if isinstance(value, list):
        return "; ".join(describe(field, str(item)) for item in value)
    return describe(field, str(value))
