"""The only module that knows Akoma Ntoso, in both directions.

``to_akn(Expression) -> Element`` and ``from_akn(bytes) -> Expression`` are
inverses: ``from_akn(serialise(e)) == e`` and serialising what was read gives the
same bytes.  Layout written (strict AKN 3.0):

* ``<meta>``: FRBR work/expression/manifestation, ``<publication>`` when a
  公布 date is known, ``<lifecycle>`` (one ``eventRef`` per history event; the
  event kind is its ``refersTo`` TLCEvent), ``<references>``.  The manifestation
  date is the expression date, never today, so output is deterministic.
* ``<preface>``: the title as ``longTitle`` and each history line as printed.
* ``<preamble>``: text before the first provision (序言, a decision's lead-in).
* ``<body>``: 编/分编/章/节/条/款/项/目 as part/subpart/chapter/section/article/
  paragraph/point/point; ``<num>`` keeps the Chinese label, ``<heading>`` the
  heading; a leaf's text is ``<content>``, a lead-in before children is
  ``<intro>``; each line of a multi-line text is one ``<p>``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Mapping, Sequence

from lxml import etree
from lxml.builder import ElementMaker

from ..errors import InputError
from ..grammar import label_number
from ..model import Event, Expression, Modification, Provision, Work
from ..safexml import parse_xml, xml_parser

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NSMAP = {"a": NS}
E = ElementMaker(namespace=NS, nsmap={None: NS})

_ELEMENT = {"part": "part", "subpart": "subpart", "chapter": "chapter", "section": "section",
            "article": "article", "paragraph": "paragraph", "point": "point", "subpoint": "point"}
_TAG = {kind: f"{{{NS}}}{name}" for kind, name in _ELEMENT.items()}
_NUM, _HEADING, _INTRO, _CONTENT, _P = (f"{{{NS}}}{name}" for name in ("num", "heading", "intro", "content", "p"))
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})
_ATTRIBUTE_SPECIAL = re.compile('[&<"\t\n\r]')
_PARSER = xml_parser()
#: Elements the writer gave a text, empty, and the parser left without one.
_EMPTY_TEXT = etree.XPath("//a:p[not(node())] | //a:ref[not(node())]", namespaces=NSMAP)
_HIER_SKIP = frozenset(f"{{{NS}}}{name}" for name in ("num", "heading", "intro", "content", "wrapUp", "subheading"))
_KIND_OF = {tag: kind for kind, tag in _TAG.items() if kind != "subpoint"}
_EVENT_TYPE = {"adoption": "generation", "amendment": "amendment", "revision": "amendment"}
_EVENT_NAME = {"adoption": "通过", "amendment": "修正", "revision": "修订", "entryIntoForce": "施行",
               "publication": "公布"}


#: Cross-references to mark up inline: provision eId → [(start, end, href)] in its text.
Links = Mapping[str, Sequence[tuple[int, int, str]]]


def to_akn(expression: Expression, links: Links | None = None) -> etree._Element:
    """The AKN act; with ``links`` (from ``xref``), each reference span of a
    provision's text becomes an inline ``<ref href>``.  Reading the act back
    ignores the markup: the model's text is the text, with or without links."""
    preamble = [X.preamble(*(X.p(line) for line in expression.preamble))] if expression.preamble else []
    return _parsed(X.act(_meta_xml(expression), _preface_xml(expression), *preamble, _body_xml(expression, links or {}),
                         name=expression.work.subtype))


def serialise(expression: Expression, links: Links | None = None) -> bytes:
    return serialise_tree(to_akn(expression, links))


def serialise_tree(root: etree._Element) -> bytes:
    """The bytes of an act as lawdiff writes every file (the round trip is byte-exact)."""
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


# ---------------------------------------------------------------- writing


def _meta(expression: Expression) -> etree._Element:
    """``<meta>`` as an element, for the amendment writer (which builds with ``E``)."""
    return _parsed(_meta_xml(expression))[0]


