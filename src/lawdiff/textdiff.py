"""Character-level diff of Chinese text with diff-match-patch.

Chinese has no spaces, so the unit is the character; but a changed reference
(``第十三条`` → ``第十七条``, ``第二款``) must read as one token, not as ``三``→``七``.
Texts are therefore tokenised first — every reference ``第…条/款/项/章/节/编``
(with ``之一``) is one token, every other character its own — and each token is
mapped to one private code point, the way diff-match-patch's own
``diff_linesToChars`` works for lines.  The diff runs on those strings, with
semantic cleanup, and is mapped back, so an edit never splits a token.
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

import re

from diff_match_patch import diff_match_patch

from .numerals import NUMERAL_CHARS

Op = tuple[int, str]  # (-1 deleted | 0 kept | 1 inserted, text)
#: Tokens that are not one BMP character: references, and characters beyond the BMP.
_SPECIAL = re.compile(rf"第[{NUMERAL_CHARS}]+[条款项章节编目](?:之[一二三四五六七八九十]+)?|[\U00010000-\U0010FFFF]")
_SPECIAL_CODE = re.compile("[\U00100000-\U0010FFFD]")  # Supplementary Private Use Area-B
_SHIFTED, _UNSHIFTED = 0x0F, 0x00  # third UTF-32 byte of U+FXXXX (Private Use Area-A) and of U+XXXX


def diff_text(old: str, new: str) -> tuple[Op, ...]:
    """Edits turning ``old`` into ``new``; joining the 0 and 1 texts gives ``new``."""
    if old == new:
        return ((0, old),) if old else ()
    if not old or not new:  # what diff-match-patch answers too
        return ((1, new),) if new else ((-1, old),)
    specials = dict.fromkeys(_SPECIAL.findall(old) + _SPECIAL.findall(new))
    codes = dict(zip(specials, map(chr, range(0x100000, 0x100000 + len(specials)))))
    tokens = {code: token for token, code in codes.items()}
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(_recode(old, _SHIFTED, _SPECIAL, codes), _recode(new, _SHIFTED, _SPECIAL, codes), False)
    engine.diff_cleanupSemantic(diffs)
    return tuple((op, _recode(text, _UNSHIFTED, _SPECIAL_CODE, tokens)) for op, text in diffs if text)


def _recode(text: str, plane: int, specials: re.Pattern, replacements: dict[str, str]) -> str:
    """``text`` with every character moved to ``plane`` (the third byte of its
    UTF-32 form), except the matches of ``specials``, which are replaced."""
    data = bytearray(text.encode("utf-32-le", "surrogatepass"))  # a lone surrogate is a character too
    data[2::4] = bytes((plane,)) * len(text)
    moved = data.decode("utf-32-le", "surrogatepass")
    pieces, start = [], 0
    for match in specials.finditer(text):
        pieces += moved[start:match.start()], replacements[match[0]]
        start = match.end()
    return "".join(pieces) + moved[start:] if pieces else moved


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
