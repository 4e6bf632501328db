"""One command for a corpus repository's CI: validate + lint + xref on every AKN file.

Schema and house-rule problems and broken references are errors; drafting
lint findings and references changed by a later version of the cited act are
warnings.  ``check`` never stops at the first bad file: every file is read and
every finding reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .akn import from_akn
from .errors import InputError
from .findings import Finding, Severity
from .lint import lint
from .refs import check_references
from .validate import validate_xml


@dataclass(frozen=True, slots=True)
class CheckResult:
    files: tuple[str, ...]
    findings: tuple[Finding, ...]
    unusable: tuple[str, ...]  # messages for files that could not be read

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)


def check_paths(paths: list[Path], *, register=None) -> CheckResult:
    files = [str(f) for p in paths for f in (sorted(p.rglob("*.xml")) if p.is_dir() else [p])]
    findings: list[Finding] = []
    unusable: list[str] = []
    for name in files:
        try:
            data = Path(name).read_bytes()
            found = validate_xml(data, name)
            findings += found
            if any(f.rule == "xsd" for f in found):
                continue
            expression = from_akn(data, name)
            findings += lint(expression, name)
            findings += check_references(expression, name, register=register)[1]
        except InputError as error:
            unusable.append(str(error))
        except OSError as error:
            unusable.append(f"{name}: cannot read file: {error.strerror}")
    return CheckResult(tuple(files), tuple(findings), tuple(unusable))
