"""Our fixture files are small files we wrote in the official layouts, kept
under names of our own so they are never mistaken for (or committed as) the
official releases. Importers read a release's date from its official file
name, so tests read a copy staged under that name."""

import shutil
import tempfile
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def staged(official_names: dict[str, str]) -> dict[str, Path]:
    """{fixture path under fixtures/: official name} -> {official name: staged copy}, all in one folder."""
    folder = Path(tempfile.mkdtemp(prefix="codingdesk-fixture-"))
    return {name: Path(shutil.copy(FIXTURES / source, folder / name)) for source, name in official_names.items()}
