"""The public JSON of a `DisputeState`, as ``tradedispute state --json`` prints it.

The document itself is built in the core (`DisputeState.to_dict`), since
it is data shaping with no I/O; this module writes it as text (`to_json`)
and keeps the names the command line and older code import. The layout is
documented in ``docs/cli.md``.
"""

from __future__ import annotations

import json

from tradedispute.core.arguments import DayLike
from tradedispute.core.state import DisputeState
from tradedispute.core.state_document import (
    intervention_to_dict as intervention_to_json,
)
from tradedispute.core.state_document import products_to_dict as products_to_json
from tradedispute.core.state_document import rate_to_dict as rate_to_json
from tradedispute.core.state_document import state_to_dict as state_to_json

__all__ = [
    "intervention_to_json",
    "products_to_json",
    "rate_to_json",
    "state_to_json",
    "to_json",
]


def to_json(state: DisputeState, as_of: DayLike, *, indent: int | None = 2) -> str:
    """Return *state*, the state on *as_of*, as JSON text.

    The text is `DisputeState.to_dict` written by the standard library,
    text outside ASCII kept as it is: with the default *indent* it is what
    ``tradedispute state --json`` prints, without the final newline.

    Args:
        state: What was in force, e.g. ``log.state_at(as_of)``.
        as_of: The day *state* describes: a `datetime.date`, its ISO text
            or a midnight `datetime.datetime` (a pandas ``Timestamp``).
        indent: Spaces per level; `None` writes one line.

    Raises:
        InvalidQuery: *as_of* is not a day.
    """
    return json.dumps(state.to_dict(as_of), indent=indent, ensure_ascii=False)
