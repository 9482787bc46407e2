from ninja import Schema


class SearchResultOut(Schema):
    code: str
    system: str
    title: str
    billable: bool
    score: float
    matched: list[str]


class SearchOut(Schema):
    query: str
    results: list[SearchResultOut]
