"""The renderer's own wrap of narrow text is rich's wrap, at less cost.

Rule: for text of narrow characters without tabs, `render.wrap` gives the lines
rich's ``Text(text, overflow="fold").wrap`` gives, right-stripped: breaks
at spaces, a word wider than the line folded.
"""

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from tradedispute.cli.render import _ESCAPES, NARROW_RANGES, safe, wrap

PRINTER = Console(width=200, color_system=None)

# Words of letters, digits and punctuation, spaces between them (one or many).
ascii_lines = st.text(
    alphabet=st.sampled_from("ab-,.;:0123456789 ()/%  "), max_size=200
)


def rich_wrap(text: str, width: int) -> list[str]:
    lines = Text(text, overflow="fold").wrap(PRINTER, width)
    return [line.plain.rstrip() for line in lines]


@given(text=ascii_lines, width=st.integers(1, 60))
def test_an_ascii_line_wraps_as_rich_wraps_it(text: str, width: int) -> None:
    assert rich_wrap(text, width) == wrap(PRINTER, text, width)


@given(
    text=st.text(st.sampled_from("ab 界語\tçé\n"), max_size=60),
    width=st.integers(2, 30),
)
def test_other_text_is_wrapped_by_rich(text: str, width: int) -> None:
    assert rich_wrap(text, width) == wrap(PRINTER, text, width)


def test_a_word_wider_than_the_line_folds() -> None:
    assert ["ab", "abcd", "efgh", "ij", "kl"] == wrap(PRINTER, "ab abcdefghij kl", 4)


def test_each_narrow_character_is_one_column_as_rich_counts() -> None:
    """The renderer's own count (len) is rich's for every character it calls narrow."""
    for first, last in NARROW_RANGES:
        for code in range(first, last + 1):
            assert (chr(code), 1) == (chr(code), cell_len(chr(code)))


@given(
    text=st.text(
        alphabet=st.sampled_from("ab -é→—…│ \n").map(str),
        max_size=120,
    ),
    width=st.integers(1, 40),
)
def test_a_line_of_narrow_characters_wraps_as_rich_wraps_it(
    text: str, width: int
) -> None:
    assert rich_wrap(text, width) == wrap(PRINTER, text, width)


@given(text=st.text(max_size=40))
def test_safe_text_escapes_exactly_what_translating_escapes(text: str) -> None:
    """Searching first for a control is a shortcut, never a change of output."""
    assert text.translate(_ESCAPES) == safe(text)
