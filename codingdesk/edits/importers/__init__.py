"""One module per official NCCI format, each with the same names:

- ``DATASETS``: the datasets it reads (``models.EditDataset`` values);
- ``find_sources(data_dir)``: groups of files in the data directory that make one release each,
  oldest first;
- ``dataset_of(paths)``: which dataset a group of files belongs to, from the file names;
- ``parse(paths)``: a ``base.ParsedEditRelease``, or ``base.ImportFileError``.
"""

from types import ModuleType

from . import mue, ptp

IMPORTERS: dict[str, ModuleType] = {dataset: module for module in (ptp, mue) for dataset in module.DATASETS}


def importer_for(dataset: str) -> ModuleType:
    try:
        return IMPORTERS[dataset]
    except KeyError:
        raise ValueError(f"no importer for {dataset!r}; choose one of {', '.join(IMPORTERS)}") from None
