"""Billing questions for the grounded engine: modifiers (the modifier guide),
NCCI PTP pairs and MUE limits (edits.checks), and Medicare physician fees
(fees.lookup). Read-only: every fact comes from those modules, and every
claim is cited to the API row or guide entry it comes from.

Recognition is deliberately narrow: a handler answers only when the question
names what it needs (two codes and a bundling word, a code and an MUE word,
a code and a payment word, a modifier in the guide) and returns None
otherwise, so "What is E11.9?" or "code for hives" reach the code handlers.
CPT descriptors are never printed: none is stored without a licence.
"""


from .fees import fee_handle
from .modifiers import modifier_handle
from .mue import mue_handle
from .ptp import ptp_handle

__all__ = ["HANDLERS", "fee_handle", "modifier_handle", "mue_handle", "ptp_handle"]

# Most specific first: an MUE question names units, a PTP question two codes
# and a bundling word, a fee question a code and a payment word; a modifier
# question names no code at all.
HANDLERS: list = [mue_handle, ptp_handle, fee_handle, modifier_handle]
