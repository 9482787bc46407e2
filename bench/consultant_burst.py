"""A burst of email questions through the consultant's real processes.

    .venv/bin/python bench/consultant_burst.py                  # 1,000 messages, 50 members, 2 workers
    .venv/bin/python bench/consultant_burst.py --crash one      # SIGKILL a worker at 30% of replies
    .venv/bin/python bench/consultant_burst.py --crash all --workers 2
    .venv/bin/python bench/consultant_burst.py --database-url postgres://postgres@127.0.0.1:5432/consultant_bench

In a fresh database (a temporary SQLite file, or the PostgreSQL database
given, which must have "bench" in its name and is dropped and created again),
it makes 50 Pro members with verified addresses, starts an outbound SMTP sink
in this process and `codingdesk mail-smtpd` plus N `codingdesk worker` as
subprocesses, then sends 1,000 questions over several SMTP connections at once.

It measures the send time, the time until every message is stored, the time
until every reply has reached the sink (the drain) and replies per second; it
checks that every message was stored once and answered exactly once (one reply
per question at the sink, no Message-ID twice) and that none was lost. With
--crash it kills workers with SIGKILL partway through the drain, starts
replacements, and reports how long the work they left behind took to recover.

CONSULTANT_STALE_SECONDS and CONSULTANT_RECOVER_SECONDS are 5 here (a site
uses 300 and 60), so recovery takes seconds rather than minutes. Metering is on,
as on a site: 20 questions a member is within the Pro plan's 100 a month.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
STALE_SECONDS = 5
PRO_CONSULTATIONS_PER_MONTH = 100


def main() -> int:
    args = parse_args()
    work_dir = Path(tempfile.mkdtemp(prefix="consultant-burst-"))
    url = args.database_url or f"sqlite:///{work_dir / 'db.sqlite3'}"
    if url.startswith("postgres"):
        postgres_recreate(url)
    setup_django(url, work_dir)
    members = members_create(args.members)

    from tests.consultant.processes import Consultant, TimedSink, consultant_env
    from tests.consultant.smtp import free_port

    sink = TimedSink().start()
    env = consultant_env(
        database_url=url,
        sink_port=sink.port,
        receiver_port=free_port(),
        var_dir=work_dir,
        stale_seconds=STALE_SECONDS,
        recover_seconds=STALE_SECONDS,
        metering=True,
    )
    consultant = Consultant(env, work_dir / "logs")
    try:
        consultant.start(workers=args.workers)
        results = run_burst(args, consultant, sink, members)
    finally:
        consultant.stop_all()
        sink.stop()
    print_results(args, url, results)
    print(f"Logs: {work_dir / 'logs'}")
    return 0 if results["ok"] else 1


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8, help="SMTP client connections sending at once")
    parser.add_argument("--crash", choices=["one", "all"], help="SIGKILL one worker or all of them partway")
    parser.add_argument("--crash-at", type=float, default=0.3, help="fraction of replies at the sink before the crash")
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for the drain")
    parser.add_argument("--database-url", help="postgres://.../<name with 'bench'>; default: a temporary SQLite file")
    args = parser.parse_args()
    if args.messages / args.members > PRO_CONSULTATIONS_PER_MONTH:
        parser.error(f"at most {PRO_CONSULTATIONS_PER_MONTH} messages a member, or the rest are over quota")
    if args.database_url and "bench" not in urlparse(args.database_url).path:
        parser.error("the database name must contain 'bench': it is dropped and created again")
    return args


def postgres_recreate(url: str) -> None:
    """Drop and create the bench database, connected to the server's 'postgres' database."""
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin_url = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str, work_dir: Path) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=url,
        CODINGDESK_VAR_DIR=str(work_dir),
        SEARCH_INDEX_DIR=str(work_dir / "search"),
        METERING_ENABLED="true",
    )
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    # aiosmtpd logs every SMTP command of the sink at INFO.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def members_create(count: int) -> list[str]:
    from codingdesk.accounts.services import user_create_or_update

    emails = [f"bench-member-{number:02d}@example.com" for number in range(count)]
    for email in emails:
        user_create_or_update(email=email, plan="pro", verified=True)
    return emails


