"""Builds and opens the on-disk tantivy index of every imported release.

Each app node builds its own copy from the database into
``<SEARCH_INDEX_DIR>/v<schema>/<fingerprint>/`` and then points
``CURRENT`` at it, so readers never see a half-written index and a node
needs no search cluster. The fingerprint names the releases indexed: when it
differs from the database's, the index is out of date.

CPT releases are indexed only on a site licensed to show their descriptors
(codesets/cpt.py), so the licence is part of the fingerprint: turning
CPT_LICENSED on or off makes ``search-index --if-needed`` rebuild.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import tantivy
from django.conf import settings

from ._schema import SCHEMA_VERSION, build_schema
from ._text import content_stems, detail_stems, words

# Models are imported inside functions: this package is imported while
# Django is still loading apps (it is an installed app itself).
TERM_NOTE_KINDS = ("inclusion_term", "includes")
WRITER_HEAP_BYTES = 256 * 1024 * 1024


def index_root() -> Path:
    return Path(settings.SEARCH_INDEX_DIR) / f"v{SCHEMA_VERSION}"


def database_fingerprint() -> str:
    from codingdesk.codesets.cpt import cpt_licensed
    from codingdesk.codesets.models import Release

    releases = Release.objects.order_by("id").values_list("id", "checksum")
    indexed = ";".join(f"{pk}:{checksum}" for pk, checksum in releases) + (";cpt-licensed" if cpt_licensed() else "")
    return hashlib.sha256(indexed.encode()).hexdigest()[:16]


def current_fingerprint() -> str:
    pointer = index_root() / "CURRENT"
    return pointer.read_text().strip() if pointer.exists() else ""


def build(on_progress=None) -> int:
    """Write a complete new index, then switch CURRENT to it. Returns the document count."""
    fingerprint = database_fingerprint()
    folder = index_root() / fingerprint
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    index = tantivy.Index(build_schema(), path=str(folder))
    writer = index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=2)
    from codingdesk.codesets.cpt import cpt_licensed
    from codingdesk.codesets.models import CodeSystem, Release

    word_counts: Counter[str] = Counter()
    count = 0
    releases = Release.objects.order_by("id")
    # Unlicensed CPT stays out of the documents and out of the spelling
    # vocabulary, which would otherwise offer its descriptors' words.
    if not cpt_licensed():
        releases = releases.exclude(system=CodeSystem.CPT)
    for release in releases:
        for document, text in _documents(release):
            writer.add_document(document)
            word_counts.update(words(text))
            count += 1
            if on_progress and count % 10_000 == 0:
                on_progress(count)
    writer.commit()
    writer.wait_merging_threads()
    (folder / "words.json").write_text(json.dumps(word_counts))
    _point_current_at(fingerprint)
    return count


def _point_current_at(fingerprint: str) -> None:
    root = index_root()
    temporary = root / "CURRENT.tmp"
    temporary.write_text(fingerprint)
    os.replace(temporary, root / "CURRENT")
    for folder in root.iterdir():
        if folder.is_dir() and folder.name != fingerprint:
            shutil.rmtree(folder, ignore_errors=True)


def _documents(release):
    from codingdesk.codesets.models import Note

    terms_by_code: dict[int, list[str]] = {}
    for code_id, text in Note.objects.filter(code__release=release, kind__in=TERM_NOTE_KINDS).values_list(
        "code_id", "text"
    ):
        terms_by_code.setdefault(code_id, []).append(text)
    codes = list(
        release.codes.order_by("sort_order").values_list(
            "id", "code", "normalized", "long_title", "billable", "sort_order", "parent_normalized", "details"
        )
    )
    by_normalized = {row[2]: row for row in codes}
    for code_id, code, normalized, title, billable, sort_order, parent, details in codes:
        parent_row = by_normalized.get(parent)
        terms = terms_by_code.get(code_id, [])
        seventh = (details or {}).get("seventh_character", "")
        if seventh and parent_row:  # S13.4XXA is found by what S13.4 includes ("whiplash")
            terms = terms + terms_by_code.get(parent_row[0], [])
        context = _ancestor_titles(parent_row, by_normalized)
        document = tantivy.Document(
            code_id=code_id,
            release_id=release.id,
            system=release.system,
            code=code,
            billable=int(billable),
            sort_order=sort_order,
            seventh=seventh,
            title=title,
            terms=" ; ".join(terms),
            context=context,
            title_stems=_joined(content_stems(title)),
            terms_stems=_joined(content_stems(" ".join(terms))),
            # A 7th character's words are weighed by the encounter rule, not as detail.
            detail_stems=_joined(detail_stems(parent_row[3] if seventh and parent_row else title)),
        )
        yield document, f"{title} {' '.join(terms)}"


def _joined(stems: set[str]) -> str:
    return " ".join(sorted(stems))


def _ancestor_titles(parent_row, by_normalized, levels: int = 2) -> str:
    titles = []
    while parent_row and len(titles) < levels:
        titles.append(parent_row[3])
        parent_row = by_normalized.get(parent_row[6])
    return " ; ".join(titles)


@dataclass
class OpenIndex:
    fingerprint: str
    index: tantivy.Index
    word_counts: dict[str, int]


def open_current() -> OpenIndex | None:
    fingerprint = current_fingerprint()
    folder = index_root() / fingerprint
    if not fingerprint or not folder.is_dir():
        return None
    index = tantivy.Index.open(str(folder))
    word_counts = json.loads((folder / "words.json").read_text())
    return OpenIndex(fingerprint=fingerprint, index=index, word_counts=word_counts)
