"""The OpenAPI schema against its committed snapshot, so that every change
to the API shows up in review as a change to tests/snapshots/openapi.json.

After an intended change, rewrite the snapshot and commit it:
    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_openapi_schema.py
"""

import difflib
import json
import os
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"
MAX_DIFF_LINES = 80


def schema_text(client) -> str:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    # Sorted keys, so the snapshot's diff shows what changed, not the order.
    return json.dumps(response.json(), indent=2, sort_keys=True) + "\n"


def test_the_openapi_schema_matches_its_snapshot(client):
    current = schema_text(client)
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(current)
        return
    if not SNAPSHOT.exists():
        pytest.fail(f"{SNAPSHOT} is missing. Write it with UPDATE_SNAPSHOTS=1 and commit it.")
    committed = SNAPSHOT.read_text()
    if current != committed:
        diff = list(
            difflib.unified_diff(committed.splitlines(), current.splitlines(), "snapshot", "current", lineterm="")
        )
        shown = "\n".join(diff[:MAX_DIFF_LINES]) + ("\n..." if len(diff) > MAX_DIFF_LINES else "")
        pytest.fail(
            "The API's OpenAPI schema differs from tests/snapshots/openapi.json.\n"
            "If the change is intended, run UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_openapi_schema.py "
            f"and commit the snapshot.\n\n{shown}",
            pytrace=False,
        )


def test_the_schema_lists_every_v1_endpoint(client):
    paths = set(json.loads(schema_text(client))["paths"])
    assert paths == {
        "/api/v1/systems",
        "/api/v1/systems/{system}/releases",
        "/api/v1/systems/{system}/diff",
        "/api/v1/codes/{system}/{code}",
        "/api/v1/search",
        "/api/v1/edits/ptp",
        "/api/v1/edits/mue",
        "/api/v1/fees",
        "/api/v1/fees/localities",
        "/api/v1/assistant/ask",
        "/api/v1/assistant/ask/stream",
        "/api/v1/claims/scrub",
        "/api/v1/jobs",
        "/api/v1/jobs/{job_id}",
    }


def test_the_docs_page_is_served(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"/api/openapi.json" in response.content
