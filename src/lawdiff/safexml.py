"""The one hardened lxml parser factory: no DTDs, no entities, no network.

Every XML lawdiff reads goes through ``parse_xml``.  A document that declares a
DOCTYPE is refused outright: AKN needs none, and refusing it closes external
entities (XXE) and entity-expansion bombs in one rule.  The DOCTYPE is looked
for before libxml2 reads the document, so not even its internal subset is
parsed; the parsed tree is checked again in case the look-ahead missed one.
"""

from __future__ import annotations

import re

from lxml import etree

from .errors import InputError

_REFUSED = "XML with a DOCTYPE or entity declarations is refused (no entities are resolved)"
#: A DOCTYPE after the prolog's optional BOM, XML declaration, comments, PIs and spaces.
#: Each branch is unambiguous (no lazy ``.*?``), so a failing match cannot backtrack exponentially.
_PROLOG_DOCTYPE = re.compile(r"\A(?:\ufeff|\xef\xbb\xbf)?(?:\s|<\?(?:[^?]|\?(?!>))*\?>|<!--(?:[^-]|-(?!->))*-->)*"
                             r"<!DOCTYPE")
_POSITION = re.compile(r", line \d+, column \d+$")


def xml_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=False)


def parse_xml(data: bytes, path: str = "<xml>") -> etree._Element:
    if not data.strip():
        raise InputError(path, "file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "binary file (contains NUL bytes); expected Akoma Ntoso XML")
    if doctype := _PROLOG_DOCTYPE.match(_markup_view(data)):
        raise InputError(path, _REFUSED, doctype.group().count("\n") + 1)
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.lineno else (None, None)
        raise InputError(path, f"malformed XML: {_POSITION.sub('', error.msg)}", line, column) from None
    if root.getroottree().docinfo.doctype:  # entities can only be declared in a DOCTYPE
        raise InputError(path, _REFUSED, 1)
    return root


def _markup_view(data: bytes) -> str:
    """The bytes as text good enough to read markup: UTF-16 by its BOM, else
    Latin-1 (UTF-8 and every other ASCII-compatible encoding spell markup in ASCII)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    return data.decode("latin-1")
