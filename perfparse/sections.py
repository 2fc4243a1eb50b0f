"""The heading tree (一、 / (一) / 1. / (1)) and the section path of any offset."""
from __future__ import annotations

import bisect

import regex

from .rules.units import CN_DIGITS, CN_SMALL_UNITS

# Heading markers, checked at the start of a line; the group name is the marker's style.
_HEADING = regex.compile(
    r"^[ \t\u3000]*(?:"
    r"(?P<l1>[一二三四五六七八九十]{1,3})[、.．]"
    r"|[（(](?P<l2>[一二三四五六七八九十]{1,3})[)）]"
    r"|(?P<l3>\d{1,2})(?:[、．]|\.(?!\d)|\.(?=\d{4}年)|[ \t](?=\D))"
    r"|[（(](?P<l4>\d{1,2})[)）]"
    r"|(?P<l5>[①②③④⑤⑥⑦⑧⑨⑩]))", regex.M)
_FORMAT = {"l1": "{}", "l2": "({})", "l3": "{}", "l4": "({})", "l5": "{}"}


def _ordinal(marker: str) -> int:
    # isdigit() is also true for ①, ² …, which int() refuses; isdecimal() is true exactly
    # for the digits int() reads (3, ٣, ३ …).
    if marker.isdecimal():
        return int(marker)
    if marker in "①②③④⑤⑥⑦⑧⑨⑩":
        return "①②③④⑤⑥⑦⑧⑨⑩".index(marker) + 1
    total, digit = 0, 0
    for ch in marker:
        if ch in CN_SMALL_UNITS:
            total += (digit or 1) * CN_SMALL_UNITS[ch]
            digit = 0
        else:
            digit = CN_DIGITS.get(ch, 0)
    return total + digit


class SectionIndex:
    """Section paths such as "一/(三)/1" for every offset of a text.

    A marker continues the nearest open list of its own style when it is that list's next
    number; a list that restarts at 1 below a deeper heading is a sub-list, not a new section.
    """

    def __init__(self, text: str):
        self._starts: list[int] = [0]
        self._paths: list[str] = [""]
        stack: list[tuple[str, int, str]] = []
        for m in _HEADING.finditer(text):
            style = m.lastgroup or ""
            marker = m.group(style)
            n = _ordinal(marker)
            at = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == style), None)
            if at is not None and (style == "l1" or n != 1 or at == len(stack) - 1):
                del stack[at:]
            stack.append((style, n, _FORMAT[style].format(marker)))
            self._starts.append(m.start())
            self._paths.append("/".join(label for _, _, label in stack))

    def at(self, offset: int) -> str:
        """The section path in force at `offset`.

        >>> SectionIndex("一、概况\\n(三)收支\\n1.2020年收入3万元").at(20)
        '一/(三)/1'
        """
        return self._paths[bisect.bisect_right(self._starts, offset) - 1]
