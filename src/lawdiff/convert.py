"""The conversion pipeline as one call: source file → normalised → model → AKN bytes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree

from .akn import serialise_tree, to_akn
from .model import Expression
from .normalise import Normalisation, normalise
from .parse import parse_text
from .readers import read_source


@dataclass(frozen=True, slots=True)
class Conversion:
    expression: Expression
    changes: tuple[Normalisation, ...]
    xml: bytes
    #: The element tree ``xml`` was serialised from: ``validate_xml(xml, root=akn)``
    #: validates it without parsing the bytes again.  Do not modify it.
    akn: etree._Element = field(compare=False, repr=False)


def convert_file(path: str | Path, *, expression_date: date | None = None,
                 work_uri: str | None = None) -> Conversion:
    normalised = normalise(read_source(path))
    expression = parse_text(normalised, expression_date=expression_date, work_uri=work_uri)
    akn = to_akn(expression)
    return Conversion(expression, normalised.changes, serialise_tree(akn), akn)


def akn_path(expression: Expression) -> Path:
    """Where an expression's XML lives in a corpus folder: its FRBR expression URI
    as a path (``cn-hl/act/regulation/2024-12-19/x/zho@2024-12-19.xml``)."""
    return Path(expression.uri.removeprefix("/akn/") + ".xml")


def load_document(path: str | Path) -> Expression:
    """An Expression from an AKN file or from a source in any supported format."""
    path = Path(path)
    head = _head(path).removeprefix(b"\xef\xbb\xbf")
    if b"<akomaNtoso" in head:
        from .akn import from_akn

        return from_akn(path.read_bytes(), str(path))
    return convert_file(path).expression


def _head(path: Path) -> bytes:
    from .errors import InputError

    try:
        with path.open("rb") as handle:
            return handle.read(500)
    except OSError as error:
        raise InputError(str(path), f"cannot read file: {error.strerror}") from None
