"""The built-in reducers: one pure function per event type.

Each takes the state an event meets and returns the state after it, or raises
`InvalidTransition` naming the rule the event breaks. The rules' names are
stable; docs/concepts.md lists them. Importing this package registers them.
"""

from tradedispute.core.reducers import (
    agreements,
    export_controls,
    measures,
    negotiation,
    people,
    wto,
)
from tradedispute.core.reducers._common import reject

__all__ = [
    "agreements",
    "export_controls",
    "measures",
    "negotiation",
    "people",
    "reject",
    "wto",
]
