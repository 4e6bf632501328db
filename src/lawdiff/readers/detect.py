"""Format and encoding detection: by content first, extension only as a tie-breaker.

Encodings drafters actually have: UTF-8 (with or without BOM), UTF-16 (BOM or
not), GB18030 (a superset of GBK and GB2312).  Decoding is strict: a byte
sequence no candidate decodes is an error, never replaced characters.  Line
ends become LF (CRLF, CR, and form feeds, which are page breaks), each change
reported in the notes.  Every reader's lines are then checked for characters
XML cannot hold (controls, U+FFFE/U+FFFF): such a file is refused, with its line.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError
from ..source import SourceText

#: Largest source accepted (the 民法典 is 0.4 MB as text; a .docx of it ~0.2 MB).
MAX_BYTES = 20 * 1024 * 1024

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|h[1-6]|table|br)[\s/>]")
#: Characters XML 1.0 cannot hold (lxml refuses them): C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Share of characters a real UTF-16 text has in common Chinese/ASCII ranges.
_UTF16_PLAUSIBLE = 0.8


def read_source(path: str | Path) -> SourceText:
    """Read a file in any supported format and encoding."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(str(path), f"file is {size} bytes, over the {MAX_BYTES}-byte limit")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot read file: {error.strerror}") from None
    return source_from_bytes(data, str(path))


def source_from_bytes(data: bytes, path: str = "<input>") -> SourceText:
    """Read bytes in any supported format; every line is then XML-safe text."""
    from . import docx  # readers import this module's helpers

    if len(data) > MAX_BYTES:
        raise InputError(path, f"input is {len(data)} bytes, over the {MAX_BYTES}-byte limit")
    if not data.strip():
        raise InputError(path, "file is empty")
    if data.startswith(b"PK\x03\x04"):
        return _checked(docx.read_docx(data, path))
    return _checked(_read_decoded(*decode(data, path), path))


def _read_decoded(decoded: str, encoding: str, notes: tuple[str, ...], path: str) -> SourceText:
    from . import html, markdown, text

    if not decoded.strip():
        raise InputError(path, "file is empty")
    head = decoded.lstrip()[:2000].lower()
    if head.startswith(("<?xml", "<akomantoso")) and "<html" not in head:
        raise InputError(path, "this is XML, not a source text: use `lawdiff validate` for Akoma Ntoso files", 1)
    if head.startswith("<") and _HTML_TAG.search(head):
        return html.read_html(decoded, path, encoding, notes)
    if markdown.looks_like_markdown(decoded) or path.endswith(".md"):
        return markdown.read_markdown(decoded, path, encoding, notes)
    return text.read_text(decoded, path, encoding, notes)


def _checked(source: SourceText) -> SourceText:
    """Refuse characters XML cannot hold (controls, U+FFFE/U+FFFF): the mark of a binary file.
    One search over all the lines answers for nearly every file; only a file that
    has such a character is searched line by line, for the line to report."""
    if not _NOT_XML.search("\n".join(line.text for line in source.lines)):
        return source
    for line in source.lines:
        if bad := _NOT_XML.search(line.text):
            raise InputError(source.path, f"control character U+{ord(bad.group()):04X} in the text "
                             "(a binary file?); expected text, Markdown, .docx or HTML", line.line)
    return source


def decode(data: bytes, path: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode bytes strictly; return the text with LF line ends, the encoding and notes."""
    notes: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding, path)
            notes.append(f"decoded as {encoding} (byte-order mark)")
            break
    else:
        text, encoding = _decode_bomless(data, path)
        notes.append(f"decoded as {encoding}")
    text = text.lstrip("\ufeff")
    if "\r" in text:
        notes.append(f"converted {text.count(chr(13))} CR/CRLF line ends to LF")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if breaks := text.count("\f") + text.count("\v"):
        notes.append(f"converted {breaks} form feeds (page breaks) to line ends")
        text = text.replace("\f", "\n").replace("\v", "\n")
    return text, encoding, tuple(notes)


def _decode_bomless(data: bytes, path: str) -> tuple[str, str]:
    """UTF-16 if there are NUL bytes, else UTF-8, else GB18030 if it reads as text."""
    if 0 in data[:4096]:
        encoding = _guess_utf16(data[:4096], path)
        return _strict(data, encoding, path), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as not_utf8:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as not_gb18030:
            raise _undecodable(data, path, max(not_utf8, not_gb18030, key=lambda e: e.start)) from None
        if _implausible(text):
            raise _undecodable(data, path, not_utf8) from None
        return text, "gb18030"


def _undecodable(data: bytes, path: str, error: UnicodeDecodeError) -> InputError:
    """The error at the byte where the likelier encoding (the one that read further) fails."""
    return InputError(path, f"undecodable byte {data[error.start]:#04x}: the file is neither UTF-8, "
                      "UTF-16 nor GB18030 text", data[: error.start].count(b"\n") + 1)


def _guess_utf16(sample: bytes, path: str) -> str:
    """NUL bytes mean UTF-16 without a byte-order mark, or a binary file.  The
    byte order is the one whose decoding looks like Chinese or ASCII text (a NUL
    is not enough: 一 is U+4E00)."""
    sample = sample[: len(sample) // 2 * 2]
    scores = {encoding: _common_share(sample.decode(encoding, "replace")) for encoding in ("utf-16-le", "utf-16-be")}
    best = max(scores, key=scores.__getitem__)
    if scores[best] < _UTF16_PLAUSIBLE:
        raise InputError(path, "binary file (contains NUL bytes); expected text, Markdown, .docx or HTML")
    return best


def _common_share(text: str) -> float:
    common = sum(1 for c in text if c in "\t\n\r" or " " <= c <= "~" or "\u4e00" <= c <= "\u9fff"
                 or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef" or "\u2010" <= c <= "\u206f")
    return common / max(1, len(text))


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].decode(encoding, "replace").count("\n") + 1
        raise InputError(path, f"cannot decode byte {data[error.start]:#04x} as {encoding}", line) from None


def _implausible(text: str) -> bool:
    """GB18030 decodes almost any byte string; real Chinese text is mostly CJK,
    ASCII and common punctuation, while random bytes land in rare planes."""
    odd = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t") or 0xE000 <= ord(c) <= 0xF8FF or ord(c) > 0xFFFF
              or 0x80 <= ord(c) < 0x2000)
    return odd > max(2, len(text) // 50)
