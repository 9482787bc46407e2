"""One module per official format; today only the MCD download's index of
LCDs and articles (``coverage_index``), with ``find_sources(data_dir)`` and
``parse(paths)`` like the other apps' importers."""
