"""Generated code: the copier, record writers and state readers show their source."""

import datetime as dt
import inspect
import linecache
import traceback

import pytest

from tradedispute import DisputeState, PolicyState, WhitelistRemoved
from tradedispute.codec.converter import _converter
from tradedispute.codec.record_writer import writer_for
from tradedispute.codec.state_reader import Leaves, reader
from tradedispute.core.generated import compile_function
from tradedispute.core.state import _copier


def test_compiled_function_source_is_in_linecache():
    """A generated function's lines are registered under its made-up file name."""
    source = "def double(x):\n    return 2 * x\n"
    double = compile_function(source, "double", {}, what="double a number")
    filename = double.__code__.co_filename
    assert filename.startswith("<tradedispute generated ")
    assert "double a number" in filename
    assert "    return 2 * x\n" == linecache.getline(filename, 2)
    assert source == inspect.getsource(double)
    assert double(3) == 6


def test_traceback_through_generated_code_shows_its_line():
    """A traceback through a generated function quotes the line that failed."""
    source = "def divide(x):\n    return 1 / x\n"
    divide = compile_function(source, "divide", {}, what="divide")
    with pytest.raises(ZeroDivisionError) as caught:
        divide(0)
    text = "".join(traceback.format_exception(caught.value))
    assert "return 1 / x" in text


def test_checkcache_keeps_generated_source():
    """linecache.checkcache (run by traceback printing) does not drop the lines."""
    divide = compile_function("def f():\n    pass\n", "f", {}, what="keep")
    linecache.checkcache()
    assert "    pass\n" == linecache.getline(divide.__code__.co_filename, 2)


@pytest.mark.parametrize(
    ("function", "name"),
    [
        (lambda: _copier(PolicyState), "copy PolicyState"),
        (
            lambda: writer_for(WhitelistRemoved, _converter).write,
            "write WhitelistRemoved records",
        ),
        (
            lambda: reader(
                DisputeState,
                Leaves(date=dt.date.fromisoformat, names=frozenset, text=str),
            ),
            "read DisputeState",
        ),
    ],
)
def test_library_generated_functions_have_source(function, name):
    """The copier, the record writers and the trusted readers show their source."""
    generated = function()
    filename = generated.__code__.co_filename
    assert name in filename
    assert inspect.getsource(generated).startswith("def ")
