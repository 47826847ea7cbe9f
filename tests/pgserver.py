"""A private PostgreSQL server for the tests and benchmarks: ``initdb`` and ``pg_ctl`` (Debian's
``postgresql`` package) in a temporary folder, listening on 127.0.0.1 only at a free port, its
socket in that folder; run as the ``postgres`` user when we are root (PostgreSQL refuses to run
as root). :meth:`PgServer.stop` stops it and removes the folder.

A missing server is an error, never a reason to skip: ``.ci/run`` installs the package.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def bindir() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``: ``$PG_BINDIR``, else the newest
    ``/usr/lib/postgresql/*/bin``, else ``$PATH``."""
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's "
                       "postgresql package (apt-get install -y postgresql), as .ci/run does")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    """A running private server; :meth:`url` names a database on it."""

    folder: Path
    port: int
    bin: Path
    user: str | None  # run as this user (when we are root)

    @classmethod
    def start(cls, *settings: str) -> PgServer:
        """Start a server; ``settings`` are more ``name=value`` server settings."""
        binaries = bindir()
        folder = Path(tempfile.mkdtemp(prefix="silkterm-pg-"))
        user = "postgres" if os.geteuid() == 0 else None
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        server = cls(folder, _free_port(), binaries, user)
        server._run("initdb", "-D", str(folder / "data"), "-U", "postgres", "-A", "trust",
                    "--locale=C.UTF-8", "--encoding=UTF8", "--no-sync")
        server._run("pg_ctl", "-D", str(folder / "data"), "-l", str(folder / "log"), "-w",
                    "-o", f"-c listen_addresses=127.0.0.1 -p {server.port} -k {folder} "
                          "-c fsync=off -c synchronous_commit=off -c max_connections=60"
                          + "".join(f" -c {setting}" for setting in settings),
                    "start")
        return server

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = self.folder / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr}{tail}")

    def url(self, database: str = "postgres") -> str:
        """``postgresql://postgres@127.0.0.1:PORT/database``."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database ``name``; its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}"')
            con.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
