"""Code questions for the grounded engine: what a code means, which code fits
a condition or procedure, a code's notes and conventions, and what changed in
a release. Everything said comes from the code tables in force on the date of
service (question.as_of) and the search index; every code named is read from
the tables, and every claim carries its source.
"""


from .code_for import handle_bare_description, handle_code_for
from .conventions import handle_conventions
from .lookup import handle_code_lookup
from .releases import handle_release_changes

__all__ = [
    "HANDLERS", "handle_bare_description", "handle_code_for", "handle_code_lookup", "handle_conventions",
    "handle_release_changes",
]

# Most specific first: a release question names no code, a convention question
# names a note kind, "code for" names a condition; a bare code is a lookup.
# A bare description ("NSTEMI", "pt presents with ...") is the last resort.
HANDLERS: list = [handle_release_changes, handle_conventions, handle_code_for, handle_code_lookup,
                  handle_bare_description]
