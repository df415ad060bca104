"""Compiling the functions the library writes for itself, with their source on record.

The state copier (`tradedispute.core.state.evolve`), the record writers
(`tradedispute.codec.record_writer`) and the trusted state readers
(`tradedispute.codec.state_reader`) are written once per class as Python
source and compiled, as attrs and cattrs write ``__init__`` and structure
functions. Each is compiled under a file name of its own, and its source is
registered with `linecache` under that name, so that a traceback through
one shows its lines, and so do debuggers and ``inspect.getsource``.
"""

from __future__ import annotations

import itertools
import linecache
from collections.abc import Callable
from typing import Any

__all__ = ["compile_function"]

_counter = itertools.count(1)


def compile_function(
    source: str, name: str, namespace: dict[str, Any], *, what: str
) -> Callable[..., Any]:
    """Compile *source*, which defines the function *name*, in *namespace*.

    Returns the function. *what* (say ``"copy DisputeState"``) names it in
    the made-up file name ``<tradedispute generated N: what>`` that tracebacks
    show, whose lines `linecache` then holds.
    """
    filename = f"<tradedispute generated {next(_counter)}: {what}>"
    code = compile(source, filename, "exec")
    # The entry's mtime of None tells linecache.checkcache never to drop it.
    linecache.cache[filename] = (
        len(source),
        None,
        source.splitlines(keepends=True),
        filename,
    )
    exec(code, namespace)
    function: Callable[..., Any] = namespace[name]
    return function
