"""Akoma Ntoso: the only package that names AKN elements, in both directions.

``act`` writes and reads the acts (regulations and their expressions);
``amendment`` writes amending decisions with ``activeModifications`` and the
``passiveModifications`` of the amended expression.
"""

from .act import NS, NSMAP, from_akn, read_act, serialise, serialise_tree, to_akn

__all__ = ["NS", "NSMAP", "from_akn", "read_act", "serialise", "serialise_tree", "to_akn"]
