"""Chinese numerals ↔ integers, as used in legislative numbering.

Handles the forms found in statute books: 十, 十二, 二十, 一百零五, 一千二百六十,
两百, 〇/零 placeholders, and digit-by-digit years (二〇二四).  Stdlib only.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

#: Character class of one Chinese or Arabic numeral, for use inside patterns.
NUMERAL_CHARS = "〇零一二三四五六七八九两十百千万0-9０-９"


@lru_cache(maxsize=4096)
def cn_to_int(text: str) -> int:
    """Parse a Chinese (or Arabic, half- or full-width) numeral.

    >>> cn_to_int("一千二百六十"), cn_to_int("十三"), cn_to_int("一百零五")
    (1260, 13, 105)
    """
    text = text.translate(_FULLWIDTH)
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS and c not in _UNITS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(c in _DIGITS for c in text):  # 二〇二四: digit by digit
        return int("".join(str(_DIGITS[c]) for c in text))
    total, section, digit = 0, 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
            continue
        unit = _UNITS[char]
        if unit == 10000:
            total += (section + (digit or 0)) * unit
            section = 0
        else:
            section += (digit or 1) * unit  # 十 alone or after 零 (一万零十) is 一十
        digit = None
    return total + section + (digit or 0)


def int_to_cn(number: int) -> str:
    """Render an integer as drafters write it: 10 → 十, 105 → 一百零五, 1260 → 一千二百六十."""
    if number < 0:
        raise ValueError("negative numbers are not numbered provisions")
    if number == 0:
        return "零"
    names = "零一二三四五六七八九"
    if number < 20 and number >= 10:
        return "十" + (names[number - 10] if number > 10 else "")
    if number >= 10000:
        high, low = divmod(number, 10000)
        tail = int_to_cn(low) if low else ""
        joiner = "零" if 0 < low < 1000 else ""
        if joiner and tail.startswith("十"):
            tail = "一" + tail  # 一万零一十, as after 千 and 百
        return int_to_cn(high) + "万" + joiner + tail
    out, zero_pending = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if zero_pending:
                out.append("零")
            out.append(names[digit] + unit)
            zero_pending = False
        elif out:
            zero_pending = True
    return "".join(out)


_CN_DATE = re.compile(
    rf"([{NUMERAL_CHARS}]{{4}})\s*年\s*([{NUMERAL_CHARS}]{{1,3}})\s*月\s*([{NUMERAL_CHARS}]{{1,3}})\s*日"
)


def find_dates(text: str) -> list[tuple[int, int, int, int, int]]:
    """All ``YYYY年M月D日`` dates in ``text`` (Arabic or Chinese numerals), as
    ``(year, month, day, start, end)``; impossible dates are skipped."""
    found = []
    for match in _CN_DATE.finditer(text):
        try:
            year, month, day = (cn_to_int(g) for g in match.groups())
        except ValueError:
            continue
        try:
            date(year, month, day)
        except ValueError:
            continue  # 2月30日: not a date
        if 1800 < year < 2200:
            found.append((year, month, day, match.start(), match.end()))
    return found
