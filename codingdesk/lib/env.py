"""Read configuration from environment variables.

Every setting can also be read from a file named by ``<NAME>_FILE`` so that
secrets can come from Docker or systemd credentials instead of the
environment itself.
"""

import os
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = env_str(name, "1" if default else "0").strip().lower()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ValueError(f"{name} must be one of {sorted(TRUE_WORDS | FALSE_WORDS)}, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = env_str(name, str(default)).strip()
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None


def env_limit(name: str, default: int | None) -> int | None:
    """A plan limit: a whole number, or "unlimited" (None)."""
    raw = env_str(name, "unlimited" if default is None else str(default)).strip().lower()
    if raw in ("unlimited", "none", ""):
        return None
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise ValueError(f"{name} must be a whole number or 'unlimited', not {raw!r}")
    return value


def plan_defaults_from_env(defaults: dict[str, dict[str, int | None]]) -> dict[str, dict[str, int | None]]:
    """Apply PLAN_<PLAN>_<LIMIT> overrides to the plan defaults."""
    return {
        plan: {limit: env_limit(f"PLAN_{plan}_{limit}".upper(), value) for limit, value in limits.items()}
        for plan, limits in defaults.items()
    }


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def read_or_create_secret_key(path: Path) -> str:
    if path.exists():
        return path.read_text().strip()
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key
