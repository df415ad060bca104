"""A throwaway PostgreSQL server for tests: started in a temporary folder, then removed.

`TemporaryCluster` runs the server binaries of a local PostgreSQL install
(``initdb``, ``pg_ctl``, ``postgres``) on a private port of the loopback
interface, with trust authentication for one superuser, in a folder of its
own. Our tests start one per session and run the store contract suite, the
process tests and the fault tests against it; yours can do the same::

    from tradedispute.testing.postgres import TemporaryCluster

    with TemporaryCluster() as cluster:
        url = cluster.create_database("trade")
        log = EventLog.open(url)

It needs PostgreSQL's server programs (Debian and Ubuntu: ``apt-get install
postgresql``; they are looked for on ``PATH``, then through ``pg_config
--bindir``, then in ``/usr/lib/postgresql/*/bin``; set
``TRADEDISPUTE_PG_BINDIR`` to choose). PostgreSQL refuses to run as root: a
process running as root runs the server as the ``postgres`` user that the
package creates, in a folder made for it.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

from tradedispute.exceptions import TradeDisputeError

__all__ = ["ClusterError", "TemporaryCluster", "find_bindir"]

#: The superuser the cluster is made with (trust authentication, loopback only).
SUPERUSER = "tradedispute"


class ClusterError(TradeDisputeError):
    """A throwaway PostgreSQL server could not be found, made, started or stopped.

    The message names the program that failed and ends with its output.
    """


def find_bindir() -> Path:
    """Return the folder of PostgreSQL's server programs (``initdb``, ``pg_ctl``).

    Raises:
        ClusterError: none is installed where it is looked for.
    """
    chosen = os.environ.get("TRADEDISPUTE_PG_BINDIR")
    candidates: list[Path] = []
    if chosen:
        candidates.append(Path(chosen))
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            found = subprocess.run(
                [pg_config, "--bindir"],
                capture_output=True,
                text=True,
                check=True,
                timeout=30,
            ).stdout.strip()
            candidates.append(Path(found))
    installed = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda folder: _number(folder.parent.name),
        reverse=True,
    )
    candidates.extend(installed)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    raise ClusterError(
        "PostgreSQL's server programs (initdb, pg_ctl) were not found on PATH, "
        "through pg_config --bindir, or in /usr/lib/postgresql/*/bin; install "
        "them (Debian, Ubuntu: apt-get install -y postgresql) or set "
        "TRADEDISPUTE_PG_BINDIR to the folder that holds them"
        + (f" (it is {chosen!r}, which holds neither)" if chosen else "")
    )


def _number(text: str) -> int:
    return int(text) if text.isdigit() else -1


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class TemporaryCluster:
    """A PostgreSQL server of its own, in a temporary folder, for tests.

    Use it as a context manager, or call `start` and `stop`. `url` is the
    address of its ``postgres`` database; `create_database` makes another.

    Args:
        durable: Whether the server flushes to disk (``fsync``). Off makes
            tests faster and loses nothing unless the machine itself
            crashes; benchmarks leave it on, as a real server is.
        port: The TCP port on 127.0.0.1; a free one by default.
        bindir: The folder of the server programs (see `find_bindir`).
    """

    def __init__(
        self,
        *,
        durable: bool = False,
        port: int | None = None,
        bindir: Path | None = None,
    ) -> None:
        self.bindir = bindir or find_bindir()
        self.port = port or _free_port()
        self.durable = durable
        self.folder: Path | None = None
        self._user: pwd.struct_passwd | None = None
        self._running = False

    @property
    def url(self) -> str:
        """The address of the server's ``postgres`` database."""
        return self.url_of("postgres")

    def url_of(self, database: str) -> str:
        """Return the address of *database* on this server."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    @property
    def data(self) -> Path:
        """The cluster's data folder."""
        if self.folder is None:
            raise ClusterError("the cluster has not been started")
        return self.folder / "data"

    @property
    def log_file(self) -> Path:
        """The server's log file (its messages, for a test that failed)."""
        return self.data.parent / "server.log"

    def start(self) -> None:
        """Make the cluster (on first start) and start its server; wait until it is up.

        Raises:
            ClusterError: ``initdb`` or ``pg_ctl`` failed.
        """
        if self._running:
            return
        if self.folder is None:
            self._make()
        self._pg_ctl("start", "-w", "-t", "60", "-o", self._options())
        self._running = True

    def stop(self, *, mode: str = "fast") -> None:
        """Stop the server (``pg_ctl stop -m mode``: smart, fast or immediate)."""
        if not self._running:
            return
        self._pg_ctl("stop", "-w", "-t", "60", "-m", mode)
        self._running = False

    def restart(self, *, mode: str = "fast") -> None:
        """Stop the server and start it again on the same port.

        With ``mode="immediate"`` the server stops as if it crashed and
        recovers from its write-ahead log on the way up.
        """
        self.stop(mode=mode)
        self.start()

    def remove(self) -> None:
        """Stop the server (if it runs) and delete its folder."""
        try:
            self.stop(mode="immediate")
        finally:
            if self.folder is not None:
                shutil.rmtree(self.folder, ignore_errors=True)
                self.folder = None

    def create_database(self, name: str) -> str:
        """Create the database *name* (letters, digits, ``_``) and return its URL."""
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", name):
            raise ClusterError(
                f"{name!r} is not a database name this helper makes: use "
                "letters, digits and _, starting with a letter or _"
            )
        self._run(
            self.bindir / "psql",
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            self.url,
            "-c",
            f"CREATE DATABASE {name}",
        )
        return self.url_of(name)

    def __enter__(self) -> TemporaryCluster:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.remove()

    # --- the programs ---------------------------------------------------------

    def _make(self) -> None:
        folder = Path(tempfile.mkdtemp(prefix="tradedispute-pg-"))
        self.folder = folder
        if os.geteuid() == 0:
            try:
                self._user = pwd.getpwnam("postgres")
            except KeyError:
                raise ClusterError(
                    "PostgreSQL refuses to run as root, and there is no "
                    "'postgres' user to run it as; run the tests as another "
                    "user, or install the postgresql package, which makes one"
                ) from None
            os.chown(folder, self._user.pw_uid, self._user.pw_gid)
        self._run(
            self.bindir / "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )

    def _options(self) -> str:
        settings = {
            "port": str(self.port),
            "listen_addresses": "127.0.0.1",
            "unix_socket_directories": str(self.data.parent),
            "max_connections": "200",
            "fsync": "on" if self.durable else "off",
            "full_page_writes": "on" if self.durable else "off",
        }
        return " ".join(f"-c {name}={value}" for name, value in settings.items())

    def _pg_ctl(self, *arguments: str) -> None:
        self._run(
            self.bindir / "pg_ctl", "-D", str(self.data), "-l", str(self.log_file),
            *arguments,
        )  # fmt: skip

    def _run(self, program: Path, *arguments: str) -> None:
        user = self._user
        try:
            subprocess.run(
                [str(program), *arguments],
                capture_output=True,
                text=True,
                check=True,
                timeout=120,
                user=user.pw_uid if user else None,
                group=user.pw_gid if user else None,
                cwd=self.folder,
                # Children inherit no stdin: pg_ctl's server must not hold
                # the test runner's terminal.
                stdin=subprocess.DEVNULL,
            )
        except subprocess.CalledProcessError as error:
            said = (error.stderr or error.stdout or "").strip()
            log = ""
            if self.folder is not None and self.log_file.exists():
                log = "\nserver log:\n" + self.log_file.read_text()[-2000:]
            raise ClusterError(
                f"{program.name} {' '.join(arguments[:1])} failed "
                f"(exit {error.returncode}): {said}{log}"
            ) from None
        except (OSError, subprocess.SubprocessError) as error:
            raise ClusterError(f"{program.name} could not be run: {error}") from error
