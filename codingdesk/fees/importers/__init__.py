"""One module per official format, each with the same three names:

- ``DATASET``: the dataset it fills (``rvu`` or ``gpci``, models.FeeDataset);
- ``find_sources(data_dir)``: groups of files in the data directory that make one release each, oldest first;
- ``parse(paths)``: the parsed release (``base.ParsedFeeRelease``), or ``base.ImportFileError``.
"""

from types import ModuleType

from . import gpci, pprrvu

IMPORTERS: dict[str, ModuleType] = {
    pprrvu.DATASET: pprrvu,
    gpci.DATASET: gpci,
}


def importer_for(dataset: str) -> ModuleType:
    try:
        return IMPORTERS[dataset]
    except KeyError:
        raise ValueError(f"no fee-schedule importer for {dataset!r}; choose one of {', '.join(IMPORTERS)}") from None
