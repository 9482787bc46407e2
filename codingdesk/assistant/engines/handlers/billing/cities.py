"""The state of a city a fee question names when the GPCI file does not name
it: the file's localities are metro areas, counties and "rest of" a state
(Colorado is one statewide locality), so "99213 in Denver" names no locality
by its words. The city gives the state, whose localities the answer prices
(one) or lists (several)."""

from __future__ import annotations

import functools
from pathlib import Path

CITIES = Path(__file__).resolve().parents[3] / "knowledge" / "cities.tsv"


@functools.cache
def _city_states() -> dict[str, str]:
    rows = {}
    for line in CITIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            city, state = line.split("\t")
            rows[city.strip().lower()] = state.strip().upper()
    return rows


def states_of_cities(lowered: str) -> set[str]:
    """The states of the cities named in ``lowered`` (words padded with spaces)."""
    return {state for city, state in _city_states().items() if f" {city} " in lowered}
