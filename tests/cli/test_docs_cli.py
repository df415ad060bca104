"""Every console example in the docs and the README runs and prints what it shows.

How an example is read, so that a page's author knows what to write:

* A ```` ```console ```` block is a list of commands, each a line starting
  ``$ ``, each followed by what it prints (stdout, then stderr), up to the
  next ``$ `` line or the end of the block.
* A block whose commands all start ``$ tradedispute `` is run: each command
  goes through `tradedispute.cli.main` in-process, its arguments split as a
  shell would split them (`shlex`). A block with no such command sets up a
  machine (``$ pip install ...``, ``$ .venv/bin/pytest``, the README's two
  set-up lines, which have no ``$``) and is skipped. A block that mixes the
  two is an error: split it.
* The printed lines must equal the lines shown, trailing spaces aside. Two
  things elide: a line that is ``...`` stands for any number of lines (none
  included), and a line ending in `` ...`` for one line that starts with
  what comes before the space and dots. The exit status is not compared.
* Each block runs in a fresh folder holding what the docs assume: the
  ``dispute.jsonl`` of docs/cli.md (a copy of the shipped record,
  ``src/tradedispute/datasets/japan-korea.jsonl``), its ``broken.jsonl``
  (that copy with line 2 cut short and the actor of line 21 set to ``XXX``),
  the measures of ``china-australia.jsonl``, the plugin ``informal_bans.py``
  as docs/cli.md shows it and its ``informal.jsonl`` (all written by
  `tests.cli.examples`), and an empty ``docs/images/`` as in a clone. The commands of one block
  share the folder, in order. Help is printed for 80 columns.
"""

import contextlib
import difflib
import io
import json
import re
import shlex
import struct
from pathlib import Path

import pytest

from tests.cli.examples import write_examples
from tradedispute.cli import build_parser, main

ROOT = Path(__file__).parents[2]
PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
RECORD = ROOT / "src" / "tradedispute" / "datasets" / "japan-korea.jsonl"
PROMPT = "$ "
OURS = "$ tradedispute "
BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)


def console_blocks() -> list[tuple[str, list[str]]]:
    """(page:line, lines) of every console block of the docs and the README."""
    blocks = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            blocks.append((f"{page.name}:{line}", match.group(1).splitlines()))
    return blocks


def commands(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(command, expected lines) of each ``$`` line of a block."""
    found: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith(PROMPT):
            found.append((line, []))
        elif found:
            found[-1][1].append(line)
    return found


def ours(block: list[str]) -> bool:
    """Whether a block is a tradedispute example; fails on a mixed block."""
    shown = [command for command, _ in commands(block)]
    run = [command for command in shown if command.startswith(OURS)]
    assert run == [] or run == shown, f"split tradedispute from other commands: {shown}"
    return bool(run)


EXAMPLES = [(where, block) for where, block in console_blocks() if ours(block)]


def matches(expected: list[str], printed: list[str]) -> bool:
    """Whether printed lines match expected ones, with ``...`` elisions."""
    pattern = ""
    for line in expected:
        if line == "...":
            pattern += r"(?:[^\n]*\n)*"
        elif line.endswith(" ..."):
            pattern += re.escape(line.removesuffix(" ...")) + r"[^\n]*\n"
        else:
            pattern += re.escape(line.rstrip()) + r"\n"
    text = "".join(line.rstrip() + "\n" for line in printed)
    return re.fullmatch(pattern, text) is not None


@pytest.fixture
def clone(tmp_path, monkeypatch) -> Path:
    """A working folder with what the examples read."""
    records = RECORD.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "dispute.jsonl").write_text("".join(records), encoding="utf-8")
    broken = list(records)
    broken[1] = broken[1][:40] + "\n"
    record = json.loads(broken[20])
    record["actor"] = "XXX"
    broken[20] = json.dumps(record, ensure_ascii=False) + "\n"
    (tmp_path / "broken.jsonl").write_text("".join(broken), encoding="utf-8")
    write_examples(tmp_path)
    (tmp_path / "docs" / "images").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    return tmp_path


def run(command: str) -> list[str]:
    """Run a ``$ tradedispute`` line in-process; return what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        contextlib.suppress(SystemExit),  # argparse exits after --help
    ):
        main(shlex.split(command.removeprefix(OURS)))
    return (out.getvalue() + err.getvalue()).splitlines()


@pytest.mark.parametrize(
    "block", [block for _, block in EXAMPLES], ids=[where for where, _ in EXAMPLES]
)
def test_example_prints_what_it_shows(clone, block):
    """Each tradedispute command in a console block prints the lines shown."""
    for command, expected in commands(block):
        printed = run(command)
        if not matches(expected, printed):
            diff = "\n".join(difflib.unified_diff(expected, printed, lineterm=""))
            pytest.fail(f"{command}\nprinted other lines than shown:\n{diff}")


def test_the_rules_of_examples():
    """`...` stands for lines, `text ...` for a line's rest; the rest is exact."""
    printed = ["one", "two  ", "three", "four and more"]
    assert matches(["one", "...", "four and ..."], printed)
    assert matches(["one", "two", "three", "four and more"], printed)
    assert matches(["...", "one", "...", "..."], printed)
    assert not matches(["one", "two"], printed)
    assert not matches(["one", "...", "four and less"], printed)
    assert not matches(["one", "x ...", "three", "four and more"], printed)
    assert not ours(["$ pip install tradedispute", "$ .venv/bin/pytest"])
    with pytest.raises(AssertionError, match="split"):
        ours(["$ pip install tradedispute", "$ tradedispute datasets"])


def test_every_command_has_an_example_in_the_cli_page():
    """docs/cli.md runs an example of every command, and one with --known-at."""
    page = [block for where, block in EXAMPLES if where.startswith("cli.md:")]
    shown = [shlex.split(c.removeprefix(OURS)) for b in page for c, _ in commands(b)]
    parser = build_parser()
    (subcommands,) = [
        action.choices for action in parser._actions if isinstance(action.choices, dict)
    ]
    assert set(subcommands) <= {argv[0] for argv in shown}
    assert {"--known-at"} <= {arg for argv in shown for arg in argv}
    assert {"--help"} <= {arg for argv in shown for arg in argv}


# --- the chart in the README -------------------------------------------------------

REGENERATE = "$ tradedispute plot --dataset japan-korea -o docs/images/japan-korea.png"


def png_size(data: bytes) -> tuple[int, int]:
    assert b"\x89PNG\r\n\x1a\n" == data[:8]
    return struct.unpack(">II", data[16:24])


def test_the_readme_chart_is_regenerated_by_the_documented_command(clone):
    """docs/charts.md's command rewrites the README's chart at its pixel size."""
    documented = [
        command
        for where, block in EXAMPLES
        if where.startswith("charts.md:")
        for command, _ in commands(block)
    ]
    assert REGENERATE in documented
    assert ["wrote docs/images/japan-korea.png"] == run(REGENERATE)
    committed = (ROOT / "docs" / "images" / "japan-korea.png").read_bytes()
    made = (clone / "docs" / "images" / "japan-korea.png").read_bytes()
    assert png_size(committed) == png_size(made)


def test_the_readme_shows_the_chart():
    """The README shows the committed chart and points to the charts page."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    image = re.search(r"!\[[^\]]+\]\((docs/images/japan-korea\.png)\)", readme)
    assert image is not None
    assert (ROOT / image.group(1)).is_file()
    assert "(docs/charts.md)" in readme[image.end() :].split("\n\n", 2)[1]
