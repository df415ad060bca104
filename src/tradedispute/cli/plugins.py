"""Plugins: the user modules that teach the command line their vocabulary.

A log may hold events of types a user defined (registered with
``@tradedispute.reducer``) and measures of kinds a user declared
(``tradedispute.measure_kind``). The command line knows them once the module
that defines them is imported: every entry point of the group
``tradedispute.plugins`` of the installed distributions, then each module
named with ``--plugin MODULE``, before any log is opened.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from importlib import metadata

from tradedispute.cli.options import UsageError

__all__ = ["GROUP", "PluginError", "add_option", "load"]

#: The entry-point group a distribution declares its plugins in.
GROUP = "tradedispute.plugins"


class PluginError(UsageError):
    """A plugin could not be loaded: exit 2."""


def add_option(parser: argparse.ArgumentParser) -> None:
    """Add the global ``--plugin MODULE`` (repeatable) to the command."""
    parser.add_argument(
        "--plugin",
        action="append",
        default=[],
        metavar="MODULE",
        help=(
            "import MODULE first, so that the event types and measure kinds it "
            "registers are known (repeatable; installed, on PYTHONPATH or in "
            "the current folder)"
        ),
    )


def load(modules: Sequence[str]) -> None:
    """Load the installed entry points of `GROUP`, then import *modules*.

    Raises:
        PluginError: a plugin fails to load; the message names it and the
            error its import raised.
    """
    for entry_point in metadata.entry_points(group=GROUP):
        _load(
            f"plugin {entry_point.name!r} ({entry_point.value}, an entry point "
            f"of {GROUP})",
            entry_point.load,
        )
    for module in modules:
        _load(f"plugin {module!r}", functools.partial(_import, module))


def _load(what: str, load: Callable[[], object]) -> None:
    try:
        load()
    except Exception as error:  # a plugin may raise anything
        detail = " ".join(str(error).split()) or "(no message)"
        raise PluginError(
            f"cannot load {what}: {type(error).__name__}: {detail}"
        ) from None


def _import(module: str) -> object:
    """Import *module*, looking in the current folder after the usual places."""
    if (
        not module
        or module.startswith(".")
        or module.endswith(".py")
        or os.sep in module
        or "/" in module
    ):
        raise ValueError(
            f"{module!r} is not a module name; give one as you would import it, "
            "such as my_vocabulary or mypackage.plugin, without '.py'"
        )
    here = os.getcwd()
    sys.path.append(here)
    try:
        return importlib.import_module(module)
    finally:
        # Remove the entry added: the last one, as the folder may be there already.
        if here in sys.path:
            del sys.path[len(sys.path) - 1 - sys.path[::-1].index(here)]