def run_burst(args, consultant, sink, members) -> dict:
    from tests.consultant.processes import burst_questions, send_burst, wait_until

    questions = burst_questions(members, args.messages)
    started = time.time()
    send_burst(consultant.receiver_port, questions, connections=args.connections)
    sent = time.time()
    crash = None
    if args.crash:
        threshold = int(args.messages * args.crash_at)
        if not wait_until(lambda: len(sink.messages) >= threshold, timeout=args.timeout):
            raise SystemExit(f"Only {len(sink.messages)} replies within {args.timeout} s:\n{consultant.log_tail()}")
        crash = crash_workers(consultant, sink, everyone=args.crash == "all")
    drained = wait_until(lambda: drain_done(args.messages), timeout=args.timeout, poll=0.2)
    time.sleep(1)  # a late duplicate would arrive now
    return measure(questions, sink, started=started, sent=sent, drained=drained, crash=crash)


def crash_workers(consultant, sink, *, everyone: bool) -> dict:
    """SIGKILL workers and start as many new ones; note the tasks they held."""
    from django_tasks_db.models import DBTaskResult

    victims = list(consultant.workers) if everyone else consultant.workers[:1]
    at = time.time()
    replies_at_sink = len(sink.messages)
    for worker in victims:
        consultant.crash_worker(worker)
    # A survivor's running task finishes and leaves this set; a victim's stays "running" for ever.
    running = set(DBTaskResult.objects.filter(status="RUNNING").values_list("pk", flat=True))
    for _ in victims:
        consultant.start_worker()
    return {"at": at, "killed": len(victims), "replies_at_sink": replies_at_sink, "running_at_kill": running}


def drain_done(expected: int) -> bool:
    from codingdesk.consultant.models import InboundMessage, InboundStatus, Reply, ReplyStatus

    answered = InboundMessage.objects.exclude(status=InboundStatus.RECEIVED).count()
    return answered >= expected and not Reply.objects.exclude(status=ReplyStatus.SENT).exists()


def measure(questions, sink, *, started, sent, drained, crash) -> dict:
    from django.db.models import Max
    from django_tasks_db.models import DBTaskResult

    from codingdesk.consultant.models import InboundMessage, InboundStatus, Reply, ReplyStatus
    from tests.consultant.processes import sink_check

    arrivals = sink.arrivals()
    check = sink_check([message for _, message in arrivals], questions)
    stored = InboundMessage.objects.aggregate(last=Max("received_at"))["last"]
    last_arrival = max((at for at, _ in arrivals), default=started)
    stored_rows = InboundMessage.objects.count()
    results = {
        "messages": len(questions),
        "send_seconds": sent - started,
        "stored_seconds": stored.timestamp() - started if stored else None,
        "drain_seconds": last_arrival - started,
        "drained": drained,
        "stored_rows": stored_rows,
        "answered": InboundMessage.objects.filter(status=InboundStatus.ANSWERED).count(),
        "reply_rows": Reply.objects.count(),
        "replies_sent": Reply.objects.filter(status=ReplyStatus.SENT).count(),
        "check": check,
        "task_rows": DBTaskResult.objects.count(),
        "window": unmarked_window(sink),
        "crash": crash_recovery(crash) if crash else None,
    }
    results["ok"] = (
        drained
        and stored_rows == len(questions)
        and results["answered"] == results["reply_rows"] == results["replies_sent"] == len(questions)
        and check.answered_once
        # A kill between the server's acceptance and the "sent" mark redelivers that reply.
        and check.redelivered <= (crash["killed"] if crash else 0)
    )
    return results


def unmarked_window(sink) -> dict:
    """How long each reply sat accepted by the sink but not yet marked sent
    (our 250 to the client's QUIT): a worker killed then sends it twice."""
    with sink.handler.lock:
        gaps = sorted(sink.handler.unmarked_gaps)
    if not gaps:
        return {}
    return {
        "median_ms": statistics.median(gaps) * 1000,
        "p99_ms": gaps[int(len(gaps) * 0.99)] * 1000,
        "max_ms": gaps[-1] * 1000,
    }


