"""Character-level diff of Chinese text with diff-match-patch.

Chinese has no spaces, so the unit is the character; but a changed reference
(``第十三条`` → ``第十七条``, ``第二款``) must read as one token, not as ``三``→``七``.
Texts are therefore tokenised first — every reference ``第…条/款/项/章/节/编``
(with ``之一``) is one token, every other character its own — and each token is
mapped to one private code point, the way diff-match-patch's own
``diff_linesToChars`` works for lines.  The diff runs on those strings, with
semantic cleanup, and is mapped back, so an edit never splits a token.
``Diff_Timeout`` is 0: the result depends only on the inputs, never on load.
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from .numerals import NUMERAL_CHARS

Op = tuple[int, str]  # (-1 deleted | 0 kept | 1 inserted, text)
_TOKEN = re.compile(rf"第[{NUMERAL_CHARS}]+[条款项章节编目](?:之[一二三四五六七八九十]+)?|.", re.S)
_FIRST_PRIVATE = 0xF0000  # Supplementary Private Use Area-A: never in legal text


def diff_text(old: str, new: str) -> tuple[Op, ...]:
    """Edits turning ``old`` into ``new``; joining the 0 and 1 texts gives ``new``."""
    if old == new:
        return ((0, old),) if old else ()
    vocabulary: dict[str, str] = {}
    tokens: list[str] = []
    encoded_old = _encode(old, vocabulary, tokens)
    encoded_new = _encode(new, vocabulary, tokens)
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(encoded_old, encoded_new, False)
    engine.diff_cleanupSemantic(diffs)
    return tuple((op, "".join(tokens[ord(c) - _FIRST_PRIVATE] for c in text)) for op, text in diffs if text)


def _encode(text: str, vocabulary: dict[str, str], tokens: list[str]) -> str:
    out = []
    for token in _TOKEN.findall(text):
        code = vocabulary.get(token)
        if code is None:
            code = vocabulary[token] = chr(_FIRST_PRIVATE + len(tokens))
            tokens.append(token)
        out.append(code)
    return "".join(out)


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
