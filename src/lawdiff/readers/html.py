"""HTML as official databases serve it: one paragraph per block element.

Parsed with lxml's HTML parser with network access off; scripts and styles are
dropped.  Text is read in document order: inline markup (``<b>``, ``<span>``)
joins its block's text, and text loose in a container (``<div>第一条 …<p>…</p>
第二条 …</div>``, or straight in ``<body>``) is a paragraph of its own.  An
``<h1>`` becomes the title line, ``<h2>``–``<h6>`` headings.  A block's
``line`` is its source line in the HTML file.  A DOCTYPE with an internal
subset (entity declarations) is refused, as ``safexml`` refuses it in XML.
"""

from __future__ import annotations

import re

from lxml import etree, html as lxml_html

from ..errors import InputError
from ..source import SourceLine, SourceText

_BLOCKS = {"html", "body", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre",
           "blockquote", "section", "article", "table", "tr", "ul", "ol", "dl", "dt", "dd"}
_SKIP = {"script", "style", "head", "noscript", "template"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[|<!ENTITY", re.I)
_BREAK = "\u2028"  # a <br>, kept apart from newlines in the markup
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
#: A newline in the markup is a space, or nothing between two Chinese characters (CSS Text 3).
_WRAP_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t\n]*(?=[{_CJK}])")
_WRAP = re.compile(r"[ \t]*\n[ \t\n]*")

_Piece = tuple[str, int]  # text and the source line it starts on


def read_html(text: str, path: str, encoding: str, notes: tuple[str, ...]) -> SourceText:
    root = _parse(text, path)
    etree.strip_elements(root, *_SKIP, with_tail=False)
    for br in root.iter("br"):
        br.tail = _BREAK + (br.tail or "")
    lines: list[SourceLine] = []
    pieces: list[_Piece] = []
    _walk(root, root, pieces, lines)
    _flush(root, pieces, lines)
    return SourceText(path, "html", encoding, tuple(lines), notes)


def _parse(text: str, path: str) -> etree._Element:
    if found := _INTERNAL_SUBSET.search(text):
        raise InputError(path, "HTML with entity declarations is refused (no entities are resolved)",
                         text.count("\n", 0, found.start()) + 1)
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:  # an XHTML declaration names the encoding of bytes already decoded
        return lxml_html.document_fromstring(_XML_DECLARATION.sub("", text, count=1), parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise InputError(path, f"malformed HTML: {error}") from None


def _walk(element, block, pieces: list[_Piece], lines: list[SourceLine]) -> None:
    """Collect ``element``'s text into ``pieces``, the pending text of its
    nearest ``block``; a nested block first flushes what is pending."""
    pieces.append((element.text or "", element.sourceline or 0))
    for child in element:
        if isinstance(child.tag, str) and child.tag in _BLOCKS:
            _flush(block, pieces, lines)
            inner: list[_Piece] = []
            _walk(child, child, inner, lines)
            _flush(child, inner, lines)
        elif isinstance(child.tag, str):
            _walk(child, block, pieces, lines)
        pieces.append((child.tail or "", child.sourceline or 0))


def _flush(block, pieces: list[_Piece], lines: list[SourceLine]) -> None:
    """Emit one line per non-blank line of the pending text, styled by its block."""
    style = "title" if block.tag == "h1" else "heading" if re.fullmatch(r"h[2-6]", block.tag) else ""
    text = "".join(piece for piece, _ in pieces)
    if block.tag != "pre":
        text = _WRAP.sub(" ", _WRAP_CJK.sub("", text))
    line = next((number for piece, number in pieces if piece.strip()), block.sourceline or 0)
    for part in re.split(f"[\n{_BREAK}]", text):
        if part.strip():
            lines.append(SourceLine(part.strip(), line, style))
    pieces.clear()
