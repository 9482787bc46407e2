"""HCPCS titles name the item first ("Cane, includes canes ..."); a title
whose head the query names is the item itself, ranked above its parts and
accessories ("Replacement, tip, cane, ...") (search/_ranking.py)."""

from codingdesk.search._ranking import _head_named
from codingdesk.search._text import content_stems


def test_the_item_named_in_the_title_head_is_the_one_asked_for():
    wanted = content_stems("single point cane")
    assert _head_named("Cane, includes canes of all materials, adjustable or fixed, with tip", wanted)
    assert not _head_named("Replacement, tip, cane, crutch, walker, each", wanted)
    assert not _head_named("", wanted)
