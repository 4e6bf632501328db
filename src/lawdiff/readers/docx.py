"""Word .docx drafts, read with python-docx.

Drafts number provisions by hand (``第一条``) and mark headings with paragraph
styles; a ``Title`` style paragraph becomes the title line, ``Heading n`` a
heading.  Word's automatic list numbering is not text and is not recovered.
A paragraph's ``line`` is its 1-based position among the document's paragraphs.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import InputError
from ..source import SourceLine, SourceText

#: An uncompressed document.xml larger than this is refused (zip-bomb guard).
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: Word's built-in style names, also as a Chinese Word or WPS may store them.
_TITLE = re.compile(r"^(?:Title|标题)$", re.I)
_HEADING = re.compile(r"^(?:Heading|标题)\s*\d", re.I)
_DOCTYPE = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def read_docx(data: bytes, path: str) -> SourceText:
    import docx  # python-docx; imported lazily, it is slow to import

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNCOMPRESSED:
                raise InputError(path, "the .docx unpacks to more than 200 MB")
            if "word/document.xml" not in archive.namelist():
                raise InputError(path, "zip file is not a Word .docx (no word/document.xml)")
            _refuse_doctype(archive, path)
        lines = _lines(docx.Document(io.BytesIO(data)))
    except InputError:
        raise
    except Exception as error:  # python-docx raises many kinds for a broken package
        raise InputError(path, f"cannot read .docx: {_reason(error)}") from None
    return SourceText(path, "docx", "docx (UTF-8 XML)", lines, ("read as Word .docx",))


def _reason(error: Exception) -> str:
    """An exception as one short line (lxml's messages span lines)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 160 else text[:159] + "…"


def _lines(document) -> tuple[SourceLine, ...]:
    lines = []
    for number, paragraph in enumerate(document.paragraphs, 1):
        kind = _kind(paragraph)
        for piece in paragraph.text.split("\n"):
            if piece.strip():
                lines.append(SourceLine(piece.strip(), number, kind))
    return tuple(lines)


def _refuse_doctype(archive: zipfile.ZipFile, path: str) -> None:
    """Word never writes a DOCTYPE; one in a package part can only declare entities."""
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")) and any(mark in archive.read(name) for mark in _DOCTYPE):
            raise InputError(path, f"{name} in the .docx declares a DOCTYPE or entities; refused")


def _kind(paragraph) -> str:
    """``title``/``heading`` from the paragraph style, else ``""``."""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    return "title" if _TITLE.match(style) else "heading" if _HEADING.match(style) else ""
