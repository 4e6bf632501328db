"""章/节 around articles: nesting articles in their containers and numbering them.

Pure functions over the model, used when a decision's consolidated text is
rebuilt (``apply``): articles carry the chain of 编/章/节 they belong to, and
``nest`` turns consecutive articles sharing containers back into the tree.
"""

from __future__ import annotations

from dataclasses import replace

from .grammar import KIND_UNIT
from .model import CONTAINER_KINDS, Expression, Provision
from .numerals import int_to_cn


def chapters_run_on(expression: Expression) -> bool:
    """Do chapters run on across 编 (民事诉讼法: 第二编 opens with 第十二章) rather
    than restart in each (民法典)?"""
    parts = [p for p in expression.body if p.kind in ("part", "subpart")]
    firsts = [next((c.num for c in p.walk() if c.kind == "chapter"), None) for p in parts[1:]]
    return any(n not in (None, 1) for n in firsts)


def renumber_containers(body: tuple[Provision, ...], counts: dict, run_on: bool) -> tuple[Provision, ...]:
    """章/节 numbered in order within their parent (chapters across the whole
    act when they ran on across 编 in the old text), as the consolidated text is."""
    out, local = [], {}
    for node in body:
        if node.kind in CONTAINER_KINDS:
            tally = counts if node.kind == "chapter" and run_on else local
            tally[node.kind] = tally.get(node.kind, 0) + 1
            number = tally[node.kind]
            node = replace(node, num=number, suffix=0, label=f"第{int_to_cn(number)}{KIND_UNIT[node.kind]}",
                           children=renumber_containers(node.children, counts, run_on))
        out.append(node)
    return tuple(out)


def nest(items: list[tuple[tuple[Provision, ...], Provision]]) -> tuple[Provision, ...]:
    """Rebuild 编/章/节 around consecutive articles that share them."""
    root: list = []
    stack: list[tuple[Provision, list]] = []
    for chain, article in items:
        depth = 0
        while depth < len(stack) and depth < len(chain) and stack[depth][0] is chain[depth]:
            depth += 1
        _close(stack, depth, root)
        for container in chain[depth:]:
            stack.append((container, []))
        (stack[-1][1] if stack else root).append(article)
    _close(stack, 0, root)
    return tuple(root)


def _close(stack: list, depth: int, root: list) -> None:
    while len(stack) > depth:
        container, children = stack.pop()
        built = replace(container, children=tuple(children))
        (stack[-1][1] if stack else root).append(built)