def _preface(expression: Expression) -> etree._Element:
    return _parsed(_preface_xml(expression))[0]


def _meta_xml(expression: Expression) -> _Markup:
    work, when = expression.work, expression.date.isoformat()
    expr_uri = expression.uri
    meta = [X.identification(
        X.FRBRWork(X.FRBRthis(value=f"{work.uri}/!main"), X.FRBRuri(value=work.uri),
                   X.FRBRdate(date=work.date.isoformat(), name="adoption"), X.FRBRauthor(href="#legislator"),
                   X.FRBRcountry(value=work.country), X.FRBRsubtype(value=work.subtype),
                   X.FRBRnumber(value=work.number), X.FRBRname(value=work.title)),
        X.FRBRExpression(X.FRBRthis(value=f"{expr_uri}/!main"), X.FRBRuri(value=expr_uri),
                         X.FRBRdate(date=when, name="expression"), X.FRBRauthor(href="#legislator"),
                         X.FRBRlanguage(language=expression.language)),
        X.FRBRManifestation(X.FRBRthis(value=f"{expr_uri}/!main.xml"), X.FRBRuri(value=f"{expr_uri}.akn"),
                            X.FRBRdate(date=when, name="transform"), X.FRBRauthor(href="#lawdiff")),
        source="#lawdiff")]
    published = [e for e in expression.events if e.kind == "publication"]
    if published:
        meta.append(X.publication(date=published[0].date.isoformat(), name="publication", showAs=work.title))
    if expression.events:
        meta.append(X.lifecycle(*(
            X.eventRef(eId=f"evt_{i}", date=e.date.isoformat(), refersTo=f"#{e.kind}",
                       source="#rp_1" if e.kind in ("amendment", "revision") and expression.modifications else "#ro_1",
                       **({"type": _EVENT_TYPE[e.kind]} if e.kind in _EVENT_TYPE else {}))
            for i, e in enumerate(expression.events, 1)), source="#lawdiff"))
    if expression.modifications:
        meta.append(X.analysis(X.passiveModifications(*(
            _passive(k, m) for k, m in enumerate(expression.modifications, 1))), source="#lawdiff"))
    kinds = sorted({e.kind for e in expression.events})
    passive = [X.passiveRef(eId="rp_1", href=amending_uri(expression), showAs=f"关于修改《{work.title}》的决定")] \
        if expression.modifications else []
    meta.append(X.references(
        X.original(eId="ro_1", href=expr_uri, showAs=work.title), *passive,
        X.TLCOrganization(eId="legislator", href=f"/ontology/organization/{work.country}/legislator", showAs="立法机关"),
        X.TLCOrganization(eId="lawdiff", href="/ontology/organization/lawdiff", showAs="lawdiff"),
        *(X.TLCEvent(eId=k, href=f"/ontology/event/{k}", showAs=_EVENT_NAME[k]) for k in kinds),
        source="#lawdiff"))
    return X.meta(*meta)


def amending_uri(expression: Expression) -> str:
    """The amending act's expression URI, from its modifications' sources."""
    return expression.modifications[0].source.split("/~", 1)[0]


def _passive(number: int, modification: Modification) -> _Markup:
    previous = [X.previous(href=modification.previous)] if modification.previous else []
    return X.textualMod(X.source(href=modification.source), X.destination(href=modification.destination), *previous,
                        eId=f"pmod_{number}", type=modification.type)


def _preface_xml(expression: Expression) -> _Markup:
    return X.preface(X.longTitle(X.p(expression.work.title)), *(X.p(line) for line in expression.preface))



def _body_xml(expression: Expression, links: Links) -> _Markup:
    parts = ["<body>"]
    for provision in expression.body:
        _provision(provision, links, parts)
    parts.append("</body>")
    return _Markup("".join(parts))


