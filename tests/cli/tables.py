"""Reading back what the command line printed: the rows of its tables."""

VERTICALS = "│┃"


def table_rows(out: str) -> list[list[str]]:
    """The cells of each one-line row of the tables in *out*, headers included.

    A row is a line that starts with a box's vertical line; its cells are
    what lies between the verticals, stripped.
    """
    rows = []
    for line in out.splitlines():
        if line[:1] in VERTICALS:
            for vertical in VERTICALS:
                line = line.replace(vertical, "|")
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows
