"""docs/howto-team.md, made true: a log shared by a team on a server, and its roles.

The page's blocks are read from the page itself, so that it cannot drift
from what is tested. Each SQL block says on its first line as which role and
in which database it runs; its Python blocks open the page's URLs; its
shell blocks run ``tradedispute``, ``pg_dump`` and ``pg_restore``. Here they
run against the session's server, with the page's names of the database
and roles made unique to each test (roles belong to the whole server) and
dropped at its end, and the page's server (``db.example.org``) replaced by
the session's. One test runs the whole page in order; the others set the
team up as the page does, then check what each role may and may not do.
"""

import contextlib
import datetime as dt
import hashlib
import io
import re
import shlex
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import psycopg
import pytest

import tradedispute.log.keeper
from tradedispute import EventLog, ExportControlStrengthened
from tradedispute.cli import main
from tradedispute.datasets import load
from tradedispute.exceptions import (
    AppendFailed,
    CorruptRecord,
    ReadOnlyLog,
    StorageError,
)
from tradedispute.log.validation import validate
from tradedispute.stores import PostgresStore
from tradedispute.testing.postgres import SUPERUSER, TemporaryCluster

PAGE = Path(__file__).parents[2] / "docs" / "howto-team.md"
FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
#: The first line of every SQL block: as whom, and in which database, it runs.
HEADER = re.compile(r"-- as (a superuser|\w+), connected to the database (\w+)")
#: The page's names of things that belong to the whole server.
NAMES = ("dispute_owner", "analyst", "reader", "trade", "trade_restored")
#: A URL of the page: its role and database.
PAGE_URL = re.compile(r"postgres(?:ql)?://(\w+)@db\.example\.org(?::\d+)?/(\w+)")
#: The heading after which the page no longer sets the team up.
SET_UP_ENDS = "## Moving a file log onto the server"
#: The page's schema: kept, as each test has a database of its own.
SCHEMA = "dispute"
#: Shell commands the page may show that set a machine up, and are not run.
NOT_RUN = ("pip",)

FORBIDDEN_TO_APPENDERS = [
    "UPDATE {s}.events SET type = 'x'",
    "DELETE FROM {s}.events",
    "TRUNCATE {s}.events",
    "DROP TABLE {s}.events",
    "ALTER TABLE {s}.events ADD COLUMN note text",
    "ALTER TABLE {s}.events DISABLE TRIGGER events_append_only",
    "ALTER TABLE {s}.events DISABLE TRIGGER ALL",
    "UPDATE {s}.checkpoints SET head = 'x'",
    "TRUNCATE {s}.checkpoints",
    "DROP TABLE {s}.checkpoints",
    "CREATE TABLE {s}.other (x int)",
    "CREATE TEMPORARY TABLE other (x int)",
]


class Block(NamedTuple):
    """A fenced block of the page."""

    lang: str
    options: frozenset[str]
    body: str
    line: int  # of its first line of code
    at: int  # its offset in the page


def info(text: str) -> tuple[str, frozenset[str]]:
    """A fence's language and options: ``sql``, or superfences' ``{.python notest}``."""
    words = text.strip().strip("{}").split()
    lang = next((word for word in words if word.startswith(".")), None)
    if lang is None:
        return (words or [""])[0], frozenset(words[1:])
    return lang[1:], frozenset(word for word in words if word != lang)


def page_blocks() -> list[Block]:
    """Every fenced block of the page (those at the start of a line), in order."""
    text = PAGE.read_text(encoding="utf-8")
    return [
        Block(
            *info(match.group(1)),
            match.group(2),
            text.count("\n", 0, match.start()) + 2,
            match.start(),
        )
        for match in FENCE.finditer(text)
    ]


def set_up_blocks() -> list[Block]:
    """The blocks that set the team up: the roles, the tables, the privileges."""
    end = PAGE.read_text(encoding="utf-8").index(SET_UP_ENDS)
    return [block for block in page_blocks() if block.at < end]


def strengthened(number: int) -> ExportControlStrengthened:
    return ExportControlStrengthened(
        id=f"step-{number}",
        actor="JPN",
        target="KOR",
        detail=f"step {number}",
        effective=dt.date(2019, 7, 1) + dt.timedelta(days=number),
    )


