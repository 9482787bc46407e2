"""Our fixture files are small files we wrote in the official CMS layouts,
with invented descriptors (never AMA text), kept under names of our own so
they are never mistaken for the official releases. Importers read a
release's year from its official file name, so tests read copies written
under that name; these helpers also write the broken variants."""

import csv
import io
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
# 12 rows: 99213, 99223 (NA outside a facility), 71046 with 26 and TC,
# 27447 (90-day global), 45378 and 45378-53, and status B, X, C and R rows.
# Title, two notice lines, a blank line, then the header split over 5 rows.
PPRRVU = FIXTURES / "pprrvu_january_2026.csv"
PPRRVU_NAME = "PPRRVU26_JAN.csv"
# 6 localities (ALABAMA, ALASKA*, BAKERSFIELD, "HAWAII, GUAM", MONTANA**,
# MANHATTAN) with their 2026 values, and the notes of the official file.
GPCI = FIXTURES / "gpci_2026.csv"
GPCI_NAME = "GPCI2026.csv"
# Line numbers in the PPRRVU fixture.
PPRRVU_HCPCS_LINE = 9
PPRRVU_FIRST_ROW_LINE = 10


def pprrvu_text() -> str:
    return PPRRVU.read_bytes().decode()


def gpci_text() -> str:
    return GPCI.read_bytes().decode()


def write_text(folder: Path, text: str, name: str) -> Path:
    path = folder / name
    path.write_bytes(text.encode())
    return path


def write_pprrvu(folder: Path, text: str | None = None, name: str = PPRRVU_NAME) -> Path:
    return write_text(folder, pprrvu_text() if text is None else text, name)


def write_gpci(folder: Path, text: str | None = None, name: str = GPCI_NAME) -> Path:
    return write_text(folder, gpci_text() if text is None else text, name)


def read_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def rows_text(rows: list[list[str]], line_end: str = "\r\n") -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=line_end).writerows(rows)
    return out.getvalue()


def with_columns(text: str, order: list[int]) -> str:
    """The file with its columns in ``order`` (cell indexes), in every row."""
    return rows_text([[row[index] if index < len(row) else "" for index in order] for row in read_rows(text)])


def set_cell(text: str, line: int, column: int, value: str) -> str:
    rows = read_rows(text)
    rows[line - 1][column] = value
    return rows_text(rows)
