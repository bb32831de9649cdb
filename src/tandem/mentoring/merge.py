"""Three-way merge of plain text, line by line, for the shared session record.

Two people edit from the same saved version (the *base*). Changes to
different lines combine; text both added at the same place is kept, theirs
first; only changes to the same lines conflict, and then nothing is merged.
"""

from __future__ import annotations

from difflib import SequenceMatcher

Change = tuple[int, int, list[str]]  # base[start:end] is replaced by lines


def _changes(base: list[str], other: list[str]) -> list[Change]:
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [
        (i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"  # the last line compares equal whether or not it ends the text
    return lines


def merge3(base: str, mine: str, theirs: str) -> str | None:
    """The merged text, or None when both changed the same lines differently."""
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    b = _lines(base)
    ours, others = _changes(b, _lines(mine)), _changes(b, _lines(theirs))
    merged: list[Change] = []
    for start, end, lines in others:
        for o_start, o_end, o_lines in ours:
            both_insert_here = start == end == o_start == o_end
            overlap = start < o_end and o_start < end
            touching_replace = (start == end and o_start < start < o_end) or (
                o_start == o_end and start < o_start < end
            )
            same_spot = start == o_start and (start != end or o_start != o_end)
            if (overlap or touching_replace or same_spot) and lines != o_lines:
                return None
            if both_insert_here and lines == o_lines:
                lines = []  # identical additions are kept once
        merged.append((start, end, lines))
    merged.extend(ours)
    # Apply from the end so earlier positions stay valid. At one position the
    # later-listed change (mine) goes in first, so theirs ends up before it.
    result = list(b)
    for _index, (start, end, lines) in sorted(
        enumerate(merged), key=lambda item: (item[1][0], item[0]), reverse=True
    ):
        result[start:end] = lines
    text = "".join(result)
    return text if mine.endswith("\n") or theirs.endswith("\n") else text.removesuffix("\n")
