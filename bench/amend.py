"""Measure amendment drafting and decision reading on the shared corpus.

    python bench/amend.py [SHARED_DIR]

1. Round trip on every pair of consecutive dated versions in LawRefBook:
   ``apply(old, amend(old, new))`` against ``new``, body text exactly; each
   exception with its cause.
2. Official decisions read: items understood / items total for the 刑法修正案
   and 宪法修正案 of the corpus.
3. The 2022 反垄断法 decision: lawdiff's own report matched item by item.
Prints timings beside the counts.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from lawdiff.amend import draft_amendment
from lawdiff.convert import convert_file
from lawdiff.decision_parse import parse_decision
from lawdiff.errors import InputError
from lawdiff.render.plaintext import render_body
from lawdiff.structure import numbering_findings

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared"
_LABEL = re.compile(r"(?m)^\(([一二三四五六七八九十]+)\)")


def version_pairs(corpus: Path) -> list[tuple[Path, Path]]:
    """Consecutive dated versions ``name(YYYY-MM-DD).md`` of each document."""
    groups = defaultdict(list)
    for path in corpus.rglob("*.md"):
        match = re.match(r"(.*)\((\d{4}-\d{2}-\d{2})\)\.md$", path.name)
        if match:
            groups[(path.parent, match.group(1))].append((match.group(2), path))
    pairs = []
    for versions in groups.values():
        versions.sort()
        pairs += [(a[1], b[1]) for a, b in zip(versions, versions[1:])]
    return sorted(pairs)


def round_trip(pair: tuple[Path, Path]) -> tuple[str, str, str]:
    old_path, new_path = pair
    try:
        old, new = convert_file(old_path).expression, convert_file(new_path).expression
    except InputError as error:
        return new_path.name, "source not convertible", str(error)
    drafted = draft_amendment(old, new)
    if drafted.residue is None:
        return new_path.name, "exact", ""
    got, want = render_body(drafted.applied.expression), render_body(new)
    if _LABEL.sub(r"（\1）", got) == _LABEL.sub(r"（\1）", want):
        return new_path.name, "项 labels retyped (一)→（一） in the source: not an amendment", ""
    if drafted.applied.problems:
        return new_path.name, "an item did not apply", drafted.applied.problems[0].message[:120]
    gaps = [f.message for f in numbering_findings(new) if f.eid.startswith("art_")]
    if gaps:  # a consolidated text is numbered 1…n: a source with a gap cannot be reproduced
        return new_path.name, "the new version's own article numbering has a gap (source defect)", gaps[0][:120]
    first = next((line for line in _diff_lines(want, got)), "")
    return new_path.name, "body differs", first[:120]


def _diff_lines(want: str, got: str):
    import difflib

    for line in difflib.unified_diff(want.split("\n"), got.split("\n"), lineterm="", n=0):
        if line[:1] in "+-" and line[:3] not in ("+++", "---"):
            yield line


def decision_coverage(shared: Path) -> tuple[int, int, list[str]]:
    files = sorted((shared / "lawrefbook" / "刑法").glob("刑法修正案*.md")) + \
        sorted((shared / "lawrefbook" / "宪法").glob("宪法修正案*.md"))
    understood = total = 0
    missed = []
    for path in files:
        parsed = parse_decision(path.read_text("utf-8").split("<!-- INFO END -->", 1)[-1])
        total += len(parsed.decision.items)
        understood += len(parsed.decision.items) - len(parsed.not_understood)
        missed += [f"{path.name}: {item.text[:60]}" for item in parsed.not_understood]
    return understood, total, missed


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    pairs = version_pairs(shared / "lawrefbook")
    started = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(round_trip, pairs))
    seconds = time.perf_counter() - started
    counts = Counter(cause for _, cause, _ in results)
    print(f"round trip apply(old, amend(old, new)) == new: {counts['exact']}/{len(results)} pairs exact "
          f"({seconds:.1f} s, 2 processes)")
    for cause, count in counts.most_common():
        if cause != "exact":
            print(f"  {count:3d}  {cause}")
    for name, cause, detail in results:
        if cause not in ("exact",) and not cause.startswith("项 labels"):
            print(f"       {name}: {cause}: {detail}")
    understood, total, missed = decision_coverage(shared)
    print(f"\nofficial decisions read (刑法修正案, 宪法修正案): {understood}/{total} items understood "
          f"({100 * understood / total:.1f} %)")
    for line in missed:
        print(f"  not understood: {line}")


if __name__ == "__main__":
    main()
