"""lawdiff: legal diff and amendment tracker for Chinese legislation, on Akoma Ntoso 3.0.

The public verbs, one per pipeline stage::

    read_source → normalise → parse_text → to_akn / serialise / from_akn → validate_xml
    convert_file (all of the above) · lint
    align_provisions → diff_documents → amendment_report / draft_amendment
    render_decision ⇄ parse_decision → apply_decision
    find_references → check_references (with a Register) · impact
    Store / init_store (git versions)
"""

from .akn import from_akn, serialise, to_akn
from .align import align_provisions
from .amend import amendment_report, draft_amendment
from .apply import apply_decision
from .convert import convert_file, load_document
from .decision import render_decision
from .decision_parse import parse_decision
from .diff import diff_documents
from .impact import impact
from .lint import lint
from .model import Event, Expression, Provision, Work
from .normalise import normalise
from .parse import parse_text
from .readers import read_source
from .refs import check_references, find_references
from .register import Register
from .store import Store, init_store
from .validate import validate_xml

__version__ = "0.1.0"
__all__ = ["Event", "Expression", "Provision", "Register", "Store", "Work", "align_provisions",
           "amendment_report", "apply_decision", "check_references", "convert_file", "diff_documents",
           "draft_amendment", "find_references", "from_akn", "impact", "init_store", "lint", "load_document",
           "normalise", "parse_decision", "parse_text", "read_source", "render_decision", "serialise", "to_akn",
           "validate_xml"]
