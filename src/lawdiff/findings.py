"""One finding type shared by validate, lint and (later) xref and check."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found in a document, located by provision eId and/or file line."""

    rule: str
    message: str
    severity: Severity = Severity.ERROR
    eid: str = ""
    offset: int | None = None  # character offset inside the provision's text
    text: str = ""  # the offending characters
    path: str = ""
    line: int | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    def location(self) -> str:
        where = self.path or "-"
        if self.line:
            where += f":{self.line}"
        return where
