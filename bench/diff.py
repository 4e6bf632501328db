"""Benchmark: compare the 民法典 with a copy that has 50 articles edited and 3 deleted.

    python bench/diff.py [SHARED_DIR] [--repeat N]

Prints lawdiff's in-process align + character diff time beside
``git diff --no-index --word-diff=porcelain --word-diff-regex=.`` on the same
two files, in the same run (best of N).  ``diff_documents`` leaves the edits
and 款/项 pairs of ``unchanged`` articles to be worked out on access, so a
second row times the comparison with everything materialised: align + diff +
the full JSON output.  With ``--store``, also times importing
every multi-version document of the shared corpus into one git store.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from lawdiff.convert import convert_file
from lawdiff.diff import diff_documents
from lawdiff.eids import assign_eids
from lawdiff.model import Provision
from lawdiff.render.jsonout import diff_json
from lawdiff.render.plaintext import render_expression

PARTS = ["总则", "物权编", "合同编", "人格权编", "婚姻家庭编", "继承编", "侵权责任编", "附则"]
PART_LABELS = ["第一编", "第二编", "第三编", "第四编", "第五编", "第六编", "第七编"]
DEFAULT = Path(__file__).resolve().parents[1].parent / "shared"


def civil_code_text(shared: Path) -> str:
    """The eight parts of the 民法典 joined into one text, with their 编 headings."""
    lines = ["中华人民共和国民法典", "（2020年5月28日第十三届全国人民代表大会第三次会议通过）"]
    for index, name in enumerate(PARTS):
        body = (shared / "lawrefbook" / "民法典" / f"{name}.md").read_text("utf-8").split("<!-- INFO END -->", 1)[1]
        if index < len(PART_LABELS):
            lines.append(f"{PART_LABELS[index]} {name.removesuffix('编')}")
        lines += [line.lstrip("#").strip() for line in body.splitlines() if line.strip()]
    return "\n".join(lines) + "\n"


def edited_copy(expression, seed: int = 7):
    """50 articles get a phrase inserted, 3 are deleted (numbers left as they were)."""
    rng = random.Random(seed)
    articles = [p.eid for p in expression.articles()]
    edited, deleted = set(rng.sample(articles, 50)), set(rng.sample(articles, 3))

    def rewrite(provision: Provision) -> Provision | None:
        if provision.eid in deleted:
            return None
        children = tuple(c for c in (rewrite(child) for child in provision.children) if c is not None)
        if provision.kind == "paragraph" and provision.eid.split("__")[0] in edited and provision.eid.endswith("para_1"):
            cut = len(provision.text) // 2
            return replace(provision, text=provision.text[:cut] + "（依法）" + provision.text[cut:], children=children)
        return replace(provision, children=children)

    body = tuple(c for c in (rewrite(p) for p in expression.body) if c is not None)
    return replace(expression, body=assign_eids(body))


def best_of(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--store", action="store_true", help="also time importing every multi-version document")
    args = parser.parse_args()
    shared = Path(args.shared)
    if not (shared / "lawrefbook" / "民法典").is_dir():
        sys.exit(f"no 民法典 under {shared}/lawrefbook")
    with tempfile.TemporaryDirectory() as scratch:
        old_path, new_path = Path(scratch) / "old.txt", Path(scratch) / "new.txt"
        old_path.write_text(civil_code_text(shared), "utf-8")
        old = convert_file(old_path).expression
        new = edited_copy(old)
        new_path.write_text(render_expression(new), "utf-8")
        new = convert_file(new_path).expression
        articles = sum(1 for _ in old.articles())
        comparison = diff_documents(old, new)
        lawdiff_seconds = best_of(args.repeat, lambda: diff_documents(old, new))
        json_seconds = best_of(args.repeat, lambda: diff_json(diff_documents(old, new)))
        git = ["git", "diff", "--no-index", "--word-diff=porcelain", "--word-diff-regex=.", str(old_path), str(new_path)]
        git_seconds = best_of(args.repeat, lambda: subprocess.run(git, capture_output=True))
        size = old_path.stat().st_size / 1000
    print(f"民法典: {articles} articles, {size:.0f} KB; edited copy: {comparison.summary}")
    print(f"{'tool':<58}{'seconds':>9}")
    print(f"{'lawdiff align + diff (in-process)':<58}{lawdiff_seconds:>9.3f}")
    print(f"{'lawdiff align + diff + full JSON output (in-process)':<58}{json_seconds:>9.3f}")
    print(f"{'git diff --no-index --word-diff=porcelain --word-diff-regex=.':<58}{git_seconds:>9.3f}")
    print(f"lawdiff / git: {lawdiff_seconds / git_seconds:.2f}x")
    if args.store:
        _time_import(shared / "lawrefbook")


def _time_import(corpus: Path) -> None:
    """Every document of the corpus that exists in two or more dated versions,
    imported into one fresh store (one commit and tag per version)."""
    from lawdiff.store import dated_sources, import_history, init_store

    groups = {name: files for name, files in dated_sources(corpus).items() if len(files) > 1}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "sources"
        folder.mkdir()
        for files in groups.values():
            for _, path in files:
                target = folder / path.name
                if not target.exists():
                    target.symlink_to(path)
        store = init_store(Path(scratch) / "store")
        started = time.perf_counter()
        results = import_history(store, folder)
        seconds = time.perf_counter() - started
    print(f"import of {len(groups)} multi-version documents ({sum(len(f) for f in groups.values())} versions) "
          f"into one store: {seconds:.1f} s, {len(results)} files handled")


if __name__ == "__main__":
    main()