def _provision(provision: Provision, links: Links, parts: list[str]) -> None:
    name = _ELEMENT[provision.kind]
    parts.append(f'<{name} eId="{_attribute(provision.eid)}">')
    if provision.label:
        parts.append(f"<num>{_escape(provision.label)}</num>")
    if provision.heading:
        parts.append(f"<heading>{_escape(provision.heading)}</heading>")
    if provision.children:
        if provision.text:
            _lines("intro", provision.text, links.get(provision.eid, ()), parts)
        for child in provision.children:
            _provision(child, links, parts)
    else:
        _lines("content", provision.text, links.get(provision.eid, ()), parts)
    parts.append(f"</{name}>")


def _lines(holder: str, text: str, spans: Sequence[tuple[int, int, str]], parts: list[str]) -> None:
    """``text`` in ``<holder>``, one ``<p>`` a line."""
    if not spans:  # the common case, kept cheap: escaping keeps the newlines to split at
        parts.append(f"<{holder}><p>{_escape(text).replace(chr(10), '</p><p>')}</p></{holder}>")
        return
    parts.append(f"<{holder}>")
    offset = 0
    for line in text.split("\n"):
        inside = sorted((a - offset, b - offset, href) for a, b, href in spans if offset <= a and b <= offset + len(line))
        parts.append(f"<p>{_linked(line, inside)}</p>")
        offset += len(line) + 1
    parts.append(f"</{holder}>")


def _linked(line: str, spans: list[tuple[int, int, str]]) -> str:
    """Text with ``<ref>`` around each (non-overlapping) span."""
    out, position = [], 0
    for start, end, href in spans:
        if start < position:
            continue
        out.append(f'{_escape(line[position:start])}<ref href="{_attribute(href)}">{_escape(line[start:end])}</ref>')
        position = end
    out.append(_escape(line[position:]))
    return "".join(out)


class _Markup(str):
    """XML already written: ``X`` copies it, where a plain ``str`` is text to escape."""


class _Writer:
    """``ElementMaker``'s calling convention, writing XML text: ``X.p("text")``,
    ``X.FRBRuri(value=uri)``.  lxml parses a whole act written so in one call
    (``_parsed``): the body is the hot path of ``convert``, and a Python-level
    element call per provision, num, content and p cost twice as much as the
    writing and parsing together.  The tree is the one those calls built."""

    def __getattr__(self, name: str):
        # The writer of each element name is made once and kept as an attribute, and
        # the joins take lists, not generators: a third less time in ``_meta_xml``.
        def element(*children: str, **attributes: str) -> _Markup:
            written = "".join([f' {key}="{_attribute(value)}"' for key, value in attributes.items()])
            inner = "".join([child if isinstance(child, _Markup) else _escape(child) for child in children])
            return _Markup(f"<{name}{written}>{inner}</{name}>")
        setattr(self, name, element)
        return element


X = _Writer()


def _parsed(markup: str) -> etree._Element:
    """Written elements as a tree: an ``<akomaNtoso>`` (it declares the namespace) holding them."""
    xml = f'<akomaNtoso xmlns="{NS}">{markup}</akomaNtoso>'
    root = etree.fromstring(xml.encode(), _PARSER)
    if "<p></p>" in xml or '"></ref>' in xml:  # rare: spare the other acts the search
        for element in _EMPTY_TEXT(root):
            element.text = ""  # lxml writes a text set to "" as <p></p>: parsing dropped it
    return root


def _escape(text: str) -> str:
    """Text as XML character data (a CR is kept as a reference: a parser would make it LF)."""
    if "&" in text or "<" in text or ">" in text or "\r" in text:  # rare: test before translating
        return text.translate(_TEXT_ESCAPES)
    return text


def _attribute(value: str) -> str:
    """A value as a quoted attribute's content (whitespace kept from attribute-value normalisation)."""
    return value.translate(_ATTRIBUTE_ESCAPES) if _ATTRIBUTE_SPECIAL.search(value) else value


# ---------------------------------------------------------------- reading


def from_akn(data: bytes, path: str = "<xml>") -> Expression:
    """Read an AKN act written by ``to_akn`` back into the model."""
    return read_act(parse_xml(data, path), path)


