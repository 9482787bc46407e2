"""Code spelling rules shared by importers, pages, search and the API."""

import re

# Codes, code ranges (A00-A09) and chapter numbers; nothing else reaches the database.
CODE_SHAPE = re.compile(r"^[A-Z0-9]{1,7}(-[A-Z0-9]{1,7})?$")
MAX_CODE_LENGTH = 16


def normalize_code(text: str) -> str:
    """'e11.9 ' -> 'E119'. The dot and case carry no meaning in any code set."""
    return text.strip().replace(".", "").upper()


def is_code_shaped(normalized: str) -> bool:
    return len(normalized) <= MAX_CODE_LENGTH and bool(CODE_SHAPE.match(normalized))


def icd10cm_printed(normalized: str) -> str:
    """ICD-10-CM prints a dot after the category: S52531A -> S52.531A."""
    if len(normalized) <= 3 or "-" in normalized:
        return normalized
    return f"{normalized[:3]}.{normalized[3:]}"
