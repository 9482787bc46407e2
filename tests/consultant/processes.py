"""The consultant as it runs on a site, for the crash tests and
bench/consultant_burst.py: `codingdesk mail-smtpd` and `codingdesk worker` as
real subprocesses on a given database, a burst of questions sent over several
SMTP connections at once, and the checks that every question was answered
exactly once.

The subprocesses get their whole configuration from the environment, as a
site's processes do; their output goes to log files, so a full pipe can never
stall them.
"""

from __future__ import annotations

import os
import signal
import smtplib
import socket
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from aiosmtpd.controller import Controller

from tests.consultant.mail import ASK, question_mail
from tests.consultant.smtp import SinkHandler, SmtpSink

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "codingdesk.cli"]

# Realistic questions from coders; the grounded engine answers each without
# code data loaded (a code lookup then says the code isn't loaded).
QUESTIONS = [
    ("Sepsis sequencing", "How do I sequence sepsis with septic shock?"),
    ("Modifier 25", "When can I append modifier 25 to an E/M visit on the same day as a minor procedure?"),
    ("E11.9", "What is E11.9?"),
    ("Modifier 59 vs XS", "Should I use modifier 59 or XS for a separate lesion excised through a separate incision?"),
    ("Hypertension and CKD", "How do I code hypertension with chronic kidney disease stage 3?"),
    ("Principal diagnosis", "What is the principal diagnosis when two conditions equally meet the definition?"),
    ("Uncertain diagnosis", "Can I code a 'probable' pneumonia on an outpatient claim?"),
    ("Modifier 50", "How do I report a bilateral procedure with modifier 50?"),
    ("I10", "what is I10"),
    ("Z79.4", "Is Z79.4 coded for a type 2 diabetic on insulin?"),
    ("Pressure ulcer", "How do I code a stage 3 pressure ulcer of the sacrum present on admission?"),
    ("Modifier 26", "What does modifier 26 mean for a radiology read?"),
    ("COVID-19", "How do I sequence COVID-19 with acute respiratory failure?"),
    ("Sequelae", "How are late effects of a stroke coded?"),
    ("J44.1", "What is J44.1 and when is it used?"),
    ("Modifier 76", "Repeat procedure by the same physician: which modifier?"),
]


@dataclass(frozen=True)
class Question:
    sender: str
    message_id: str
    raw: bytes


class TimedSinkHandler(SinkHandler):
    def __init__(self):
        super().__init__()
        self.arrivals: list[float] = []  # time.time() of each message, in the order of .messages
        # Per session, from our 250 for the message to the client's QUIT. The
        # consultant marks a reply sent between the two, so a worker killed in
        # this gap has delivered a reply that recovery will send again.
        self.unmarked_gaps: list[float] = []

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        with self.lock:
            self.arrivals.append(time.time())
        session.accepted_at = time.time()
        return answer

    async def handle_QUIT(self, server, session, envelope):
        if accepted_at := getattr(session, "accepted_at", None):
            with self.lock:
                self.unmarked_gaps.append(time.time() - accepted_at)
        return "221 Bye"


class TimedSink(SmtpSink):
    """The test sink, also noting when each message arrived (for the bench)."""

    def __init__(self):
        super().__init__()
        self.handler = TimedSinkHandler()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, decode_data=False)

    def arrivals(self) -> list[tuple[float, object]]:
        with self.handler.lock:
            return list(zip(self.handler.arrivals, self.handler.messages))


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for the database Django is connected to (for a test run: the test database)."""
    engine = settings_dict["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(settings_dict['NAME']).resolve()}"
    if engine == "django.db.backends.postgresql":
        user = quote(settings_dict.get("USER") or "", safe="")
        password = quote(settings_dict.get("PASSWORD") or "", safe="")
        credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = settings_dict.get("HOST") or "127.0.0.1"
        port = settings_dict.get("PORT") or "5432"
        return f"postgres://{credentials}{host}:{port}/{quote(settings_dict['NAME'], safe='')}"
    raise ValueError(f"No DATABASE_URL form for {engine}")


def consultant_env(
    *,
    database_url: str,
    sink_port: int,
    receiver_port: int,
    var_dir: Path,
    stale_seconds: int,
    recover_seconds: int,
    metering: bool = False,
    data_dir: Path | None = None,
) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "CODINGDESK_VAR_DIR": str(var_dir),
        "SEARCH_INDEX_DIR": str(var_dir / "search"),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink_port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "5",
        "SMTP_RECEIVER_HOST": "127.0.0.1",
        "SMTP_RECEIVER_PORT": str(receiver_port),
        "CONSULTANT_ADDRESSES": ASK,
        "CONSULTANT_REVIEW_FIRST": "false",
        "CONSULTANT_INVITE_UNKNOWN_SENDERS": "false",
        "CONSULTANT_STALE_SECONDS": str(stale_seconds),
        "CONSULTANT_RECOVER_SECONDS": str(recover_seconds),
        "METERING_ENABLED": "true" if metering else "false",
    }
    if data_dir is not None:
        env["CODINGDESK_DATA_DIR"] = str(data_dir)
    return env


def start_smtpd(env: dict[str, str], log_dir: Path) -> subprocess.Popen:
    """Start `codingdesk mail-smtpd` and wait until it accepts connections."""
    process = _start(["mail-smtpd"], env, log_dir / "mail-smtpd.log")
    port = int(env["SMTP_RECEIVER_PORT"])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"mail-smtpd exited with {process.returncode}; see {log_dir / 'mail-smtpd.log'}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.1)
    stop(process)
    raise RuntimeError("mail-smtpd did not start listening within 30 s")


def start_worker(env: dict[str, str], log_dir: Path, name: str) -> subprocess.Popen:
    return _start(["worker", "--interval", "0.1"], env, log_dir / f"{name}.log")


def _start(args: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        return subprocess.Popen([*CLI, *args], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def kill(process: subprocess.Popen) -> None:
    """A crash: SIGKILL gives the process no chance to finish or clean up."""
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def stop(process: subprocess.Popen) -> None:
    """Stop politely, and kill if that takes too long. Safe on a dead process."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        kill(process)


