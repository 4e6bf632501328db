"""Benchmark: reference extraction + resolution over the whole shared corpus.

    python bench/xref.py [SHARED_DIR] [--jobs N]

lawdiff reads each document (conversion included), finds every internal,
external and generic reference and resolves it (internal against the document,
external against the register of national acts in the corpus, as in force on
the document's date).  Printed beside ``grep -rhoE`` with an equivalent
citation pattern over the same files, in the same run.
"""

from __future__ import annotations

import argparse
import subprocess
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from lawdiff.convert import convert_file
from lawdiff.errors import InputError
from lawdiff.refs import check_references
from lawdiff.register import Register

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared"
GREP_PATTERN = r"《[^《》]{2,60}》(第[一二三四五六七八九十百千零]+条)?|本(法|条例|规定|办法)第[一二三四五六七八九十百千零]+条|前[两二三]?款|有关法律、行政法规"
_REGISTER: Register | None = None


def _init(register: Register) -> None:
    global _REGISTER
    _REGISTER = register


def resolve_one(path: str) -> Counter:
    try:
        expression = convert_file(path).expression
    except InputError:
        return Counter()
    resolved, _ = check_references(expression, path, register=_REGISTER)
    return Counter((r.reference.kind, r.status) for r in resolved)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", default=str(DEFAULT))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    corpus = Path(args.shared) / "lawrefbook"
    files = sorted(str(p) for p in corpus.rglob("*.md"))

    started = time.perf_counter()
    register = Register()
    national = [d for d in corpus.iterdir() if d.name not in ("DLC", "案例", "司法解释", "部门规章", "其他")]
    for folder in national:
        for versions in Register.from_folder(folder, jobs=args.jobs).acts.values():
            for version in versions:
                register.add(version)
    register_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with ProcessPoolExecutor(args.jobs, initializer=_init, initargs=(register,)) as pool:
        counts = sum(pool.map(resolve_one, files, chunksize=16), Counter())
    lawdiff_seconds = time.perf_counter() - started

    started = time.perf_counter()
    grep = subprocess.run(["grep", "-rhoE", GREP_PATTERN, str(corpus)], capture_output=True)
    grep_seconds = time.perf_counter() - started
    matches = grep.stdout.decode("utf-8", "replace").count("\n")

    print(f"{'tool':<52}{'seconds':>9}{'references':>12}")
    print(f"{'lawdiff register build (national acts, all versions)':<52}{register_seconds:>9.1f}{len(register.acts):>12}")
    print(f"{'lawdiff extract + resolve (conversion included)':<52}{lawdiff_seconds:>9.1f}{sum(counts.values()):>12}")
    print(f"{'grep -rhoE (citation pattern, no resolution)':<52}{grep_seconds:>9.1f}{matches:>12}")
    print(f"{len(files)} documents; by kind and status:")
    for (kind, status), count in sorted(counts.items()):
        print(f"  {kind:<9} {status:<13} {count:>6}")
    external = sum(c for (k, _), c in counts.items() if k == "external")
    known = sum(c for (k, s), c in counts.items() if k == "external" and s != "unknown-law")
    print(f"external citations resolved to a known act: {known}/{external} ({100 * known / max(1, external):.1f} %)")


if __name__ == "__main__":
    main()