class Team:
    """The page's names on the session's server, and its blocks run there."""

    def __init__(self, cluster: TemporaryCluster, token: str, folder: Path) -> None:
        self.cluster = cluster
        self.token = token
        self.folder = folder
        self.outputs: list[str] = []

    def name(self, page_name: str) -> str:
        """The test's name for a thing the page names."""
        return f"{page_name}_{self.token}" if page_name in NAMES else page_name

    def conninfo(self, role: str | None, database: str) -> str:
        """Where *role* (a page's role; `None`: the superuser) connects to *database*."""
        user = SUPERUSER if role is None else self.name(role)
        where = f"127.0.0.1:{self.cluster.port}/{self.name(database)}"
        return f"postgresql://{user}@{where}"

    def url(self, role: str, *, database: str = "trade") -> str:
        """The URL of the page's log, as *role* opens it."""
        return f"{self.conninfo(role, database)}?schema={SCHEMA}"

    def here(self, text: str) -> str:
        """*text* with the page's URLs pointing at the session's server."""
        return PAGE_URL.sub(
            lambda found: self.conninfo(found.group(1), found.group(2)), text
        )

    def rename(self, sql: str) -> str:
        """*sql* with the page's names of roles and databases made the test's."""
        names = "|".join(NAMES)
        return re.sub(rf"\b({names})\b", lambda found: self.name(found.group(1)), sql)

    def rows(self, role: str | None, database: str, query: str) -> list[tuple]:
        with psycopg.connect(self.conninfo(role, database), autocommit=True) as db:
            return db.execute(query).fetchall()

    # --- running the page's blocks ----------------------------------------------

    def run(self, block: Block) -> list[tuple] | None:
        """Run *block* as the page says; the rows of a SQL block's last query."""
        if block.lang == "sql":
            return self.run_sql(block)
        if block.lang == "python":
            self.run_python(block)
        elif block.lang == "sh":
            self.run_shell(block)
        return None

    def run_sql(self, block: Block) -> list[tuple] | None:
        first, _, rest = block.body.partition("\n")
        header = HEADER.fullmatch(first.strip())
        assert header, f"{PAGE.name}:{block.line}: say as whom and where it runs"
        role = None if header.group(1) == "a superuser" else header.group(1)
        lines = [line for line in rest.splitlines() if not line.startswith("--")]
        statements = [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
        found = None
        with psycopg.connect(
            self.conninfo(role, header.group(2)), autocommit=True
        ) as db:
            for statement in statements:
                cursor = db.execute(self.rename(statement))
                found = cursor.fetchall() if cursor.description else None
        return found

    def run_python(self, block: Block) -> None:
        source = "\n" * (block.line - 1) + self.here(block.body)
        exec(compile(source, str(PAGE), "exec"), {"__name__": "howto_team"})

    def run_shell(self, block: Block) -> None:
        for line in block.body.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            program, *arguments = [self.here(word) for word in shlex.split(line)]
            if program in NOT_RUN:
                continue
            if program == "tradedispute":
                self.outputs.append(self.run_ours(arguments, line))
            elif program in ("pg_dump", "pg_restore"):
                self.run_postgres(program, arguments, line)
            else:
                pytest.fail(f"{PAGE.name}: this test cannot run {line!r}")

    def run_ours(self, arguments: list[str], line: str) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            status = main(arguments)
        assert status == 0, f"{line}\n{out.getvalue()}"
        return out.getvalue()

    def run_postgres(self, program: str, arguments: list[str], line: str) -> None:
        found = self.cluster.bindir / program
        path = str(found) if found.is_file() else shutil.which(program)
        assert path, f"{program} is not installed beside the server's programs"
        done = subprocess.run(
            [path, *arguments],
            capture_output=True,
            text=True,
            cwd=self.folder,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, f"{line}\n{done.stderr}"

    def set_up(self) -> None:
        """Run the page's blocks that set the team up."""
        for block in set_up_blocks():
            self.run(block)

    def drop(self) -> None:
        """Drop the test's databases and roles."""
        with psycopg.connect(self.cluster.url, autocommit=True) as db:
            for database in ("trade", "trade_restored"):
                db.execute(
                    f"DROP DATABASE IF EXISTS {self.name(database)} WITH (FORCE)"
                )
            for role in ("reader", "analyst", "dispute_owner"):
                db.execute(f"DROP ROLE IF EXISTS {self.name(role)}")


@pytest.fixture
def team(
    postgres_cluster: TemporaryCluster,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Team]:
    """The page's names, unique to this test; dropped at its end. Runs in tmp_path."""
    token = hashlib.sha256(str(tmp_path).encode()).hexdigest()[:12]
    monkeypatch.chdir(tmp_path)
    made = Team(postgres_cluster, token, tmp_path)
    try:
        yield made
    finally:
        made.drop()


# --- the page --------------------------------------------------------------------


def test_the_page_has_what_these_tests_run() -> None:
    blocks = page_blocks()
    langs = {block.lang for block in blocks}
    assert {"sql", "python", "sh"} <= langs
    # Nothing may run in the docs' own tests, which have no server: no
    # console block (tests/cli/test_docs_cli.py runs those), and every
    # Python block marked notest, the way superfences renders it too.
    assert "console" not in langs
    for block in blocks:
        if block.lang == "python":
            assert block.options == {"notest"}, block.line
    text = PAGE.read_text(encoding="utf-8")
    assert "```python" not in text
    assert SET_UP_ENDS in text
    assert [b.lang for b in set_up_blocks() if b.lang != "sh"] == [
        "sql",
        "python",
        "sql",
    ]
    for block in blocks:
        if block.lang == "sql":
            assert HEADER.fullmatch(block.body.partition("\n")[0]), block.line


def test_the_page_runs_as_written(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    # Checkpoints every few events, so that the copy writes some to prune.
    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_SPACING", 8)
    record = list(load("japan-korea"))
    with EventLog.open(team.folder / "dispute.sqlite") as file_log:
        file_log.extend(record)

    def checkpoints() -> list[tuple]:
        return team.rows(
            None, "trade", f"SELECT position, version FROM {SCHEMA}.checkpoints"
        )

    triggers = None
    for block in page_blocks():
        if ".prune(" in block.body:
            assert checkpoints(), "the page prunes checkpoints that are there"
        rows = team.run(block)
        if ".prune(" in block.body:
            with EventLog.open(team.url("reader"), read_only=True) as log:
                count = len(log)
            spacing = tradedispute.log.keeper.keep_spacing(count)
            wanted = {(p, count) for p in range(spacing, count + 1, spacing)}
            assert set(checkpoints()) == wanted
        if block.lang == "sql" and "pg_trigger" in block.body:
            triggers = rows

    assert triggers == [
        ("checkpoints_append_only", "O"),
        ("checkpoints_no_truncate", "O"),
        ("events_append_only", "O"),
        ("events_no_truncate", "O"),
    ]
    # The copy came first, then the page's own appends, each once.
    with EventLog.open(team.url("reader"), read_only=True) as log:
        ids = [event.id for event in log]
    assert ids[: len(record)] == [event.id for event in record]
    assert ids[len(record) :] == [
        "jpn-kor-summit-2024-05",
        "jpn-kor-ministers-2024-06",
        "jpn-kor-summit-2024-09",
        "jpn-kor-directors-2024-10",
    ]
    # What the page's commands printed: the copies, and every log valid.
    copied, restored, backed_up, backup_valid, valid = team.outputs
    assert copied.startswith(f"copied {len(record)} entries from dispute.sqlite to ")
    assert "?schema=dispute (0 already there)" in copied
    assert restored == backup_valid == valid == f"ok: {len(ids)} events\n"
    assert backed_up.startswith(f"copied {len(ids)} entries")
    # The restored copy, and the file copy, are the log: the same head.
    with (
        EventLog.open(team.url("reader"), read_only=True) as log,
        EventLog.open(team.url("dispute_owner", database="trade_restored")) as back,
        EventLog.open(team.folder / "backup.sqlite", read_only=True) as file_copy,
    ):
        assert back.head == file_copy.head == log.head
        assert back.records() == log.records()


# --- the roles, as the page sets them up ----------------------------------------


def test_the_appender_appends_reads_and_follows(team: Team) -> None:
    team.set_up()
    with EventLog.open(team.url("analyst")) as log:
        log.append(strengthened(1))
        log.extend([strengthened(2), strengthened(3)], expected_version=1)
        assert [r.seq for r in log.follow(after=0, timeout=0)] == [1, 2, 3]
    assert validate(team.url("analyst")).ok


def test_the_appender_cannot_change_remove_or_unguard_what_is_recorded(
    team: Team,
) -> None:
    team.set_up()
    with EventLog.open(team.url("analyst")) as log:
        log.extend([strengthened(1), strengthened(2)])
    before = team.rows(None, "trade", f"SELECT * FROM {SCHEMA}.events ORDER BY seq")
    with psycopg.connect(team.conninfo("analyst", "trade"), autocommit=True) as db:
        for statement in FORBIDDEN_TO_APPENDERS:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                db.execute(statement.format(s=SCHEMA))
    after = team.rows(None, "trade", f"SELECT * FROM {SCHEMA}.events ORDER BY seq")
    assert after == before
    triggers = team.rows(
        "reader",
        "trade",
        "SELECT count(*) FROM pg_trigger WHERE tgenabled = 'O' AND tgrelid = "
        f"'{SCHEMA}.events'::regclass AND NOT tgisinternal",
    )
    assert triggers == [(2,)]


def test_the_owner_too_is_refused_by_the_triggers(team: Team) -> None:
    team.set_up()
    with EventLog.open(team.url("analyst")) as log:
        log.append(strengthened(1))
    owner = team.conninfo("dispute_owner", "trade")
    with psycopg.connect(owner, autocommit=True) as db:
        for statement in ("UPDATE {s}.events SET type = 'x'", "DELETE FROM {s}.events"):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                db.execute(statement.format(s=SCHEMA))
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            db.execute(f"TRUNCATE {SCHEMA}.events")
    assert team.rows(None, "trade", f"SELECT count(*) FROM {SCHEMA}.events") == [(1,)]


def test_the_appender_cannot_make_a_log(team: Team) -> None:
    team.set_up()
    elsewhere = team.url("analyst").replace(f"schema={SCHEMA}", "schema=elsewhere")
    with pytest.raises(StorageError, match="cannot make the log's tables"):
        EventLog.open(elsewhere)


def test_the_appender_writes_checkpoints_and_prunes_them(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_SPACING", 8)
    team.set_up()
    record = list(load("japan-korea"))
    with EventLog.open(team.url("analyst")) as log:
        log.extend(record)
    query = f"SELECT position, version FROM {SCHEMA}.checkpoints ORDER BY 1, 2"
    written = team.rows("analyst", "trade", query)
    assert written == [(8, 37), (16, 37), (24, 37), (32, 37)]
    # DELETE is granted for pruning; a plain one is still refused.
    with (
        psycopg.connect(team.conninfo("analyst", "trade"), autocommit=True) as db,
        pytest.raises(psycopg.errors.RaiseException, match="append-only"),
    ):
        db.execute(f"DELETE FROM {SCHEMA}.checkpoints")
    store = PostgresStore(team.url("analyst"))
    try:
        with store.writing():
            table = store.checkpoint_table(create=False)
            latest = [row for row in table.load() if row.position == 32]
            table.prune(latest)
    finally:
        store.close()
    assert team.rows("analyst", "trade", query) == [(32, 37)]
    with EventLog.open(team.url("analyst")) as log:
        assert log._opened is not None, "opened from the checkpoint kept"
        assert log.state_at(dt.date(2023, 8, 1)) == load("japan-korea").state_at(
            dt.date(2023, 8, 1)
        )


def test_the_reader_reads_and_follows_but_cannot_append(team: Team) -> None:
    team.set_up()
    with EventLog.open(team.url("analyst")) as log:
        log.append(strengthened(1))
    with EventLog.open(team.url("reader"), read_only=True) as log:
        assert [event.id for event in log] == ["step-1"]
        with pytest.raises(ReadOnlyLog):
            log.append(strengthened(2))
    # Opened without read_only=True, the server refuses the append.
    with EventLog.open(team.url("reader")) as log:
        with pytest.raises(AppendFailed, match="permission denied") as refused:
            log.append(strengthened(2))
        assert refused.value.committed is False
        assert log.version == 1
    with (
        psycopg.connect(team.conninfo("reader", "trade"), autocommit=True) as db,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        db.execute(f"DELETE FROM {SCHEMA}.checkpoints")
    assert team.rows(None, "trade", f"SELECT count(*) FROM {SCHEMA}.events") == [(1,)]


def test_the_reader_is_woken_by_an_append_from_elsewhere(team: Team) -> None:
    team.set_up()
    with EventLog.open(team.url("analyst")) as log:
        log.append(strengthened(1))
    seen: list[str] = []

    def follow() -> None:
        with EventLog.open(team.url("reader"), read_only=True) as reader:
            for record in reader.follow(after=1, timeout=30):
                seen.append(record.event.id)
                return

    with psycopg.connect(team.conninfo("reader", "trade"), autocommit=True) as other:
        # Another program listening on the page's channel, as the reader.
        other.execute(f'LISTEN "tradedispute.{SCHEMA}"')
        follower = threading.Thread(target=follow)
        follower.start()
        with EventLog.open(team.url("analyst")) as log:
            log.extend([strengthened(2), strengthened(3)])
        follower.join(timeout=60)
        notices = list(other.notifies(timeout=10, stop_after=1))
    assert not follower.is_alive()
    assert seen == ["step-2"]
    assert [notice.payload for notice in notices] == ["3"]


def test_rows_inserted_by_hand_are_what_validate_finds(team: Team) -> None:
    """The page's warning: INSERT lets the appender write rows the library would not."""
    team.set_up()
    with EventLog.open(team.url("analyst")) as log:
        log.append(strengthened(1))
    events = f"{SCHEMA}.events"
    with psycopg.connect(team.conninfo("analyst", "trade"), autocommit=True) as db:
        (record,) = db.execute(f"SELECT record FROM {events}").fetchone() or ("",)
        # A row numbered past the end: readers stop before the gap...
        db.execute(
            f"INSERT INTO {events} VALUES (9, 'far', 'ExportControlStrengthened', "
            "now(), '2019-07-09', %s)",
            (record,),
        )
    with EventLog.open(team.url("reader"), read_only=True) as log:
        assert [event.id for event in log] == ["step-1"]
    # ...and every append is refused, saying why.
    with EventLog.open(team.url("analyst")) as log:
        for _ in range(2):
            with pytest.raises(CorruptRecord, match="put in by hand, past a gap"):
                log.append(strengthened(2))
    found = validate(team.url("reader"))
    assert not found.ok
    assert "(seq 9): the record says seq 1" in found.problems[0]
    # Only the owner, disabling the trigger, can take it out.
    with (
        psycopg.connect(team.conninfo("analyst", "trade"), autocommit=True) as db,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        db.execute(f"DELETE FROM {events} WHERE seq = 9")
    owner = team.conninfo("dispute_owner", "trade")
    with psycopg.connect(owner, autocommit=True) as db:
        db.execute(f"ALTER TABLE {events} DISABLE TRIGGER events_append_only")
        db.execute(f"DELETE FROM {events} WHERE seq = 9")
        db.execute(f"ALTER TABLE {events} ENABLE TRIGGER events_append_only")
    assert validate(team.url("reader")).ok
    # A malformed record at the next seq: every open raises at it.
    with psycopg.connect(team.conninfo("analyst", "trade"), autocommit=True) as db:
        db.execute(
            f"INSERT INTO {events} VALUES (2, 'bad', 'ExportControlStrengthened', "
            "now(), '2019-07-09', '{\"not\": \"a record\"}')"
        )
    with pytest.raises(CorruptRecord, match=r"seq 2"):
        EventLog.open(team.url("reader"), read_only=True)
    assert not validate(team.url("reader")).ok