def burst_questions(senders: list[str], count: int) -> list[Question]:
    """count questions, spread over the senders in turn, each with a Message-ID we know."""
    questions = []
    for number in range(count):
        subject, body = QUESTIONS[number % len(QUESTIONS)]
        sender = senders[number % len(senders)]
        message_id = f"<burst-{number}@example.com>"
        raw = question_mail(sender=sender, subject=f"{subject} #{number}", body=body, message_id=message_id)
        questions.append(Question(sender=sender, message_id=message_id, raw=raw))
    return questions


def send_burst(port: int, questions: list[Question], connections: int) -> None:
    """Send every question as fast as the client can: each of `connections`
    threads keeps one SMTP session open and sends its share over it."""
    shares = [questions[index::connections] for index in range(connections)]
    with ThreadPoolExecutor(max_workers=connections) as pool:
        for done in [pool.submit(_send_share, port, share) for share in shares]:
            done.result()  # re-raise a refusal or a dropped connection


def _send_share(port: int, share: list[Question]) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
        for question in share:
            client.sendmail(question.sender, [ASK], question.raw)


def wait_until(condition, *, timeout: float, poll: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(poll)
    return condition()


@dataclass(frozen=True)
class SinkCheck:
    """What reached the outbound sink, against the questions sent."""

    delivered: int
    redelivered: int  # copies of a reply already delivered (the same Message-ID again)
    questions_answered_twice: int  # two different replies (Message-IDs) for one question
    questions_unanswered: int
    strangers: int  # replies to no question we sent

    @property
    def answered_once(self) -> bool:
        """Every question has exactly one answer, however often it was delivered."""
        return not (self.questions_answered_twice or self.questions_unanswered or self.strangers)

    @property
    def exactly_once(self) -> bool:
        return self.answered_once and not self.redelivered


def sink_check(messages, questions: list[Question]) -> SinkCheck:
    sent_ids = {question.message_id for question in questions}
    message_ids = Counter(str(message["Message-ID"]) for message in messages)
    replies_per_question: dict[str, set[str]] = {}
    for message in messages:
        replies_per_question.setdefault(str(message["In-Reply-To"]), set()).add(str(message["Message-ID"]))
    return SinkCheck(
        delivered=len(messages),
        redelivered=sum(count - 1 for count in message_ids.values()),
        questions_answered_twice=sum(
            1 for key, replies in replies_per_question.items() if key in sent_ids and len(replies) > 1
        ),
        questions_unanswered=len(sent_ids - replies_per_question.keys()),
        strangers=sum(1 for key in replies_per_question if key not in sent_ids),
    )


class Consultant:
    """One mail-smtpd and some workers on one database; stop_all() ends them all."""

    def __init__(self, env: dict[str, str], log_dir: Path):
        self.env = env
        self.log_dir = log_dir
        self.smtpd: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []
        self.started_workers = 0

    @property
    def receiver_port(self) -> int:
        return int(self.env["SMTP_RECEIVER_PORT"])

    def start(self, *, workers: int) -> "Consultant":
        self.smtpd = start_smtpd(self.env, self.log_dir)
        for _ in range(workers):
            self.start_worker()
        return self

    def start_worker(self) -> subprocess.Popen:
        self.started_workers += 1
        worker = start_worker(self.env, self.log_dir, f"worker-{self.started_workers}")
        self.workers.append(worker)
        return worker

    def crash_worker(self, worker: subprocess.Popen) -> None:
        kill(worker)
        self.workers.remove(worker)

    def stop_all(self) -> None:
        for process in [*self.workers, self.smtpd]:
            if process is not None:
                stop(process)
        self.workers = []
        self.smtpd = None

    def log_tail(self, lines: int = 40) -> str:
        """The end of every process's log, to show why a wait ran out."""
        tails = []
        for path in sorted(self.log_dir.glob("*.log")):
            text = path.read_text(errors="replace").splitlines()[-lines:]
            tails.append(f"--- {path.name}\n" + "\n".join(text))
        return "\n".join(tails)
