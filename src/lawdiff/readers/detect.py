"""Format and encoding detection: by content first, extension only as a tie-breaker.

Encodings drafters actually have: UTF-8 (with or without BOM), UTF-16 (BOM or
not), GB18030 (a superset of GBK and GB2312).  Decoding is strict: a byte
sequence no candidate decodes is an error, never replaced characters.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputError
from ..source import SourceText

#: Largest source accepted (the 民法典 is 0.4 MB as text; a .docx of it ~0.2 MB).
MAX_BYTES = 20 * 1024 * 1024

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


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
    from . import docx, html, markdown, text  # readers import this module's helpers

    if len(data) > MAX_BYTES:
        raise InputError(path, f"input is {len(data)} bytes, over the {MAX_BYTES}-byte limit")
    if not data.strip():
        raise InputError(path, "file is empty")
    if data.startswith(b"PK\x03\x04"):
        return docx.read_docx(data, path)
    decoded, encoding, notes = decode(data, path)
    head = decoded.lstrip()[:2000].lower()
    if head.startswith("<") and ("<html" in head or "<body" in head or "<p" in head or "<div" in head):
        return html.read_html(decoded, path, encoding, notes)
    if head.startswith("<?xml") or head.startswith("<akomantoso"):
        raise InputError(path, "this is XML, not a source text: use `lawdiff validate` for Akoma Ntoso files", 1)
    if markdown.looks_like_markdown(decoded) or path.endswith(".md"):
        return markdown.read_markdown(decoded, path, encoding, notes)
    return text.read_text(decoded, path, encoding, notes)


def decode(data: bytes, path: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode bytes strictly; return the text with LF line ends, the encoding and notes."""
    notes: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding, path)
            notes.append(f"decoded as {encoding} (byte-order mark)")
            break
    else:
        encoding = _guess_bomless(data, path)
        text = _strict(data, encoding, path)
        notes.append(f"decoded as {encoding}")
    text = text.lstrip("\ufeff")
    if "\r" in text:
        notes.append(f"converted {text.count(chr(13))} CR/CRLF line ends to LF")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding, tuple(notes)


def _guess_bomless(data: bytes, path: str) -> str:
    sample = data[:4096]
    nuls = sample.count(0)
    if nuls:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if nuls > len(sample) // 8 and (even == 0 or odd == 0):
            return "utf-16-le" if odd else "utf-16-be"
        raise InputError(path, "binary file (contains NUL bytes); expected text, Markdown, .docx or HTML")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(path, f"cannot decode byte {data[error.start]:#04x} as {encoding}", line) from None
    if encoding == "gb18030" and _implausible(text):
        raise InputError(path, "undecodable bytes: neither UTF-8, UTF-16 nor GB18030 text")
    return text


def _implausible(text: str) -> bool:
    """GB18030 decodes almost any byte string; real Chinese text is mostly CJK,
    ASCII and common punctuation, while random bytes land in rare planes."""
    odd = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t") or 0xE000 <= ord(c) <= 0xF8FF or ord(c) > 0xFFFF
              or 0x80 <= ord(c) < 0x2000)
    return odd > max(2, len(text) // 50)
