"""HTML mail bodies to plain text, without the quoted thread mail clients append."""

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    "address article aside blockquote center dd div dl dt figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody thead tfoot tr ul".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_INVISIBLE = frozenset({"script", "style", "head", "title", "template", "noscript"})
# Where webmail and desktop clients put the earlier thread and signatures.
_QUOTE_CLASSES = frozenset({"gmail_quote", "gmail_signature", "yahoo_quoted", "moz-cite-prefix", "moz-signature"})
# Outlook puts the "From: ... Sent: ..." block in this div and the old
# message after it as siblings, so everything from here on is quoted.
_OUTLOOK_REPLY_IDS = frozenset({"divrplyfwdmsg", "appendonsend"})


def html_to_text(html: str) -> str:
    converter = _TextCollector()
    converter.feed(html)
    converter.close()
    return converter.text()


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self._chunks: list[str] = []
        self._skipping: list[str] = []
        self._pre_depth = 0
        self._stopped = False

    def handle_starttag(self, tag, attrs):
        if self._stopped:
            return
        if self._skipping:
            if tag == self._skipping[0] and tag not in _VOID:
                self._skipping.append(tag)
            return
        attributes = {name: (value or "") for name, value in attrs}
        if attributes.get("id", "").lower() in _OUTLOOK_REPLY_IDS:
            self._stopped = True
        elif tag in _INVISIBLE or _is_quote(tag, attributes):
            if tag not in _VOID:
                self._skipping.append(tag)
        else:
            self._open(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self._stopped:
            return
        if self._skipping:
            if tag == self._skipping[0]:
                self._skipping.pop()
            return
        if tag == "pre":
            self._pre_depth = max(0, self._pre_depth - 1)
        # A list item ends where the next "- " starts; a newline here would
        # leave a blank line between items.
        if tag in _BLOCKS and tag != "li":
            self._chunks.append("\n\n" if tag in {"p", "table", "blockquote"} else "\n")

    def handle_data(self, data):
        if self._stopped or self._skipping:
            return
        self._chunks.append(data if self._pre_depth else re.sub(r"\s+", " ", data))

    def _open(self, tag):
        if tag == "br":
            self._chunks.append("\n")
        elif tag == "li":
            self._chunks.append("\n- ")
        elif tag in {"td", "th"}:
            self._chunks.append(" ")
        elif tag in _BLOCKS:
            self._chunks.append("\n\n" if tag == "p" else "\n")
        if tag == "pre":
            self._pre_depth += 1

    def text(self) -> str:
        lines = (line.strip(" ") for line in "".join(self._chunks).split("\n"))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _is_quote(tag: str, attributes: dict[str, str]) -> bool:
    classes = set(attributes.get("class", "").lower().split())
    if classes & _QUOTE_CLASSES:
        return True
    # Apple Mail and Thunderbird mark quoted replies this way.
    return tag == "blockquote" and attributes.get("type", "").lower() == "cite"
