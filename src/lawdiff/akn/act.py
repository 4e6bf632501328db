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

from datetime import date
from typing import Mapping, Sequence

from lxml import etree
from lxml.builder import ElementMaker

from ..errors import InputError
from ..grammar import label_number
from ..model import Event, Expression, Modification, Provision, Work
from ..safexml import parse_xml

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NSMAP = {"a": NS}
E = ElementMaker(namespace=NS, nsmap={None: NS})

_ELEMENT = {"part": "part", "subpart": "subpart", "chapter": "chapter", "section": "section",
            "article": "article", "paragraph": "paragraph", "point": "point", "subpoint": "point"}
_TAG = {kind: f"{{{NS}}}{name}" for kind, name in _ELEMENT.items()}
_NUM, _HEADING, _INTRO, _CONTENT, _P, _REF = (f"{{{NS}}}{name}" for name in
                                               ("num", "heading", "intro", "content", "p", "ref"))
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
    act = E.act(_meta(expression), _preface(expression), name=expression.work.subtype)
    if expression.preamble:
        act.append(E.preamble(*(E.p(line) for line in expression.preamble)))
    act.append(E.body(*(_provision(p, None, links or {}) for p in expression.body)))
    return E.akomaNtoso(act)


def serialise(expression: Expression, links: Links | None = None) -> bytes:
    return serialise_tree(to_akn(expression, links))


def serialise_tree(root: etree._Element) -> bytes:
    """The bytes of an act as lawdiff writes every file (the round trip is byte-exact)."""
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


# ---------------------------------------------------------------- writing


def _meta(expression: Expression) -> etree._Element:
    work, when = expression.work, expression.date.isoformat()
    expr_uri = expression.uri
    meta = E.meta(E.identification(
        E.FRBRWork(E.FRBRthis(value=f"{work.uri}/!main"), E.FRBRuri(value=work.uri),
                   E.FRBRdate(date=work.date.isoformat(), name="adoption"), E.FRBRauthor(href="#legislator"),
                   E.FRBRcountry(value=work.country), E.FRBRsubtype(value=work.subtype),
                   E.FRBRnumber(value=work.number), E.FRBRname(value=work.title)),
        E.FRBRExpression(E.FRBRthis(value=f"{expr_uri}/!main"), E.FRBRuri(value=expr_uri),
                         E.FRBRdate(date=when, name="expression"), E.FRBRauthor(href="#legislator"),
                         E.FRBRlanguage(language=expression.language)),
        E.FRBRManifestation(E.FRBRthis(value=f"{expr_uri}/!main.xml"), E.FRBRuri(value=f"{expr_uri}.akn"),
                            E.FRBRdate(date=when, name="transform"), E.FRBRauthor(href="#lawdiff")),
        source="#lawdiff"))
    published = [e for e in expression.events if e.kind == "publication"]
    if published:
        meta.append(E.publication(date=published[0].date.isoformat(), name="publication", showAs=work.title))
    if expression.events:
        meta.append(E.lifecycle(*(
            E.eventRef(eId=f"evt_{i}", date=e.date.isoformat(), refersTo=f"#{e.kind}",
                       source="#rp_1" if e.kind in ("amendment", "revision") and expression.modifications else "#ro_1",
                       **({"type": _EVENT_TYPE[e.kind]} if e.kind in _EVENT_TYPE else {}))
            for i, e in enumerate(expression.events, 1)), source="#lawdiff"))
    if expression.modifications:
        meta.append(E.analysis(E.passiveModifications(*(
            _passive(k, m) for k, m in enumerate(expression.modifications, 1))), source="#lawdiff"))
    kinds = sorted({e.kind for e in expression.events})
    passive = [E.passiveRef(eId="rp_1", href=amending_uri(expression), showAs=f"关于修改《{work.title}》的决定")] \
        if expression.modifications else []
    meta.append(E.references(
        E.original(eId="ro_1", href=expr_uri, showAs=work.title), *passive,
        E.TLCOrganization(eId="legislator", href=f"/ontology/organization/{work.country}/legislator", showAs="立法机关"),
        E.TLCOrganization(eId="lawdiff", href="/ontology/organization/lawdiff", showAs="lawdiff"),
        *(E.TLCEvent(eId=k, href=f"/ontology/event/{k}", showAs=_EVENT_NAME[k]) for k in kinds),
        source="#lawdiff"))
    return meta


def amending_uri(expression: Expression) -> str:
    """The amending act's expression URI, from its modifications' sources."""
    return expression.modifications[0].source.split("/~", 1)[0]


def _passive(number: int, modification: Modification) -> etree._Element:
    element = E.textualMod(E.source(href=modification.source), E.destination(href=modification.destination),
                           eId=f"pmod_{number}", type=modification.type)
    if modification.previous:
        element.append(E.previous(href=modification.previous))
    return element


def _preface(expression: Expression) -> etree._Element:
    return E.preface(E.longTitle(E.p(expression.work.title)), *(E.p(line) for line in expression.preface))



def _provision(provision: Provision, parent: etree._Element | None, links: Links) -> etree._Element:
    """Write one provision (plain ``SubElement`` calls: the body is the hot path)."""
    tag = _TAG[provision.kind]
    element = etree.Element(tag, eId=provision.eid) if parent is None else \
        etree.SubElement(parent, tag, eId=provision.eid)
    if provision.label:
        etree.SubElement(element, _NUM).text = provision.label
    if provision.heading:
        etree.SubElement(element, _HEADING).text = provision.heading
    if provision.children:
        if provision.text:
            _lines(etree.SubElement(element, _INTRO), provision.text, links.get(provision.eid, ()))
        for child in provision.children:
            _provision(child, element, links)
    else:
        _lines(etree.SubElement(element, _CONTENT), provision.text, links.get(provision.eid, ()))
    return element


def _lines(holder: etree._Element, text: str, spans: Sequence[tuple[int, int, str]] = ()) -> None:
    if not spans:  # the common case, kept cheap
        for line in text.split("\n"):
            etree.SubElement(holder, _P).text = line
        return
    offset = 0
    for line in text.split("\n"):
        paragraph = etree.SubElement(holder, _P)
        inside = sorted((a - offset, b - offset, href) for a, b, href in spans if offset <= a and b <= offset + len(line))
        _linked(paragraph, line, inside)
        offset += len(line) + 1


def _linked(paragraph: etree._Element, line: str, spans: list[tuple[int, int, str]]) -> None:
    """Text with ``<ref>`` around each (non-overlapping) span."""
    position, last = 0, None
    for start, end, href in spans:
        if start < position:
            continue
        if last is None:
            paragraph.text = line[position:start]
        else:
            last.tail = line[position:start]
        last = etree.SubElement(paragraph, _REF, href=href)
        last.text = line[start:end]
        position = end
    if last is None:
        paragraph.text = line
    else:
        last.tail = line[position:]


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
