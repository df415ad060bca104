"""`--plugin MODULE` and the `tradedispute.plugins` entry points.

A plugin registers event types and measure kinds for the whole process, so
the runs that load one are subprocesses; the in-process tests load modules
that register nothing.
"""

import importlib.metadata
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tradedispute.cli import main, plugins

PLUGIN = '''
"""A vocabulary of a user's own: a kind and an event type."""

import attrs

import tradedispute

tradedispute.measure_kind(
    "port fee test kind", direction="import", weight=1.5, label="port fee",
    reason="a charge on ships calling at the actor's ports",
)


@attrs.frozen(kw_only=True)
class PortClosedTest(tradedispute.CountryMove):
    port: str


@tradedispute.reducer(PortClosedTest)
def close_port(state, event):
    key = f"test_vocab:port closed:{event.actor}->{event.target}"
    return attrs.evolve(state, extensions=state.extensions.set(key, event.port))
'''

BUILD = """
import datetime as dt, sys
import {module} as vocabulary
from tradedispute import EventLog, MeasureImposed, Products, Rate

events = [
    MeasureImposed(
        id="fee", measure="au-port-fee", actor="AUS", targets={{"CHN"}},
        kind="port fee test kind", products=Products(hs=["8901"]),
        rate=Rate(percent=5), effective=dt.date(2021, 1, 4),
    ),
]
if {with_event}:
    events.insert(0, vocabulary.PortClosedTest(
        id="closed", actor="AUS", target="CHN", port="Darwin",
        effective=dt.date(2021, 1, 1),
    ))
with EventLog.open(sys.argv[1]) as log:
    log.extend(events)
"""


def python(*argv: str, path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(path), "COLUMNS": "120"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
        timeout=120,
    )


def tradedispute(*argv: str, path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return python("-m", "tradedispute", *argv, path=path, cwd=cwd)


@pytest.fixture
def vocabulary(tmp_path: Path) -> Path:
    """A folder holding the plugin `test_vocab` and logs written with it."""
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "test_vocab.py").write_text(PLUGIN, encoding="utf-8")
    for name, with_event in (("fees.jsonl", True), ("kind-only.jsonl", False)):
        script = BUILD.format(module="test_vocab", with_event=with_event)
        built = python("-c", script, str(tmp_path / name), path=folder, cwd=tmp_path)
        assert built.returncode == 0, built.stderr
    return folder


def test_a_log_of_a_plugin_opens_only_with_it(vocabulary, tmp_path):
    """Without --plugin: a one-line error saying to load it; with it, the answer."""
    work = tmp_path / "work"  # not the folder of the plugin
    work.mkdir()
    log = str(tmp_path / "fees.jsonl")
    without = tradedispute("measures", log, path=vocabulary, cwd=work)
    assert (without.returncode, without.stdout) == (2, "")
    assert without.stderr.count("\n") == 1
    assert "Traceback" not in without.stderr
    assert "unknown event type 'PortClosedTest'" in without.stderr
    assert "--plugin MODULE" in without.stderr
    with_it = tradedispute(
        "--plugin", "test_vocab", "measures", log, "--json", path=vocabulary, cwd=work
    )
    assert (with_it.returncode, with_it.stderr) == (0, "")
    (fee,) = json.loads(with_it.stdout)
    assert (fee["measure"], fee["kind"], fee["label"]) == (
        "au-port-fee",
        "port fee test kind",
        "port fee",
    )
    table = tradedispute(
        "--plugin", "test_vocab", "state", log, "--at", "2021-02-01",
        path=vocabulary, cwd=work,
    )  # fmt: skip
    assert table.returncode == 0, table.stderr
    assert "port fee" in table.stdout
    assert "HS 8901 at 5%" in table.stdout
    duty = tradedispute(
        "--plugin", "test_vocab", "duty", log, "--actor", "AUS", "--target", "CHN",
        "--product", "8901.10", "--json", path=vocabulary, cwd=work,
    )  # fmt: skip
    assert json.loads(duty.stdout)["percent"] == 5.0


def test_a_log_of_a_plugin_kind_says_to_load_the_plugin(vocabulary, tmp_path):
    """A log whose only stranger is a kind: the error names --plugin too."""
    log = str(tmp_path / "kind-only.jsonl")
    without = tradedispute("measures", log, path=vocabulary, cwd=tmp_path)
    assert (without.returncode, without.stdout) == (2, "")
    assert "Traceback" not in without.stderr
    assert "'port fee test kind'" in without.stderr
    assert "--plugin MODULE" in without.stderr
    with_it = tradedispute(
        "--plugin", "test_vocab", "measures", log, path=vocabulary, cwd=tmp_path
    )
    assert with_it.returncode == 0, with_it.stderr
    assert "au-port-fee" in with_it.stdout


