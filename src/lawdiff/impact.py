"""Which local provisions an amended national act affects.

``impact(old, new, documents)`` aligns the two versions of the act, then finds
every citation of it (``《…X法》第N条``, ``X法第N条``) in the documents and
reports those whose target the amendment renumbered, changed or deleted, with
the citation to write instead.  Only documents dated before the amendment are
read: a later one cites the new numbering already.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .convert import convert_file
from .diff import Change, diff_documents
from .errors import InputError
from .model import Expression
from .refs import Reference, _chain_eids, find_references
from .register import short_title


@dataclass(frozen=True, slots=True)
class Impact:
    path: str
    document: str
    reference: Reference
    cited: str  # the article cited, e.g. 第十三条
    status: str  # renumbered | changed | deleted
    suggestion: str  # the label to cite now, or "" when deleted


def impact(old: Expression, new: Expression, folder: str | Path, *, jobs: int = 2) -> list[Impact]:
    changes = {c.old.eid: c for c in diff_documents(old, new).changes if c.old is not None}
    title = short_title(old.work.title)
    files = sorted(str(p) for p in Path(folder).rglob("*.md"))
    found: list[Impact] = []
    with ProcessPoolExecutor(jobs) as pool:
        jobs_args = ([title] * len(files), [new.date] * len(files))
        for path, document, references in pool.map(_citations, files, *jobs_args, chunksize=16):
            for reference in references:
                found += _affected(path, document, reference, changes)
    return found


def _citations(path: str, title: str, amended: date) -> tuple[str, str, list[Reference]]:
    """Citations of the act in a document older than the amendment (later ones
    already cite the new numbering)."""
    try:
        expression = convert_file(path).expression
    except InputError:
        return path, "", []
    if expression.date >= amended:
        return path, expression.work.title, []
    cited = [r for r in find_references(expression)
             if r.kind == "external" and short_title(r.target_work) == title and "第" in r.text]
    return path, expression.work.title, cited


def _affected(path: str, document: str, reference: Reference, changes: dict[str, Change]) -> list[Impact]:
    out = []
    for eid in _chain_eids(reference.text[reference.text.find("第"):]):
        change = changes.get(eid.split("__")[0])
        if change is None or change.kind == "unchanged":
            continue
        if change.new is None:
            out.append(Impact(path, document, reference, change.old.label, "deleted", ""))
        else:
            status = "renumbered" if change.kind == "renumbered" else "changed"
            out.append(Impact(path, document, reference, change.old.label, status, change.new.label))
    return out
