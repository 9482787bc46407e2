"""``<list field>__has=value``: a JSON list field holds this string.

Django's own ``contains`` on a JSONField is not supported on SQLite, and
``has_key`` means a key on SQLite but an element on PostgreSQL. Job postings
keep credentials, specialties and remote states as short JSON lists, and the
job search filters on them on both databases.
"""

from django.db.models import JSONField, Lookup


@JSONField.register_lookup
class JSONListHas(Lookup):
    lookup_name = "has"
    prepare_rhs = False

    def process_rhs(self, compiler, connection):
        return "%s", [str(self.rhs)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        sql = f"EXISTS (SELECT 1 FROM json_each({lhs}) AS item WHERE item.value = {rhs})"
        return sql, [*lhs_params, *rhs_params]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"({lhs} @> jsonb_build_array({rhs}::text))", [*lhs_params, *rhs_params]
