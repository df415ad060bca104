"""The conventions of a command line: --version, a closed pipe, help, errors."""

import argparse
import importlib.metadata
import subprocess
import sys

import pytest

from tradedispute.cli import build_parser, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- --version ---------------------------------------------------------------------


def test_version_prints_the_installed_distributions_version(capsys):
    """`--version` prints `tradedispute X.Y.Z` from the metadata, and exits 0."""
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code in (0, None)
    out, err = capsys.readouterr()
    assert out == f"tradedispute {importlib.metadata.version('tradedispute')}\n"
    assert err == ""


def test_version_through_python_dash_m():
    """`python -m tradedispute --version` prints the same line, and exits 0."""
    done = subprocess.run(
        [sys.executable, "-m", "tradedispute", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout == f"tradedispute {importlib.metadata.version('tradedispute')}\n"
    assert done.stderr == ""


# --- a closed pipe -----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["timeline", "--dataset", "japan-korea"],
        ["timeline", "--dataset", "japan-korea", "--json"],
        ["state", "--at", "2020-03-11", "--dataset", "japan-korea", "--json"],
    ],
    ids=["timeline", "timeline-json", "state-json"],
)
def test_a_reader_that_goes_away_is_no_error(argv):
    """Like `| head -1`: read one line, close the pipe; exit 0, nothing on stderr."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tradedispute", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert first
    assert "Broken pipe" not in err
    assert "Traceback" not in err
    assert err == ""


def test_output_to_a_closed_pipe_is_quiet_in_process(capsys, monkeypatch):
    """A BrokenPipeError writing stdout ends the command with 0 and no error."""

    class ClosedPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["timeline", "--dataset", "japan-korea"]) == 0
    monkeypatch.undo()
    assert capsys.readouterr().err == ""


def test_a_broken_pipe_elsewhere_is_still_an_error(capsys, monkeypatch):
    """Only stdout's reader going away is quiet; another broken pipe is told."""

    def broken(args, out):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("tradedispute.cli.timeline.run", broken)
    code, _, err = run(capsys, "timeline", "--dataset", "japan-korea")
    assert code == 2
    assert err == "tradedispute: error: [Errno 32] Broken pipe\n"


# --- help --------------------------------------------------------------------------


def parsers(
    parser: argparse.ArgumentParser, name: str = "tradedispute"
) -> list[tuple[str, argparse.ArgumentParser]]:
    """(name, parser) of the command and each of its subcommands."""
    found = [(name, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, subparser in action.choices.items():
                found += parsers(subparser, f"{name} {command}")
    return found


def test_every_argument_and_option_has_help():
    """Each positional, option and subcommand says what it is for in --help."""
    missing = []
    for name, parser in parsers(build_parser()):
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if isinstance(action, argparse._SubParsersAction):
                missing += [
                    f"{name} {choice.dest}"
                    for choice in action._choices_actions
                    if not choice.help
                ]
                continue
            if not action.help or action.help == argparse.SUPPRESS:
                shown = "/".join(action.option_strings) or action.metavar
                missing.append(f"{name} {shown or action.dest}")
    assert missing == []
    assert len(parsers(build_parser())) > 10


def test_help_shows_what_from_to_and_country_do(capsys):
    """`timeline --help` explains --from, --to (inclusive) and --country."""
    with pytest.raises(SystemExit):
        main(["timeline", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--from DATE only events from this day on (YYYY-MM-DD, inclusive)" in out
    assert "--to DATE only events up to this day (YYYY-MM-DD, inclusive)" in out
    assert "--country CODE only events involving this country" in out


# --- dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (
            "2024-02-30",
            "2024-02-30 is no day (YYYY-MM-DD): February 2024 has days 01 to 29",
        ),
        (
            "2023-02-29",
            "2023-02-29 is no day (YYYY-MM-DD): February 2023 has days 01 to 28",
        ),
        (
            "2024-04-31",
            "2024-04-31 is no day (YYYY-MM-DD): April 2024 has days 01 to 30",
        ),
        ("2024-13-01", "2024-13-01 is no day (YYYY-MM-DD): months run from 01 to 12"),
        ("2024-00-10", "2024-00-10 is no day (YYYY-MM-DD): months run from 01 to 12"),
        ("2024-05-00", "2024-05-00 is no day (YYYY-MM-DD): May 2024 has days 01 to 31"),
        ("0000-01-01", "0000-01-01 is no day (YYYY-MM-DD): years start at 0001"),
    ],
)
def test_a_day_not_in_the_calendar_says_why(capsys, day, why):
    """A well-formed day that does not exist is told so, not told the format."""
    code, out, err = run(capsys, "state", "--at", day, "--dataset", "japan-korea")
    assert code == 2
    assert out == ""
    assert err == f"tradedispute: error: argument --at: {why}\n"


@pytest.mark.parametrize("day", ["2020-3-11", "11/03/2020", "2020-03-11T00:00", "x"])
def test_a_malformed_day_is_told_the_format(capsys, day):
    """A day not written YYYY-MM-DD is told the format, as before."""
    code, _, err = run(capsys, "timeline", "--from", day, "--dataset", "japan-korea")
    assert code == 2
    assert err == (
        "tradedispute: error: argument --from: expected a date as YYYY-MM-DD, "
        f"such as 2020-03-11, not {day!r}\n"
    )


def test_a_leap_day_is_a_day(capsys):
    """2024-02-29 exists."""
    code, out, _ = run(
        capsys, "state", "--at", "2024-02-29", "--dataset", "japan-korea", "--json"
    )
    assert code == 0
    assert '"as_of": "2024-02-29"' in out


# --- state with nothing in force ---------------------------------------------------


def test_state_with_nothing_in_force_says_so(capsys):
    """No empty table: one line saying nothing was in force that day."""
    code, out, err = run(
        capsys, "state", "--at", "2019-01-01", "--dataset", "japan-korea"
    )
    assert (code, out, err) == (0, "Nothing in force on 2019-01-01\n", "")


def test_state_json_with_nothing_in_force_is_unchanged(capsys):
    """--json still prints the empty state."""
    code, out, _ = run(
        capsys, "state", "--at", "2019-01-01", "--dataset", "japan-korea", "--json"
    )
    assert code == 0
    assert '"countries": {}' in out
    assert "Nothing" not in out


def test_state_with_something_in_force_still_prints_the_table(capsys):
    """A day with measures in force prints the policy table as before."""
    code, out, _ = run(
        capsys, "state", "--at", "2019-08-30", "--dataset", "japan-korea"
    )
    assert code == 0
    assert "Policy in force on 2019-08-30" in out
    assert "Nothing in force" not in out
