"""The tantivy schema. Bump SCHEMA_VERSION whenever a field changes: nodes
then build a fresh index in a new folder on their next start."""

import tantivy

SCHEMA_VERSION = 5


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("code_id", stored=True, indexed=False)
    builder.add_integer_field("release_id", stored=True, indexed=True, fast=True)
    builder.add_text_field("system", stored=True, tokenizer_name="raw")
    builder.add_text_field("code", stored=True, tokenizer_name="raw")
    builder.add_integer_field("billable", stored=True, indexed=True)
    builder.add_integer_field("sort_order", stored=True)
    builder.add_text_field("seventh", stored=True, tokenizer_name="raw")
    # Searched text: the official title, the terms written under the code
    # (inclusion terms, "includes" notes) and its ancestors' titles.
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("terms", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("context", stored=False, tokenizer_name="en_stem")
    # Word stems computed once at build time, so ranking a candidate costs a
    # split, not a stemmer run: the title's and terms' content words, and the
    # detail words of the title (of the completed code's title for a 7th character).
    for name in ("title_stems", "terms_stems", "detail_stems"):
        builder.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    return builder.build()
