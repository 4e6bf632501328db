"""HTML as official databases serve it: one paragraph per ``<p>``/``<div>``/heading.

Parsed with lxml's HTML parser with network access off; scripts and styles are
dropped.  ``<h1>``/``<title>`` become the title line, ``<h2>``–``<h6>`` headings.
A block's ``line`` is its source line in the HTML file.
"""

from __future__ import annotations

from lxml import etree, html as lxml_html

from ..errors import InputError
from ..source import SourceLine, SourceText

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre", "blockquote"}
_SKIP = {"script", "style", "head", "noscript", "template"}


def read_html(text: str, path: str, encoding: str, notes: tuple[str, ...]) -> SourceText:
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise InputError(path, f"malformed HTML: {error}") from None
    etree.strip_elements(root, *_SKIP, with_tail=False)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines: list[SourceLine] = []
    for element in root.iter(*_BLOCKS):
        if any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in element):
            _emit_loose_text(element, lines)
        else:
            _emit(element, "".join(element.itertext()), lines)
    return SourceText(path, "html", encoding, tuple(lines), notes)


def _emit_loose_text(element, lines: list[SourceLine]) -> None:
    """Text sitting directly in a container block, beside nested blocks."""
    loose = (element.text or "") + "".join(
        (c.tail or "") for c in element if isinstance(c.tag, str) and c.tag in _BLOCKS)
    _emit(element, loose, lines)


def _emit(element, text: str, lines: list[SourceLine]) -> None:
    style = "title" if element.tag == "h1" else "heading" if element.tag[0] == "h" and element.tag[1:].isdigit() else ""
    for piece in text.split("\n"):
        if piece.strip():
            lines.append(SourceLine(piece.strip(), element.sourceline or 0, style))
