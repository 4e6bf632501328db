"""Findings as text (``file:line: severity rule [eId] message``), JSON or JUnit XML."""

from __future__ import annotations

import json
from collections import defaultdict

from lxml import etree

from ..findings import Finding


def findings_text(findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        where = f"[{f.eid}{'@' + str(f.offset) if f.offset is not None else ''}] " if f.eid else ""
        lines.append(f"{f.location()}: {f.severity.value} {f.rule} {where}{f.message}")
    return "\n".join(lines)


def findings_json(findings: list[Finding], **extra) -> str:
    return json.dumps({**extra, "findings": [f.as_dict() for f in findings]}, ensure_ascii=False, indent=2)


def findings_junit(findings: list[Finding], files: list[str], suite: str = "lawdiff") -> str:
    """One test case per file; its findings are its failures (JUnit XML as CI systems read it)."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.path].append(finding)
    failed = sum(1 for name in files if by_file.get(name))
    root = etree.Element("testsuites", name=suite, tests=str(len(files)), failures=str(failed))
    tests = etree.SubElement(root, "testsuite", name=suite, tests=str(len(files)), failures=str(failed))
    for name in files:
        case = etree.SubElement(tests, "testcase", classname=suite, name=name)
        for f in by_file.get(name, []):
            failure = etree.SubElement(case, "failure", type=f.rule, message=f.message)
            failure.text = findings_text([f])
    return etree.tostring(root, encoding="unicode", pretty_print=True)
