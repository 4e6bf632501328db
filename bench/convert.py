"""Benchmark: convert + validate the whole shared corpus, beside the lxml floor.

    python bench/convert.py [CORPUS_DIR] [--jobs N]

Prints documents/s, MB/s and peak memory for lawdiff (read → normalise → parse
→ AKN → strict XSD + Schematron + numbering → write the .xml), beside the floor
measured in the same run: lxml merely parsing and strict-validating the XML
files lawdiff wrote.  Both use the same process pool (``--jobs``).  This
machine's speed drifts by up to 2x between minutes, so the two are timed in
alternating rounds (``--rounds``, default 3): the table shows each one's best
round, and the ratio line also gives the median of the per-round ratios.
Also prints the corpus table: documents, articles, valid %, numbering-clean %,
and failures by cause.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from lxml import etree

from lawdiff.convert import convert_file
from lawdiff.errors import InputError
from lawdiff.validate import strict_schema, validate_xml

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "lawrefbook"


def convert_one(job: tuple[str, str]) -> dict:
    path, target = job
    size = Path(path).stat().st_size
    try:
        result = convert_file(path)
    except InputError as error:
        return {"path": path, "bytes": size, "error": f"input: {error.message.split(':')[0]}"}
    findings = validate_xml(result.xml, path, expression=result.expression, root=result.akn)
    rules = Counter(f.rule for f in findings)
    Path(target).write_bytes(result.xml)
    return {"path": path, "bytes": size, "xml": target, "xml_bytes": len(result.xml), "articles": sum(1 for _ in result.expression.articles()),
            "structured": result.expression.is_article_structured,
            "xsd_valid": not any(f.rule == "xsd" for f in findings),
            "house_valid": not any(f.rule not in ("xsd",) and not f.rule.startswith("numbering") for f in findings),
            "numbering_clean": not any(f.rule.startswith("numbering") for f in findings), "rules": rules,
            "article_numbering": [f.message for f in findings
                                  if f.rule.startswith("numbering") and f.eid.startswith("art_") and "__" not in f.eid]}


def floor_one(xml_path: str) -> bool:
    return strict_schema().validate(etree.parse(xml_path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = sorted(str(p) for p in Path(args.corpus).rglob("*.md"))
    if not files:
        sys.exit(f"no .md files under {args.corpus}")
    megabytes = sum(Path(f).stat().st_size for f in files) / 1e6

    scratch = tempfile.TemporaryDirectory()
    lawdiff_rounds, floor_rounds = [], []
    for round_number in range(max(1, args.rounds)):
        # A fresh folder each round: overwriting the last round's files costs
        # ext4 two to three times as much as writing new ones, which a
        # conversion into an output folder does not pay.
        folder = Path(scratch.name) / str(round_number)
        folder.mkdir()
        jobs = [(f, str(folder / f"{i}.xml")) for i, f in enumerate(files)]
        seconds, results = _timed_map(convert_one, jobs, args.jobs)
        lawdiff_rounds.append(seconds)
        xmls = [r["xml"] for r in results if "xml" in r]
        floor_rounds.append(_timed_map(floor_one, xmls, args.jobs)[0])
    lawdiff_seconds, floor_seconds = min(lawdiff_rounds), min(floor_rounds)
    ratios = sorted(a / b for a, b in zip(lawdiff_rounds, floor_rounds))
    xml_mb = sum(r["xml_bytes"] for r in results if "xml" in r) / 1e6
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)

    print(f"{f'tool (best of {len(lawdiff_rounds)} rounds)':<34}{'seconds':>9}{'docs/s':>9}{'MB/s':>8}")
    print(f"{'lawdiff convert+validate':<34}{lawdiff_seconds:>9.1f}{len(files) / lawdiff_seconds:>9.0f}{megabytes / lawdiff_seconds:>8.1f}")
    print(f"{'lxml parse+strict XSD (floor)':<34}{floor_seconds:>9.1f}{len(xmls) / floor_seconds:>9.0f}{xml_mb / floor_seconds:>8.1f}")
    print(f"ratio to floor: {lawdiff_seconds / floor_seconds:.2f}x best/best, {statistics.median(ratios):.2f}x median of "
          f"{len(ratios)} rounds ({ratios[0]:.2f}-{ratios[-1]:.2f}; lawdiff "
          f"{', '.join(f'{t:.1f}' for t in lawdiff_rounds)} s, floor {', '.join(f'{t:.1f}' for t in floor_rounds)} s)")
    print(f"peak RSS per process: {peak / 1024:.0f} MB   "
          f"input {megabytes:.1f} MB, XML {xml_mb:.1f} MB, jobs {args.jobs}")
    _corpus_table(results)
    scratch.cleanup()


def _timed_map(function, items: list, jobs: int) -> tuple[float, list]:
    """Wall-clock seconds of mapping ``function`` over ``items`` in a fresh pool, and the results."""
    started = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        results = list(pool.map(function, items, chunksize=16))
    return time.perf_counter() - started, results


def _corpus_table(results: list[dict]) -> None:
    converted = [r for r in results if "xml" in r]
    structured = [r for r in converted if r["structured"]]
    errors = Counter(r["error"] for r in results if "error" in r)
    rules = Counter()
    for r in structured:
        rules.update(k for k in r["rules"] if k.startswith("numbering"))
    print()
    print(f"documents {len(results)}  converted {len(converted)}  article-structured {len(structured)}  "
          f"articles {sum(r['articles'] for r in converted)}")
    print(f"XSD-valid {100 * sum(r['xsd_valid'] for r in converted) / max(1, len(converted)):.2f} %  "
          f"house-rules-valid {100 * sum(r['house_valid'] for r in converted) / max(1, len(converted)):.2f} %  "
          f"numbering-clean {100 * sum(r['numbering_clean'] for r in structured) / max(1, len(structured)):.2f} % "
          f"of article-structured")
    for cause, count in errors.most_common():
        print(f"  not converted: {count:4d}  {cause}")
    for rule, count in rules.most_common():
        print(f"  documents with {rule}: {count}")
    exceptions = [(Path(r["path"]).name, r["article_numbering"][0]) for r in structured if r["article_numbering"]]
    print(f"\narticle numbering not contiguous from 第一条 in {len(exceptions)} documents (the finding names the cause):")
    for name, message in exceptions:
        print(f"  {name}: {message[:150]}")


if __name__ == "__main__":
    main()
