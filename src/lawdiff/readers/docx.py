"""Word .docx drafts, read with python-docx.

Drafts number provisions by hand (``第一条``) and mark headings with paragraph
styles; a ``Title`` style paragraph becomes the title line, ``Heading n`` a
heading.  Word's automatic list numbering is not text and is not recovered.
A paragraph's ``line`` is its 1-based position among the document's paragraphs.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError
from ..source import SourceLine, SourceText

#: An uncompressed document.xml larger than this is refused (zip-bomb guard).
MAX_UNCOMPRESSED = 200 * 1024 * 1024


def read_docx(data: bytes, path: str) -> SourceText:
    import docx  # python-docx; imported lazily, it is slow to import

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNCOMPRESSED:
                raise InputError(path, "the .docx unpacks to more than 200 MB")
            if "word/document.xml" not in archive.namelist():
                raise InputError(path, "zip file is not a Word .docx (no word/document.xml)")
        document = docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception as error:  # python-docx raises many kinds for a broken package
        raise InputError(path, f"cannot read .docx: {error}") from None
    lines = []
    for number, paragraph in enumerate(document.paragraphs, 1):
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        kind = "title" if style.startswith("Title") else "heading" if style.startswith("Heading") else ""
        for piece in paragraph.text.split("\n"):
            if piece.strip():
                lines.append(SourceLine(piece.strip(), number, kind))
    return SourceText(path, "docx", "docx (UTF-8 XML)", tuple(lines), ("read as Word .docx",))
