"""Country codes: ISO 3166-1 alpha-3, looked up in pycountry, plus ``EUN``."""

from __future__ import annotations

import functools

import pycountry

from tradedispute.exceptions import InvalidCountryCode

#: The WTO's code for the European Union, which is a WTO member but not an
#: ISO 3166-1 country.
EUROPEAN_UNION = "EUN"


#: The member states of the European Union since 1 February 2020 (the United
#: Kingdom left on 31 January 2020). A measure aimed at ``EUN`` is aimed at
#: each of them. Membership is not dated: a measure on the EU before that
#: day is not found by a query for ``GBR``.
EU_MEMBERS = frozenset(
    {
        "AUT",
        "BEL",
        "BGR",
        "HRV",
        "CYP",
        "CZE",
        "DNK",
        "EST",
        "FIN",
        "FRA",
        "DEU",
        "GRC",
        "HUN",
        "IRL",
        "ITA",
        "LVA",
        "LTU",
        "LUX",
        "MLT",
        "NLD",
        "POL",
        "PRT",
        "ROU",
        "SVK",
        "SVN",
        "ESP",
        "SWE",
    }
)


def is_eu_member(code: str) -> bool:
    """Tell whether *code* is a member state of the European Union (`EU_MEMBERS`)."""
    return code in EU_MEMBERS


@functools.cache
def _alpha_3_codes() -> frozenset[str]:
    return frozenset(country.alpha_3 for country in pycountry.countries)


def is_country_code(code: object) -> bool:
    """Tell whether *code* is an accepted country code."""
    return isinstance(code, str) and (
        code == EUROPEAN_UNION or code in _alpha_3_codes()
    )


def check_country_code(code: object) -> str:
    """Return *code* if it is accepted, else raise `InvalidCountryCode`.

    The message suggests the code the caller probably meant: the upper-case
    form, or the alpha-3 code of an alpha-2 code or a country name.
    """
    if is_country_code(code):
        return code  # type: ignore[return-value]  # is_country_code checked str
    raise InvalidCountryCode(
        f"{code!r} is not an ISO 3166-1 alpha-3 country code"
        f"{_suggestion(code)}; use codes such as 'JPN' or 'KOR', "
        f"or {EUROPEAN_UNION!r} for the European Union",
        code=code,
    )


def _suggestion(code: object) -> str:
    if not isinstance(code, str) or not code.strip():
        return ""
    text = code.strip()
    if is_country_code(text.upper()):
        return f" (did you mean {text.upper()!r}?)"
    country = pycountry.countries.get(alpha_2=text.upper())
    if country is None:
        try:
            country = pycountry.countries.lookup(text)
        except LookupError:
            return ""
    return f" (did you mean {country.alpha_3!r}, {country.name}?)"
