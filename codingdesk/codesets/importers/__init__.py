"""One module per official format, each with the same three names:

- ``SYSTEMS``: the code systems it fills (HCPCS fills two: procedures and modifiers);
- ``find_sources(data_dir)``: groups of files in the data directory that make one release each;
- ``parse(paths)``: the parsed releases (``base.ParsedRelease``), or ``base.ImportFileError``.
"""

from types import ModuleType

from . import cpt, hcpcs, icd10cm, icd10pcs

IMPORTERS: dict[str, ModuleType] = {
    "icd10cm": icd10cm,
    "icd10pcs": icd10pcs,
    "hcpcs": hcpcs,
    "hcpcs_modifier": hcpcs,
    "cpt": cpt,
}


def importer_for(system: str) -> ModuleType:
    try:
        return IMPORTERS[system]
    except KeyError:
        raise ValueError(f"no importer for {system!r}; choose one of {', '.join(IMPORTERS)}") from None
