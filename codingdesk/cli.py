"""The ``codingdesk`` console script: friendly names for the management commands.

    codingdesk import <system> <file-or-dir>   -> manage.py codeset_import
    codingdesk import --all                    -> manage.py codeset_import --all
    codingdesk releases [--json]               -> manage.py codeset_releases
    codingdesk search [--json] QUERY           -> manage.py search_codes
    codingdesk search-index [--if-needed]      -> manage.py search_index
    codingdesk data fetch [--only ...]         -> manage.py data_fetch
    codingdesk metering-prune                  -> manage.py metering_prune
    codingdesk user add EMAIL [options]        -> manage.py user_add
    codingdesk apikey create EMAIL [--name N]  -> manage.py apikey_create
    codingdesk apikey revoke KEY_ID            -> manage.py apikey_revoke
    codingdesk jobs approve ID                 -> manage.py jobs_approve
    codingdesk mail-smtpd [--host H --port P]  -> manage.py mail_smtpd
    codingdesk mail-fetch [--once]             -> manage.py mail_fetch
    codingdesk worker                          -> background tasks and periodic ones
    codingdesk serve                           -> gunicorn on $HOST:$PORT
    codingdesk run                             -> serve + worker + mail-smtpd, stopped together
    codingdesk <any manage.py command> ...
"""

import os
import sys

ALIASES = {
    "import": "codeset_import",
    "releases": "codeset_releases",
    "search": "search_codes",
    "search-index": "search_index",
    "metering-prune": "metering_prune",
    "mail-smtpd": "mail_smtpd",
    "mail-fetch": "mail_fetch",
}
# Two-word commands: "codingdesk user add" runs user_add.
SUBCOMMANDS = {
    ("user", "add"): "user_add",
    ("apikey", "create"): "apikey_create",
    ("apikey", "revoke"): "apikey_revoke",
    ("data", "fetch"): "data_fetch",
    ("jobs", "approve"): "jobs_approve",
}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if argv[:1] == ["serve"]:
        serve(argv[1:])
        return
    if argv[:1] == ["run"]:
        run_all()
        return
    if tuple(argv[:2]) in SUBCOMMANDS:
        argv[:2] = [SUBCOMMANDS[tuple(argv[:2])]]
    elif argv:
        argv[0] = ALIASES.get(argv[0], argv[0])
    from django.core.management import execute_from_command_line

    execute_from_command_line(["codingdesk", *argv])


def serve(extra_args: list[str]) -> None:
    """Run gunicorn, the production server; whitenoise serves the static files."""
    bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
    workers = os.environ.get("WEB_WORKERS", "2")
    os.execvp(
        sys.executable,
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", bind, "--workers", workers, *extra_args],
    )


def run_all() -> None:
    """The whole product on one machine: the web server, one task worker and
    the SMTP receiver. If any of them stops, the others are stopped too."""
    import signal
    import subprocess
    import time

    command = [sys.executable, "-m", "codingdesk.cli"]
    processes = [
        subprocess.Popen([*command, "worker"]),
        subprocess.Popen([*command, "mail-smtpd"]),
        subprocess.Popen([*command, "serve"]),
    ]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(1)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