def fake_distribution(folder: Path, entry_points: str) -> None:
    """An installed distribution in *folder*, declaring *entry_points*."""
    info = folder / "test_vocab_dist-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: test-vocab-dist\nVersion: 1.0\n",
        encoding="utf-8",
    )
    (info / "entry_points.txt").write_text(
        textwrap.dedent(entry_points), encoding="utf-8"
    )


def test_an_entry_point_loads_the_plugin_by_itself(vocabulary, tmp_path):
    fake_distribution(vocabulary, "[tradedispute.plugins]\nports = test_vocab\n")
    log = str(tmp_path / "fees.jsonl")
    run = tradedispute("measures", log, "--json", path=vocabulary, cwd=tmp_path)
    assert (run.returncode, run.stderr) == (0, "")
    assert [m["measure"] for m in json.loads(run.stdout)] == ["au-port-fee"]
    # --plugin of the same module as well is no error: it is imported once.
    again = tradedispute(
        "--plugin", "test_vocab", "measures", log, path=vocabulary, cwd=tmp_path
    )
    assert again.returncode == 0, again.stderr


def test_a_broken_entry_point_is_a_clear_error(vocabulary, tmp_path):
    fake_distribution(vocabulary, "[tradedispute.plugins]\nbroken = no_such_vocab\n")
    run = tradedispute("datasets", path=vocabulary, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        "tradedispute: error: cannot load plugin 'broken' (no_such_vocab, an entry "
        "point of tradedispute.plugins): ModuleNotFoundError: No module named "
        "'no_such_vocab'\n"
    )


# --- in-process --------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_plugin_that_fails_to_import_is_named_with_its_error(
    capsys, tmp_path, monkeypatch
):
    (tmp_path / "raising_vocab_test.py").write_text(
        "raise RuntimeError('no vocabulary\\ntoday')\n", encoding="utf-8"
    )
    (tmp_path / "syntax_vocab_test.py").write_text("def (:\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    code, out, err = run(capsys, "--plugin", "raising_vocab_test", "datasets")
    assert (code, out) == (2, "")
    assert err == (
        "tradedispute: error: cannot load plugin 'raising_vocab_test': "
        "RuntimeError: no vocabulary today\n"
    )
    code, out, err = run(capsys, "--plugin", "syntax_vocab_test", "datasets")
    assert (code, out) == (2, "")
    assert err.startswith(
        "tradedispute: error: cannot load plugin 'syntax_vocab_test': SyntaxError: "
    )
    code, _, err = run(capsys, "--plugin", "no_such_vocab_test", "datasets")
    assert code == 2
    assert "ModuleNotFoundError: No module named 'no_such_vocab_test'" in err


@pytest.mark.parametrize("name", ["vocab.py", "./vocab", "a/vocab", ".vocab", ""])
def test_a_plugin_is_named_as_a_module(capsys, name):
    code, out, err = run(capsys, "--plugin", name, "datasets")
    assert (code, out) == (2, "")
    assert "is not a module name" in err


def test_a_plugin_in_the_current_folder_is_found_last(capsys, tmp_path, monkeypatch):
    """The current folder is searched after sys.path, and only while importing."""
    (tmp_path / "here_vocab_test.py").write_text("LOADED = True\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delitem(sys.modules, "here_vocab_test", raising=False)
    before = list(sys.path)
    code, out, _ = run(
        capsys, "--plugin", "here_vocab_test", "--plugin", "json", "datasets"
    )
    assert code == 0
    assert "japan-korea" in out.split()
    assert sys.modules["here_vocab_test"].LOADED is True
    assert sys.path == before
    monkeypatch.delitem(sys.modules, "here_vocab_test")


def test_entry_points_are_loaded_in_process(capsys, monkeypatch):
    loaded = []

    class Point(importlib.metadata.EntryPoint):
        def load(self):
            loaded.append(self.name)
            if self.value == "broken":
                raise ImportError("cannot import name 'vocab'")

    points = [
        Point(name="fine", value="fine", group=plugins.GROUP),
        Point(name="bad", value="broken", group=plugins.GROUP),
    ]

    def entry_points(*, group):
        assert group == "tradedispute.plugins"
        return points

    monkeypatch.setattr(plugins.metadata, "entry_points", entry_points)
    code, out, err = run(capsys, "datasets")
    assert (code, out) == (2, "")
    assert loaded == ["fine", "bad"]
    assert err == (
        "tradedispute: error: cannot load plugin 'bad' (broken, an entry point of "
        "tradedispute.plugins): ImportError: cannot import name 'vocab'\n"
    )
    points.pop()
    code, out, _ = run(capsys, "datasets")
    assert code == 0
