"""The layers of the package, checked by reading every module's imports.

Data flows down: cli → charts → log → stores → codec → core. The core (events,
states, reducers, replay, views) imports only itself and the exceptions; no
layer imports one above it. `.ci/run` runs this with the rest of the suite,
so a change that breaks the layering fails CI.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "tradedispute"

#: For each part of the package, the parts of it (and third-party packages)
#: its modules may import. Standard-library imports are always allowed.
ALLOWED = {
    "_runtime": set(),
    "exceptions": set(),
    "core": {"core", "exceptions", "attrs", "pycountry"},
    "codec": {"codec", "core", "exceptions", "_runtime", "attrs", "cattrs", "orjson"},
    "views": {"core", "exceptions", "pandas"},
    "stores": {
        "stores",
        "codec",
        "core",
        "exceptions",
        "_runtime",
        "attrs",
        "psycopg",
        "psycopg_pool",
    },
    "log": {
        "log",
        "stores",
        "codec",
        "core",
        "views",
        "exceptions",
        "_runtime",
        "attrs",
    },
    "datasets": {"datasets", "log", "stores", "codec", "exceptions"},
    "charts": {
        "charts",
        "log",
        "core",
        "views",
        "exceptions",
        "attrs",
        "matplotlib",
        "pycountry",
    },
    "testing": {
        "testing",
        "log",
        "stores",
        "codec",
        "core",
        "exceptions",
        "attrs",
        "hypothesis",
    },
    "cli": {
        "cli",
        "charts",
        "datasets",
        "log",
        "stores",
        "codec",
        "core",
        "views",
        "exceptions",
        "rich",
    },
    "__init__": {
        "codec",
        "core",
        "exceptions",
        "log",
        "stores",
        "views",
    },
    "__main__": {"cli"},
}

STDLIB = frozenset(__import__("sys").stdlib_module_names)


def part_of(module: Path) -> str:
    """The part of the package a module belongs to: its first folder or its name."""
    relative = module.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imported(module: Path) -> set[str]:
    """The parts of tradedispute and the top-level packages *module* imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
            if node.module == "tradedispute":
                names = [f"tradedispute.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "tradedispute":
                found.add(parts[1] if len(parts) > 1 else "__init__")
            elif parts[0] not in STDLIB and parts[0] != "__future__":
                found.add(parts[0])
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_part_of_the_package_has_its_rule():
    """A new folder or top-level module gets a line in ALLOWED, on purpose."""
    assert set() == {part_of(module) for module in MODULES} - ALLOWED.keys()


@pytest.mark.parametrize(
    "module", MODULES, ids=[str(m.relative_to(PACKAGE)) for m in MODULES]
)
def test_imports_follow_the_layers(module):
    """Each module imports only from its own layer and the layers beneath it."""
    part = part_of(module)
    assert set() == imported(module) - ALLOWED[part] - {part}


def test_the_core_needs_no_shell_at_run_time():
    """Importing the core loads neither the codec, nor stores, log, CLI or charts."""
    import subprocess
    import sys

    code = (
        "import sys, tradedispute.core.replay, tradedispute.core.views, "
        "tradedispute.core.reducers;"
        "print(sorted({m.split('.')[1] for m in sys.modules "
        "if m.startswith('tradedispute.')}))"
    )
    # The package's __init__ loads the facade; ask for the core's own needs by
    # stubbing the package so only what the core imports gets loaded.
    stub = (
        "import sys, types, pathlib;"
        f"pkg = types.ModuleType('tradedispute'); pkg.__path__ = [{str(PACKAGE)!r}];"
        "sys.modules['tradedispute'] = pkg;"
    )
    result = subprocess.run(
        [sys.executable, "-c", stub + code],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "['core', 'exceptions']" == result.stdout.strip()
