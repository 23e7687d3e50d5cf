"""Keep a minified file's source map true after text is inserted or replaced on its lines."""

from __future__ import annotations

import bisect

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
DIGIT = {c: i for i, c in enumerate(B64)}


def decode_segment(text: str) -> list[int]:
    values, value, shift = [], 0, 0
    for char in text:
        digit = DIGIT[char]
        value += (digit & 31) << shift
        shift += 5
        if not digit & 32:
            values.append(-(value >> 1) if value & 1 else value >> 1)
            value, shift = 0, 0
    return values


def encode_segment(values: list[int]) -> str:
    out = []
    for number in values:
        value = (-number << 1) | 1 if number < 0 else number << 1
        while True:
            digit, value = value & 31, value >> 5
            out.append(B64[digit | (32 if value else 0)])
            if not value:
                break
    return "".join(out)


def shift_columns(mappings: str, changes: list[tuple[int, int, int, int]]) -> str:
    """The `mappings` of a source map after `changes` to its generated file.

    Each change is (line, column, old_length, new_length): the text at that place of the old
    file replaced by text of another length, with no line break added or removed. A segment after
    a change moves by the difference; one inside a replaced stretch stays at its start.
    """
    by_line: dict[int, list[tuple[int, int, int]]] = {}
    for line, column, old, new in sorted(changes):
        by_line.setdefault(line, []).append((column, old, new))
    lines = mappings.split(";")
    for line, line_changes in by_line.items():
        ends = [column + old for column, old, _ in line_changes]
        deltas, total = [], 0
        for _, old, new in line_changes:
            total += new - old
            deltas.append(total)
        segments = [decode_segment(s) for s in lines[line].split(",") if s]
        column, shifted = 0, []
        for segment in segments:
            column += segment[0]
            done = bisect.bisect_right(ends, column)  # changes wholly before this segment
            moved = column + (deltas[done - 1] if done else 0)
            if done < len(line_changes) and line_changes[done][0] < column:
                moved = line_changes[done][0] + (deltas[done - 1] if done else 0)
            shifted.append([moved, *segment[1:]])
        previous, encoded = 0, []
        for segment in shifted:
            encoded.append(encode_segment([segment[0] - previous, *segment[1:]]))
            previous = segment[0]
        lines[line] = ",".join(encoded)
    return ";".join(lines)
