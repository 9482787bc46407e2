"""Turning bytes into text when the declared charset cannot be trusted."""

import codecs

# Labels mail clients use that Python does not know, or that name a subset
# of what the sender really wrote (Windows clients label cp932 as Shift_JIS).
_ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "iso-8859-8-i": "iso-8859-8",
    "iso-2022-jp": "iso2022_jp_ext",
}
# Clients often label UTF-8 text as Latin-1 or ASCII; valid multi-byte UTF-8
# is very unlikely in genuine Latin-1 text, so we prefer UTF-8 when it decodes.
_OFTEN_MISLABELLED = frozenset({"us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252"})


def bytes_to_text(raw: bytes, declared: str | None) -> str:
    """Decode with the declared charset, then UTF-8, Windows-1252, Latin-1."""
    label = (declared or "").strip().strip('"').lower()
    candidates = ["utf-8"] if label in _OFTEN_MISLABELLED else []
    candidates += [_ALIASES.get(label, label), "utf-8", "windows-1252"]
    for charset in candidates:
        text = _try_decode(raw, charset)
        if text is not None:
            return text
    # Latin-1 maps every byte, so this cannot fail.
    return raw.decode("latin-1")


def _try_decode(raw: bytes, charset: str) -> str | None:
    if not charset:
        return None
    try:
        codecs.lookup(charset)
        return raw.decode(charset)
    except (LookupError, UnicodeError, ValueError):
        return None
