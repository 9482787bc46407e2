"""CPT data files for tests, written on the fly in the AMA layouts.

Every descriptor here is invented and says so ("TEST ONLY FICTIONAL ..."):
real CPT descriptors are the AMA's licensed content and never enter the
repository. Code numbers alone are public (CMS files print them).
"""

from pathlib import Path

from codingdesk.codesets.models import Release
from codingdesk.codesets.services import code_release_import

# code: (long, medium, short), in no particular order.
DESCRIPTORS = {
    "10002": (
        "TEST ONLY FICTIONAL PROCEDURE BRAVO, INVENTED LONG DESCRIPTOR",
        "TEST ONLY FICTIONAL PROC BRAVO MEDIUM",
        "TEST FICT PROC BRAVO",
    ),
    "10001": (
        "TEST ONLY FICTIONAL PROCEDURE ALPHA, INVENTED LONG DESCRIPTOR",
        "TEST ONLY FICTIONAL PROC ALPHA MEDIUM",
        "TEST FICT PROC ALPHA",
    ),
    "0999T": (
        "TEST ONLY FICTIONAL EMERGING TECHNOLOGY CHARLIE",
        "TEST ONLY FICTIONAL EMERGING TECH CHARLIE",
        "TEST FICT TECH CHARLIE",
    ),
    "1234F": ("TEST ONLY FICTIONAL QUALITY MEASURE DELTA", "TEST ONLY FICT MEASURE DELTA", "TEST FICT MEASURE DELTA"),
    "0999U": ("TEST ONLY FICTIONAL LAB ANALYSIS ECHO", "TEST ONLY FICT LAB ECHO", "TEST FICT LAB ECHO"),
    "0999M": ("TEST ONLY FICTIONAL ALGORITHM FOXTROT", "TEST ONLY FICT ALGORITHM FOXTROT", "TEST FICT ALG FOXTROT"),
}
FILE_NAMES = ("LONGULT.txt", "MEDU.txt", "SHORTU.txt")


def every_descriptor() -> list[str]:
    return [text for texts in DESCRIPTORS.values() for text in texts]


def write_data_files(
    folder: Path, descriptors: dict = DESCRIPTORS, *, names=FILE_NAMES, encoding="utf-8", newline="\n"
) -> Path:
    """LONGULT.txt, MEDU.txt and SHORTU.txt (those in ``names``) in ``folder``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for position, name in enumerate(FILE_NAMES):
        if name in names:
            lines = [f"{code}\t{texts[position]}" for code, texts in descriptors.items()]
            write_lines(folder / name, lines, encoding=encoding, newline=newline)
    return folder


def write_lines(path: Path, lines: list[str], *, encoding="utf-8", newline="\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("".join(line + newline for line in lines).encode(encoding))
    return path


def write_csv(path: Path, descriptors: dict = DESCRIPTORS, *, header: str = "code,long,medium,short") -> Path:
    rows = [header] + [",".join(f'"{cell}"' for cell in (code, *texts)) for code, texts in descriptors.items()]
    return write_lines(path, rows, newline="\r\n")


def import_cpt(folder: Path, descriptors: dict = DESCRIPTORS) -> Release:
    """A CPT release through the import service: CPT<year> names it."""
    files = write_data_files(folder, descriptors)
    (outcome,) = code_release_import(system="cpt", paths=sorted(files.iterdir()))
    return outcome.release
