"""The functional core: events, states, reducers and replay, and nothing else.

Everything here is pure: immutable values and functions of them, with no
I/O, no clock and no process-wide state beyond the registry of event types.
It imports only itself and `tradedispute.exceptions`; the shell (codec,
stores, log, CLI, charts) imports it, never the other way round. A test
(``tests/test_architecture.py``) keeps it so.

Internal: users import from `tradedispute` and its public submodules.
"""