def read_act(root: etree._Element, path: str = "<xml>") -> Expression:
    """``from_akn`` for an already parsed (safely, by ``safexml``) document."""
    act = root.find(f"{{{NS}}}act")
    if root.tag != f"{{{NS}}}akomaNtoso" or act is None:
        raise InputError(path, "not an Akoma Ntoso 3.0 act (expected <akomaNtoso><act>)", root.sourceline)
    try:
        return _expression(act)
    except (TypeError, ValueError, AttributeError) as error:
        raise InputError(path, f"incomplete AKN metadata: {error}", act.sourceline) from None


def _value(act, xpath: str) -> str:
    found = act.xpath(xpath, namespaces=NSMAP)
    if not found:
        raise ValueError(f"missing {xpath}")
    return str(found[0])


def _expression(act) -> Expression:
    w = "a:meta/a:identification/a:FRBRWork/"
    work = Work(_value(act, w + "a:FRBRname/@value"), _value(act, w + "a:FRBRcountry/@value"),
                _value(act, w + "a:FRBRsubtype/@value"), _value(act, w + "a:FRBRnumber/@value"),
                date.fromisoformat(_value(act, w + "a:FRBRdate/@date")))
    x = "a:meta/a:identification/a:FRBRExpression/"
    events = tuple(Event(date.fromisoformat(e.get("date")), e.get("refersTo").lstrip("#"))
                   for e in act.xpath("a:meta/a:lifecycle/a:eventRef", namespaces=NSMAP))
    preface = tuple(_text(p) for p in act.xpath("a:preface/a:p", namespaces=NSMAP))
    preamble = tuple(_text(p) for p in act.xpath("a:preamble/a:p", namespaces=NSMAP))
    modifications = tuple(
        Modification(m.get("type"), m.find(f"{{{NS}}}source").get("href"), m.find(f"{{{NS}}}destination").get("href"),
                     m.find(f"{{{NS}}}previous").get("href") if m.find(f"{{{NS}}}previous") is not None else "")
        for m in act.xpath("a:meta/a:analysis/a:passiveModifications/a:textualMod", namespaces=NSMAP))
    body = act.find(f"{{{NS}}}body")
    provisions = tuple(_read_provision(child, False) for child in _hier(body)) if body is not None else ()
    return Expression(work, date.fromisoformat(_value(act, x + "a:FRBRdate/@date")), provisions,
                      _value(act, x + "a:FRBRlanguage/@language"), preface, events, preamble, modifications)


def _hier(element) -> list:
    return [child for child in element if isinstance(child.tag, str) and child.tag not in _HIER_SKIP]


def _text(element) -> str:
    return "".join(element.itertext())


def _read_provision(element, inside_point: bool) -> Provision:
    kind = _KIND_OF.get(element.tag)
    if kind is None:
        raise ValueError(f"unsupported element <{etree.QName(element).localname}> at line {element.sourceline}")
    if kind == "point" and inside_point:
        kind = "subpoint"
    label = heading = ""
    lines: list[str] = []
    children = []
    for child in element:
        tag = child.tag
        if tag == _NUM:
            label = _text(child)
        elif tag == _HEADING:
            heading = _text(child)
        elif tag == _CONTENT or tag == _INTRO:
            lines = [_text(p) for p in child if p.tag == _P]
        elif isinstance(tag, str) and tag not in _HIER_SKIP:
            children.append(_read_provision(child, kind in ("point", "subpoint")))
    eid = element.get("eId", "")
    num, suffix = label_number(label) if label else (_ordinal(eid) if kind != "paragraph" else None, 0)
    return Provision(kind, num, label, heading, "\n".join(lines), tuple(children), eid, suffix,
                     element.sourceline or 0)


def _ordinal(eid: str) -> int | None:
    token = eid.rsplit("__", 1)[-1].rsplit("_", 1)[-1].partition("-")[0]
    return int(token) if token.isdigit() else None
