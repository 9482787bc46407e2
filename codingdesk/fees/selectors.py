"""Reads for the fee schedule: releases in force on a date, RVU rows,
localities and their GPCIs, and the one query a fee lookup makes."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import Model, Q, QuerySet

from .models import FeeDataset, FeeRelease, Gpci, RelativeValue


def fee_release_list(*, dataset: str | None = None) -> QuerySet[FeeRelease]:
    releases = FeeRelease.objects.all()
    if dataset:
        releases = releases.filter(dataset=dataset)
    return releases.order_by("dataset", "-effective_from", "-imported_at")


def fee_release_in_force(*, dataset: str, on: datetime.date) -> FeeRelease | None:
    """The release of ``dataset`` whose dates cover ``on``."""
    return FeeRelease.objects.filter(_in_force(on), dataset=dataset).order_by("-effective_from", "-imported_at").first()


def _in_force(on: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}effective_from__lte": on}) & (
        Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gte": on})
    )


def code_in_rvu_file(*, code: str, on: datetime.date) -> bool:
    release = fee_release_in_force(dataset=FeeDataset.RVU, on=on)
    return release is not None and RelativeValue.objects.filter(release=release, code=code).exists()


def relative_value_get(*, release: FeeRelease, code: str, modifier: str = "") -> RelativeValue | None:
    return RelativeValue.objects.filter(release=release, code=code, modifier=modifier).first()


def relative_value_modifiers(*, release: FeeRelease, code: str) -> list[str]:
    """The modifiers ``code`` has rows for ("" for the global row)."""
    return list(
        RelativeValue.objects.filter(release=release, code=code).order_by("modifier").values_list("modifier", flat=True)
    )


def gpci_get(*, release: FeeRelease, mac: str, locality_number: str) -> Gpci | None:
    return Gpci.objects.filter(release=release, mac=mac, locality_number=locality_number).first()


def locality_list(*, on: datetime.date | None = None) -> tuple[FeeRelease | None, QuerySet[Gpci]]:
    """The localities of the GPCI release in force on ``on`` (for a picker:
    by state, then name). Without a date, the newest GPCI release."""
    if on is None:
        release = fee_release_list(dataset=FeeDataset.GPCI).first()
    else:
        release = fee_release_in_force(dataset=FeeDataset.GPCI, on=on)
    if release is None:
        return None, Gpci.objects.none()
    return release, Gpci.objects.filter(release=release).order_by("state", "locality_name", "mac", "locality_number")


# The fee lookup's query. Django's ORM spends about 1 ms building each query
# on the 2-core machine while the database answers in under 0.1 ms, and a
# lookup must take at most 5 ms (p99, bench/fees_lookup.py). So the lookup
# makes one hand-written join, and turns its row into model instances with
# Django's own converters, so dates, decimals, booleans and JSON read the
# same on SQLite and PostgreSQL as through the ORM.
_FEE_TABLES = (("rv", RelativeValue), ("rr", FeeRelease), ("g", Gpci), ("gr", FeeRelease))
_FEE_ROW_SQL = """
SELECT {columns}
FROM {relative_value} rv
JOIN {release} rr ON rr.id = rv.release_id
JOIN {release} gr ON gr.dataset = %s AND gr.effective_from <= %s AND (gr.effective_to IS NULL OR gr.effective_to >= %s)
JOIN {gpci} g ON g.release_id = gr.id AND g.mac = %s AND g.locality_number = %s
WHERE rr.dataset = %s AND rr.effective_from <= %s AND (rr.effective_to IS NULL OR rr.effective_to >= %s)
  AND rv.code = %s AND rv.modifier = %s
ORDER BY rr.effective_from DESC, gr.effective_from DESC
LIMIT 1
"""
_prepared: dict[str, tuple[str, list]] = {}


def fee_rows_in_force(
    *, code: str, modifier: str, mac: str, locality_number: str, on: datetime.date
) -> tuple[RelativeValue, Gpci] | None:
    """The RVU row and the locality's GPCIs in the releases in force on
    ``on``, each with its ``release``; None if either is missing (then the
    other selectors say which)."""
    sql, converters = _prepare()
    day = connection.ops.adapt_datefield_value(on)
    params = [FeeDataset.GPCI.value, day, day, mac, locality_number, FeeDataset.RVU.value, day, day, code, modifier]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        values = cursor.fetchone()
    if values is None:
        return None
    instances = []
    start = 0
    for (_, model), (attnames, field_converters) in zip(_FEE_TABLES, converters):
        row_values = list(values[start : start + len(attnames)])
        for index, (functions, column) in field_converters.items():
            for function in functions:
                row_values[index] = function(row_values[index], column, connection)
        instances.append(model.from_db(connection.alias, attnames, row_values))
        start += len(attnames)
    row, rvu_release, gpci, gpci_release = instances
    row.release, gpci.release = rvu_release, gpci_release
    return row, gpci


def _prepare() -> tuple[str, list]:
    """The SQL and, per table, its fields' names and converters: built once a database vendor."""
    if connection.vendor not in _prepared:
        quote = connection.ops.quote_name
        columns = ", ".join(
            f"{alias}.{quote(field.column)}" for alias, model in _FEE_TABLES for field in model._meta.concrete_fields
        )
        sql = _FEE_ROW_SQL.format(
            columns=columns,
            relative_value=quote(RelativeValue._meta.db_table),
            release=quote(FeeRelease._meta.db_table),
            gpci=quote(Gpci._meta.db_table),
        )
        _prepared[connection.vendor] = (sql, [_converters(model, alias) for alias, model in _FEE_TABLES])
    return _prepared[connection.vendor]


def _converters(model: type[Model], alias: str) -> tuple[list[str], dict[int, tuple[list, object]]]:
    fields = model._meta.concrete_fields
    converters = {}
    for index, field in enumerate(fields):
        column = field.get_col(alias)
        functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if functions:
            converters[index] = (functions, column)
    return [field.attname for field in fields], converters
