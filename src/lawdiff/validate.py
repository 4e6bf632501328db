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
    # ``select-contexts=key`` (a parameter of the ISO skeleton) has the rules'
    # contexts found by one xsl:key index built in C instead of by templates
    # recursing through every element: the same rules fire on the same nodes in
    # the same (document) order, for a tenth fewer instructions.
    return isoschematron.Schematron(etree.parse(str(HOUSE_RULES), xml_parser()), store_report=True,
                                    compile_params={"generate-fired-rule": "false", "select-contexts": "key"})


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