def crash_recovery(crash: dict) -> dict:
    """The killed workers' tasks (left "running" for ever), and when the work
    they held was done. A task killed after its reply was marked sent left
    nothing to recover; the others wait for CONSULTANT_STALE_SECONDS and the
    next recovery run."""
    from django_tasks_db.models import DBTaskResult

    from codingdesk.consultant.models import Reply

    orphans = DBTaskResult.objects.filter(pk__in=crash["running_at_kill"], status="RUNNING")
    described, recovered_at, unrecovered = [], [], 0
    for task_path, args_kwargs in orphans.values_list("task_path", "args_kwargs"):
        task = task_path.rsplit(".", 1)[1]
        if task not in ("reply_send_task", "inbound_message_process_task"):
            described.append(f"{task}: runs again on schedule")
            continue
        item_id = args_kwargs["args"][0]
        reply = Reply.objects.filter(**({"pk": item_id} if task == "reply_send_task" else {"inbound_id": item_id}))
        sent_at = reply.values_list("sent_at", flat=True).first()
        if sent_at is None:
            unrecovered += 1
            described.append(f"{task}({item_id}): never done")
        elif sent_at.timestamp() <= crash["at"]:
            described.append(f"{task}({item_id}): done before the kill")
        else:
            recovered_at.append(sent_at.timestamp())
            described.append(f"{task}({item_id}): done after the kill")
    return {
        "killed": crash["killed"],
        "replies_at_sink": crash["replies_at_sink"],
        "orphaned": described,
        "unrecovered": unrecovered,
        "recovery_seconds": max(recovered_at) - crash["at"] if recovered_at else None,
    }


def print_results(args, url, results) -> None:
    check = results["check"]
    database = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    rows = [
        ("database", database),
        ("messages / members / workers / connections",
         f"{results['messages']} / {args.members} / {args.workers} / {args.connections}"),
        ("send time (client)", seconds(results["send_seconds"])),
        ("all stored after", seconds(results["stored_seconds"])),
        ("drain (last reply at the sink)", seconds(results["drain_seconds"])),
        ("replies per second", f"{results['messages'] / results['drain_seconds']:.1f}"),
        ("stored rows", results["stored_rows"]),
        ("answered / reply rows / sent",
         f"{results['answered']} / {results['reply_rows']} / {results['replies_sent']}"),
        ("delivered at the sink", check.delivered),
        ("questions answered twice (two different replies)", check.questions_answered_twice),
        ("replies delivered again (same Message-ID)", check.redelivered),
        ("questions unanswered (lost)", check.questions_unanswered),
        ("task rows (2 per message without recovery)", results["task_rows"]),
        ("250 to QUIT (sent-mark window) median/p99/max",
         "{median_ms:.1f} / {p99_ms:.1f} / {max_ms:.1f} ms".format(**results["window"]) if results["window"] else "-"),
    ]
    if crash := results["crash"]:
        rows += [
            ("workers killed (SIGKILL)", f"{crash['killed']}, with {crash['replies_at_sink']} replies at the sink"),
            ("tasks the kill left running", "; ".join(crash["orphaned"]) or "none (killed between tasks)"),
            ("kill to the last such reply sent", seconds(crash["recovery_seconds"])),
            ("orphaned work never recovered", crash["unrecovered"]),
        ]
    verdict = "ok" if results["ok"] else "FAILED" + ("" if results["drained"] else " (drain timed out)")
    rows.append(("RESULT", verdict))
    width = max(len(label) for label, _ in rows)
    print(f"\nConsultant burst (CONSULTANT_STALE_SECONDS={STALE_SECONDS}, CONSULTANT_RECOVER_SECONDS={STALE_SECONDS})")
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} s"


if __name__ == "__main__":
    sys.exit(main())
