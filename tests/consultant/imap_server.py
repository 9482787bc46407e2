"""A real IMAP server on loopback for the mail_fetch tests: Debian's Dovecot
(dovecot-imapd), started once per test session from a config written into a
temporary folder, with a self-signed certificate made at start-up so the
poller's TLS is exercised. Each test gets an emptied mailbox.

Dovecot refuses to run its login processes as root, and refuses root as the
mail user, so when the tests run as root the mail belongs to Dovecot's own
system users (created by the package); otherwise everything runs as the
current user. The folder lives under /tmp rather than pytest's tmp_path,
whose 0700 parents those users could not enter.
"""

from __future__ import annotations

import grp
import imaplib
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.consultant.smtp import free_port

DOVECOT = Path("/usr/sbin/dovecot")
USER = "consult"
PASSWORD = "imap-test-password"


@dataclass
class ImapServer:
    host: str
    tls_port: int
    plain_port: int
    user: str
    password: str
    ca_file: Path  # the server's self-signed certificate, to trust as a CA
    log_file: Path

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_file))

    def client(self) -> imaplib.IMAP4_SSL:
        connection = imaplib.IMAP4_SSL(self.host, self.tls_port, ssl_context=self.ssl_context(), timeout=10)
        connection.login(self.user, self.password)
        return connection

    def deliver(self, raw: bytes, folder: str = "INBOX", flags: str = "") -> None:
        """APPEND the message, as a mail provider's delivery would leave it."""
        with self.session() as connection:
            # imaplib sends names as they are; one with a space must be quoted.
            if folder != "INBOX":
                connection.create(f'"{folder}"')  # NO when it exists, which is fine
            status, data = connection.append(f'"{folder}"', flags or None, None, raw)
            assert status == "OK", data

    def flags(self, folder: str = "INBOX") -> list[set[str]]:
        """Each message's flags, in the folder's order."""
        with self.session() as connection:
            _, [count] = connection.select(f'"{folder}"', readonly=True)
            if not int(count):
                return []
            _, data = connection.fetch("1:*", "(FLAGS)")
        return [{flag.decode() for flag in imaplib.ParseFlags(line)} - {"\\Recent"} for line in data if line]

    def empty(self) -> None:
        with self.session() as connection:
            _, folders = connection.list()
            for line in folders:
                name = line.rsplit(b' "', 1)[-1].rstrip(b'"').decode()
                if name != "INBOX":
                    connection.delete(f'"{name}"')
            _, [count] = connection.select("INBOX")
            if int(count):  # "1:*" is an error in an empty folder
                connection.store("1:*", "+FLAGS.SILENT", "(\\Deleted)")
                connection.expunge()

    @contextmanager
    def session(self) -> Iterator[imaplib.IMAP4_SSL]:
        connection = self.client()
        try:
            yield connection
        finally:
            connection.logout()


@pytest.fixture(scope="session")
def dovecot():
    """The running server; tests use imap_server, which empties it first."""
    _require_dovecot()
    root = Path(tempfile.mkdtemp(prefix="codingdesk-dovecot-"))
    root.chmod(0o755)
    try:
        server = _configure(root)
        process = subprocess.Popen(
            [str(DOVECOT), "-F", "-c", str(root / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _wait_until_serving(server, process)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def imap_server(dovecot) -> ImapServer:
    dovecot.empty()
    return dovecot


def _require_dovecot() -> None:
    """Skipped where Dovecot is missing, except in CI, which must never pass by skipping."""
    if not DOVECOT.exists():
        message = f"Dovecot is not installed ({DOVECOT}); install dovecot-imapd to run the IMAP tests"
    else:
        version = subprocess.run([str(DOVECOT), "--version"], capture_output=True, text=True).stdout.strip()
        if version.startswith("2.3."):
            return
        # 2.4 (Debian 13) renamed most settings; DOVECOT_CONF would need a 2.4 twin.
        message = f"the IMAP test server config is written for Dovecot 2.3, and this is Dovecot {version}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _configure(root: Path) -> ImapServer:
    mail_user, login_user = _run_as()
    mail_uid, mail_gid = pwd.getpwnam(mail_user)[2:4]
    home = root / "home"
    home.mkdir()
    os.chown(home, mail_uid, mail_gid)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}:{mail_uid}:{mail_gid}::{home}::\n")
    _self_signed_certificate(root)
    tls_port = free_port()
    plain_port = free_port()
    while plain_port == tls_port:  # the probe socket is closed, so the same port may come back
        plain_port = free_port()
    server = ImapServer(
        host="127.0.0.1",
        tls_port=tls_port,
        plain_port=plain_port,
        user=USER,
        password=PASSWORD,
        ca_file=root / "cert.pem",
        log_file=root / "dovecot.log",
    )
    (root / "dovecot.conf").write_text(
        DOVECOT_CONF.format(
            root=root,
            internal_user=pwd.getpwuid(os.getuid()).pw_name,
            internal_group=grp.getgrgid(os.getgid()).gr_name,
            login_user=login_user,
            first_valid_uid=min(mail_uid, os.getuid()) or 1,
            tls_port=server.tls_port,
            plain_port=server.plain_port,
        )
    )
    return server


def _run_as() -> tuple[str, str]:
    """(mail user, login user)."""
    if os.getuid() == 0:
        return "dovecot", "dovenull"
    current = pwd.getpwuid(os.getuid()).pw_name
    return current, current


def _self_signed_certificate(root: Path) -> None:
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem"),
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip


def _wait_until_serving(server: ImapServer, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Dovecot exited with {process.returncode}: {process.stderr.read().decode()}{_log(server)}")
        try:
            with socket.create_connection((server.host, server.tls_port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"Dovecot did not listen on {server.host}:{server.tls_port} within 15 seconds{_log(server)}")


def _log(server: ImapServer) -> str:
    return f"\n{server.log_file.read_text()}" if server.log_file.exists() else ""


# Dovecot 2.3 syntax (Debian 12). A plain listener beside the TLS one lets a
# test exercise IMAP_USE_TLS=False; loopback counts as secure, so plaintext
# login is allowed on it. auth_failure_delay is 2 seconds by default, which
# would only slow the wrong-password tests down. chroot needs root, so it is
# off for the tests that run as an ordinary user.
DOVECOT_CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
first_valid_uid = {first_valid_uid}
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
auth_mechanisms = plain
auth_failure_delay = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = {root}/passwd
}}
mail_location = maildir:~/Maildir
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {plain_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
"""
