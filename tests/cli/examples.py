"""The example logs that docs/cli.md reads, built with the public API.

``china-australia.jsonl`` holds China's measures against Australian goods,
2020–2024, with the built-in kinds; ``informal.jsonl`` holds events of the
plugin the page shows (``informal_bans.py``), so it opens only with that
plugin loaded.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import sys
from pathlib import Path

from tradedispute import (
    EventLog,
    MeasureImposed,
    MeasureLifted,
    MeasureMadeDefinitive,
    Products,
    Rate,
)

ROOT = Path(__file__).parents[2]
D = dt.date

#: The plugin docs/cli.md shows, by its module name.
PLUGIN = "informal_bans"


def china_australia() -> list:
    """China's measures against Australian goods, 2020–2024, as reported."""
    return [
        MeasureImposed(
            id="cn-beef-plants-2020-05",
            measure="cn-beef-plants",
            actor="CHN",
            targets={"AUS"},
            kind="SPS/TBT suspension",
            products=Products(hs=["0201", "0202"]),
            legal_basis="labelling and health certificate breaches",
            note="imports from four Australian meatworks suspended",
            effective=D(2020, 5, 12),
        ),
        MeasureImposed(
            id="cn-barley-ad-2020-05",
            measure="cn-barley-ad",
            actor="CHN",
            targets={"AUS"},
            kind="anti-dumping duty",
            products=Products(hs=["1003"]),
            rate=Rate(percent=73.6),
            legal_basis="MOFCOM barley anti-dumping ruling",
            effective=D(2020, 5, 19),
        ),
        MeasureImposed(
            id="cn-barley-cvd-2020-05",
            measure="cn-barley-cvd",
            actor="CHN",
            targets={"AUS"},
            kind="countervailing duty",
            products=Products(hs=["1003"]),
            rate=Rate(percent=6.9),
            legal_basis="MOFCOM barley anti-subsidy ruling",
            effective=D(2020, 5, 19),
        ),
        MeasureImposed(
            id="cn-wine-ad-2020-11",
            measure="cn-wine-ad",
            actor="CHN",
            targets={"AUS"},
            kind="anti-dumping duty",
            products=Products(hs=["2204.21"], edition="HS2017"),
            rate=Rate(low=107.1, high=212.1),
            legal_basis="MOFCOM wine anti-dumping ruling",
            provisional=True,
            note="provisional deposits, by exporter",
            effective=D(2020, 11, 28),
        ),
        MeasureMadeDefinitive(
            id="cn-wine-ad-2021-03",
            measure="cn-wine-ad",
            rate=Rate(low=116.2, high=218.4),
            expires=D(2026, 3, 28),
            effective=D(2021, 3, 28),
        ),
        MeasureLifted(
            id="cn-barley-ad-lifted-2023-08",
            measure="cn-barley-ad",
            effective=D(2023, 8, 5),
        ),
        MeasureLifted(
            id="cn-barley-cvd-lifted-2023-08",
            measure="cn-barley-cvd",
            effective=D(2023, 8, 5),
        ),
        MeasureLifted(
            id="cn-wine-ad-lifted-2024-03",
            measure="cn-wine-ad",
            effective=D(2024, 3, 29),
        ),
    ]


def plugin_source() -> str:
    """The source of ``informal_bans.py``, as docs/cli.md shows it."""
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    (source,) = re.findall(
        rf"^```\{{\.python notest\}}\n(# {PLUGIN}\.py\n.*?)^```", page, re.M | re.S
    )
    return source


def write_examples(folder: Path) -> None:
    """Write the plugin and both example logs into *folder*."""
    with EventLog.open(folder / "china-australia.jsonl") as log:
        log.extend(china_australia())
    (folder / f"{PLUGIN}.py").write_text(plugin_source(), encoding="utf-8")
    sys.path.insert(0, str(folder))
    try:
        plugin = importlib.import_module(PLUGIN)
    finally:
        sys.path.remove(str(folder))
    with EventLog.open(folder / "informal.jsonl") as log:
        log.extend(
            [
                plugin.TravelWarningIssued(
                    id="cn-travel-warning-2020-06",
                    actor="CHN",
                    target="AUS",
                    warning="racial discrimination and violence against Asians",
                    effective=D(2020, 6, 5),
                ),
                MeasureImposed(
                    id="cn-coal-2020-10",
                    measure="cn-coal",
                    actor="CHN",
                    targets={"AUS"},
                    kind="informal ban",
                    products=Products(hs=["2701"]),
                    note="customs reportedly told to stop clearing Australian coal",
                    effective=D(2020, 10, 13),
                ),
            ]
        )
