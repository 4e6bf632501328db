"""lawdiff: legal diff and amendment tracker for Chinese legislation, on Akoma Ntoso 3.0."""

from .akn import from_akn, serialise, to_akn
from .convert import convert_file, load_document
from .lint import lint
from .model import Event, Expression, Provision, Work
from .normalise import normalise
from .parse import parse_text
from .readers import read_source
from .validate import validate_xml

__version__ = "0.1.0"
__all__ = ["Event", "Expression", "Provision", "Work", "convert_file", "from_akn", "lint", "load_document",
           "normalise", "parse_text", "read_source", "serialise", "to_akn", "validate_xml"]
