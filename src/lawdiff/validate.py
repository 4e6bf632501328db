"""Validation of AKN files: strict OASIS XSD, ISO Schematron house rules, numbering.

``validate_xml`` never raises on an *invalid* document — problems are findings;
it raises ``InputError`` only for unusable input (not XML, entities, …).
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree, isoschematron

from akoma_ntoso import HOUSE_RULES, strict_schema_path

from .akn import read_act
from .model import Expression
from .findings import Finding, Severity
from .safexml import parse_xml, xml_parser
from .structure import numbering_findings

_SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
_XSL = "http://www.w3.org/1999/XSL/Transform"
#: Locating a failed assert costs an XPath query: a file failing thousands of
#: times is listed in part (the count says how many more).
MAX_HOUSE_FINDINGS = 200


@lru_cache(maxsize=1)
def strict_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(strict_schema_path()), xml_parser()))


@lru_cache(maxsize=1)
def house_rules() -> isoschematron.Schematron:
    # No svrl:fired-rule per matched provision: only failures are reported, and
    # building thousands of fired-rule elements per act was most of the cost.
    # ``select-contexts=key`` (a parameter of the ISO skeleton): the rule
    # templates do not recurse through the document; ``_LeanSchematron`` then
    # selects their contexts in one walk.
    return _LeanSchematron(etree.parse(str(HOUSE_RULES), xml_parser()), store_report=True,
                           compile_params={"generate-fired-rule": "false", "select-contexts": "key"})


class _LeanSchematron(isoschematron.Schematron):
    """The ISO SVRL skeleton's validator, rewritten in two places that leave the
    report unchanged (callgrind, 107 corpus acts: 591 M → 496 M → 351 M
    instructions, with the cheaper eid-arabic test of house-rules.sch first
    taking the original 743 M to 591 M)."""

    @staticmethod
    def _compile(schematron, **params):
        validator = isoschematron.iso_svrl_for_xslt1(schematron, **params)
        _drop_stray_walk(validator.getroot())
        _select_contexts_in_one_walk(validator.getroot())
        return validator


def _drop_stray_walk(stylesheet: etree._Element) -> None:
    """The skeleton's bare ``<axsl:apply-templates/>`` in ``svrl:active-pattern``
    (its own comment: "never triggered") only walks the whole document in the
    default mode, outputting nothing."""
    for pattern in stylesheet.iter(f"{{{_SVRL['svrl']}}}active-pattern"):
        for walk in pattern.findall(f"{{{_XSL}}}apply-templates"):
            if not walk.attrib:
                pattern.remove(walk)


def _select_contexts_in_one_walk(stylesheet: etree._Element) -> None:
    """Each pattern's rule contexts selected by ``//*``, an empty lowest-priority
    template taking the elements no rule matches, instead of by ``key('M', …)``:
    libxslt builds that key with one ``//`` search per alternative of every
    context, nine here.  As every context names elements, the same rules fire
    on the same elements in the same (document) order."""
    for key in stylesheet.findall(f"{{{_XSL}}}key[@name='M']"):
        stylesheet.remove(key)
    for select in list(stylesheet.iter(f"{{{_XSL}}}apply-templates")):
        if select.get("select", "").startswith("key('M',"):
            select.set("select", "//*")
            etree.SubElement(stylesheet, f"{{{_XSL}}}template", match="*", mode=select.get("mode"), priority="-1")


def validate_xml(data: bytes, path: str = "<xml>", *, expression: Expression | None = None,
                 root: etree._Element | None = None) -> list[Finding]:
    """All findings for one AKN file.  Pass the ``expression`` the XML was made
    from (as ``convert`` has it) to skip reading the model back for numbering,
    and the tree it was serialised from (``Conversion.akn``) to skip parsing
    ``data``: a built tree has no line numbers, so ``data`` is then parsed only
    when there is a finding to locate."""
    tree = root if root is not None else parse_xml(data, path)
    findings = schema_findings(tree, path) + house_rule_findings(tree, path)
    if findings and root is not None:
        return validate_xml(data, path, expression=expression)
    return findings or numbering_findings(expression or read_act(tree, path), path)


def schema_findings(root: etree._Element, path: str) -> list[Finding]:
    schema = strict_schema()
    if schema.validate(root):
        return []
    return [Finding("xsd", error.message, Severity.ERROR, path=path, line=error.line)
            for error in schema.error_log]


def house_rule_findings(root: etree._Element, path: str) -> list[Finding]:
    rules = house_rules()
    if rules.validate(root):
        return []
    findings = []
    failures = rules.validation_report.xpath("//svrl:failed-assert", namespaces=_SVRL)
    for failed in failures[:MAX_HOUSE_FINDINGS]:
        located = root.getroottree().xpath(failed.get("location"))
        element = located[0] if located else None
        message = " ".join("".join(failed.itertext()).split())
        eid = element.get("eId", "") if element is not None and hasattr(element, "get") else ""
        if not eid and element is not None and element.getparent() is not None:
            eid = element.getparent().get("eId", "")
        findings.append(Finding(failed.get("id") or "house-rule", message, Severity.ERROR, eid,
                                path=path, line=element.sourceline if element is not None else None))
    if len(failures) > MAX_HOUSE_FINDINGS:
        findings.append(Finding("house-rule", f"{len(failures) - MAX_HOUSE_FINDINGS} more house-rule failures not listed",
                                Severity.ERROR, path=path))
    return findings


