"""Character-level diff of Chinese text with diff-match-patch.

Chinese has no spaces, so the unit is the character; but a changed reference
(``第十三条`` → ``第十七条``, ``第二款``) must read as one token, not as ``三``→``七``.
Texts are therefore tokenised first — every reference ``第…条/款/项/章/节/编``
(with ``之一``) is one token, every other character its own — and each token is
mapped to one private code point, the way diff-match-patch's own
``diff_linesToChars`` works for lines.  The diff runs on those strings, with
semantic cleanup, and each edit is read back from the source by position (a
code stands for one whole token), so an edit never splits a token.
``Diff_Timeout`` is 0: the result depends only on the inputs, never on load.

Every character keeps its place in a private plane: the BMP character U+XXXX
becomes U+FXXXX, one byte changed in its UTF-32 form for the whole string at
once, never a Python loop over characters; the few multi-character tokens (and
any character beyond the BMP) get codes of their own in plane 16.  Which code a
token gets does not matter: diff-match-patch only compares code points for
equality and, in its semantic cleanup, asks whether they are letters, digits,
spaces or line breaks, which no private code point is.
"""

from __future__ import annotations

import bisect
import re

from diff_match_patch import diff_match_patch

from .numerals import NUMERAL_CHARS

Op = tuple[int, str]  # (-1 deleted | 0 kept | 1 inserted, text)
_REFERENCE = rf"第[{NUMERAL_CHARS}]+[条款项章节编目](?:之[一二三四五六七八九十]+)?"
#: Tokens that are not one BMP character: references, and characters beyond the BMP.
_SPECIAL = re.compile(rf"{_REFERENCE}|[\U00010000-\U0010FFFF]")
#: The same for a text without characters beyond the BMP (nearly every text): a
#: pattern that starts with a literal is searched for that literal alone, in half the time.
_SPECIAL_BMP = re.compile(_REFERENCE)
_SHIFTED = 0x0F  # third UTF-32 byte of U+FXXXX (Private Use Area-A)


def diff_text(old: str, new: str) -> tuple[Op, ...]:
    """Edits turning ``old`` into ``new``; joining the 0 and 1 texts gives ``new``."""
    if old == new:
        return ((0, old),) if old else ()
    if not old or not new:  # what diff-match-patch answers too
        return ((1, new),) if new else ((-1, old),)
    old_matches, new_matches = _specials(old), _specials(new)
    single = _single_edit(old, new, old_matches, new_matches)
    if single is not None:
        return single
    specials = dict.fromkeys(match[0] for match in old_matches + new_matches)
    codes = dict(zip(specials, map(chr, range(0x100000, 0x100000 + len(specials)))))
    old_coded, new_coded = _Coded(old, old_matches, codes), _Coded(new, new_matches, codes)
    diffs = _ENGINE.diff_main(old_coded.text, new_coded.text, False)
    _ENGINE.diff_cleanupSemantic(diffs)
    ops, at_old, at_new = [], 0, 0
    for op, text in diffs:
        if op <= 0:
            ops.append((op, old_coded.original(at_old, at_old + len(text))))
            at_old += len(text)
        else:
            ops.append((op, new_coded.original(at_new, at_new + len(text))))
        if op >= 0:
            at_new += len(text)
    return tuple(op for op in ops if op[1])


def _specials(text: str) -> list[re.Match]:
    """The special tokens of ``text``: UTF-16 is longer than two bytes a
    character only if some character lies beyond the BMP."""
    beyond_bmp = len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text)
    return list((_SPECIAL if beyond_bmp else _SPECIAL_BMP).finditer(text))


def _single_edit(old: str, new: str, old_matches: list[re.Match],
                 new_matches: list[re.Match]) -> tuple[Op, ...] | None:
    """The edits of a pure insertion or deletion (most amendments to a 款:
    ``增加``, ``删去``), worked out without diff-match-patch, or None for any
    other edit.  The same edits as the full path, which for one edit comes down
    to where the edit stands in the range it could slide over: diff-match-patch
    puts it after the longest common prefix (``k``) and then moves it only to
    the very start, when the text before it is a suffix of the edit (its
    ``diff_cleanupMerge``); its semantic cleanup scores every place inside the
    range alike, as no private code point is a letter, digit or space, and keeps
    the rightmost.  That holds character for character only when no special
    token touches the range (a token is one code): otherwise None."""
    short, long, op = (old, new, 1) if len(old) < len(new) else (new, old, -1)
    size = len(long) - len(short)
    if not size:
        return None
    k = _ENGINE.diff_commonPrefix(short, long)
    if long[k + size:] != short[k:]:
        return None
    low = len(short) - _ENGINE.diff_commonSuffix(short, long)  # the leftmost place the edit can slide to
    for matches, high in ((old_matches, k + size * (op < 0)), (new_matches, k + size * (op > 0))):
        if any(match.start() < high and match.end() > low for match in matches):
            return None
    if 0 < k < len(short) and long[k:k + size].endswith(long[:k]):
        k = 0
    return tuple((kind, text) for kind, text in ((0, long[:k]), (op, long[k:k + size]), (0, long[k + size:])) if text)


_ENGINE = diff_match_patch()
_ENGINE.Diff_Timeout = 0  # holds settings only: one engine serves every call


class _Coded:
    """A text with every character moved to Private Use Area-A (the third
    byte of its UTF-32 form set at once for the whole string) and each special
    token replaced by its code; ``original`` maps a slice back."""

    __slots__ = ("source", "text", "positions", "shifts")

    def __init__(self, source: str, matches: list[re.Match], codes: dict[str, str]):
        data = bytearray(source.encode("utf-32-le", "surrogatepass"))  # a lone surrogate is a character too
        data[2::4] = bytes((_SHIFTED,)) * len(source)
        moved = data.decode("utf-32-le", "surrogatepass")
        self.source, self.positions, self.shifts = source, [], []
        pieces, start, shift = [], 0, 0
        for match in matches:
            pieces += moved[start:match.start()], codes[match[0]]
            self.positions.append(match.start() - shift)  # where the code stands in ``text``
            shift += len(match[0]) - 1
            self.shifts.append(shift)  # how far the source runs ahead of ``text`` after it
            start = match.end()
        self.text = "".join(pieces) + moved[start:] if pieces else moved

    def original(self, start: int, end: int) -> str:
        return self.source[self._source_index(start):self._source_index(end)]

    def _source_index(self, index: int) -> int:
        before = bisect.bisect_left(self.positions, index)  # codes standing before ``index``
        return index + (self.shifts[before - 1] if before else 0)


def apply_ops(old: str, ops: tuple[Op, ...] | list) -> str:
    """Replay ops on ``old``; raises ``ValueError`` if they do not fit it."""
    position, out = 0, []
    for op, text in ops:
        if op <= 0:
            if old[position:position + len(text)] != text:
                raise ValueError(f"ops do not match the old text at offset {position}")
            position += len(text)
        if op >= 0:
            out.append(text)
    if position != len(old):
        raise ValueError("ops do not cover the whole old text")
    return "".join(out)
