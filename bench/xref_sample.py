"""Hand-checked sample for reference extraction: how it was drawn, and how the tool does on it.

    python bench/xref_sample.py                 # score tests/data/xref_sample.jsonl, list every disagreement
    python bench/xref_sample.py --draw N [CORPUS_DIR] [--seed S] [--exclude-samples]   # print the first N candidates of the draw

The draw (seed ``SEED``): the three groups of ../shared/lawrefbook — local
regulations (DLC/), State Council regulations (行政法规/), judicial
interpretations (司法解释/) — take turns; for each slot a file of the group is
chosen at random, then one of its paragraph/point/subpoint provisions at random,
and it is kept only if its text contains a trigger (``TRIGGER``); otherwise the
slot draws again from the same group.  The sample file holds the candidates in
draw order, each labelled by hand (see the conventions atop
tests/test_xref_sample.py), up to the first point where the labels total at
least 220 references.

Scoring compares (start, end, kind) triples: exact span and kind.  "Overlap"
columns also show a looser match (same kind, spans overlap) so that boundary
disagreements can be told apart from misses.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "lawrefbook"
SAMPLE = ROOT / "tests" / "data" / "xref_sample.jsonl"
SEED = 20240611
GROUPS = {"local": "DLC", "administrative": "行政法规", "judicial": "司法解释"}
KINDS = ("paragraph", "point", "subpoint")
_N = "[〇零一二三四五六七八九两十百千万0-9０-９（）()]+"
# 本条 but not 本条例: the brief's keyword is meant as "this article", and 本条例 alone is no reference
TRIGGER = re.compile(rf"第{_N}[条款项]|《|前款|前条|本条(?!例)|有关法律|有关规定|法律、行政法规")


def group_of(file: str) -> str:
    top = file.split("/", 1)[0]
    return next(name for name, folder in GROUPS.items() if folder == top)


def draw(corpus: Path, count: int, seed: int = SEED, exclude: set[tuple[str, str]] = frozenset()) -> list[dict]:
    """``exclude``: (file, eid) of earlier samples, put into ``taken`` before the first slot."""
    from lawdiff.convert import convert_file

    rng = random.Random(seed)
    files = {name: sorted(str(p.relative_to(corpus)) for p in (corpus / folder).rglob("*.md"))
             for name, folder in GROUPS.items()}
    cache: dict[str, list] = {}
    taken: set[tuple[str, str]] = set(exclude)
    out: list[dict] = []
    order = list(GROUPS)
    while len(out) < count:
        group = order[len(out) % len(order)]
        while True:
            file = rng.choice(files[group])
            if file not in cache:
                try:
                    expression = convert_file(corpus / file).expression
                    cache[file] = [p for p in expression.walk() if p.kind in KINDS and p.text]
                except Exception:  # an unreadable source is simply not drawn
                    cache[file] = []
            if not cache[file]:
                continue
            provision = rng.choice(cache[file])
            if TRIGGER.search(provision.text) and (file, provision.eid) not in taken:
                break
        taken.add((file, provision.eid))
        out.append({"file": file, "eid": provision.eid, "text": provision.text})
    return out


def load(path: Path = SAMPLE) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def found_in(item: dict) -> list[tuple[int, int, str, str]]:
    """What the tool finds in one provision text, as (start, end, kind, text), in
    its document's shape: inside an article, or (a document without articles) a
    top-level paragraph of a document titled as the source file."""
    from lawdiff.eids import assign_eids
    from lawdiff.model import Expression, Provision, Work
    from lawdiff.refs import find_references
    from datetime import date

    text = item["text"]
    if "art_" in item["eid"]:
        body = (Provision("article", 5, "第五条", children=(Provision("paragraph", text=text),)),)
        title = "样本"
    else:
        body = (Provision("paragraph", text=text),)
        title = item["file"].rsplit("/", 1)[-1].split("(")[0].removesuffix(".md")
    expression = Expression(Work(title, "cn", "regulation", "yangben", date(2020, 1, 1)),
                            date(2020, 1, 1), assign_eids(body))
    return [(r.start, r.end, r.kind, r.text) for r in find_references(expression)]


def score(sample: list[dict]) -> dict:
    """Counts per kind (and "all"): gold, found, exact matches, overlap matches; plus disagreements."""
    counts = {k: Counter() for k in ("internal", "external", "generic", "all")}
    disagreements = []
    for item in sample:
        gold = {(r["start"], r["end"], r["kind"]): r["text"] for r in item["references"]}
        found = {(s, e, k): t for s, e, k, t in found_in(item)}
        for key in ("all",):
            counts[key]["gold"] += len(gold)
            counts[key]["found"] += len(found)
            counts[key]["exact"] += len(gold.keys() & found.keys())
        for (s, e, k) in gold:
            counts[k]["gold"] += 1
            counts[k]["exact"] += (s, e, k) in found
            overlap = any(k2 == k and s2 < e and s < e2 for s2, e2, k2 in found)
            counts[k]["gold_overlap"] += overlap
            counts["all"]["gold_overlap"] += overlap
        for (s, e, k) in found:
            counts[k]["found"] += 1
            overlap = any(k2 == k and s2 < e and s < e2 for s2, e2, k2 in gold)
            counts[k]["found_overlap"] += overlap
            counts["all"]["found_overlap"] += overlap
        missed = sorted(gold.keys() - found.keys())
        extra = sorted(found.keys() - gold.keys())
        if missed or extra:
            disagreements.append({"file": item["file"], "eid": item["eid"], "text": item["text"],
                                  "missed": [(s, e, k, gold[s, e, k]) for s, e, k in missed],
                                  "extra": [(s, e, k, found[s, e, k]) for s, e, k in extra]})
    return {"counts": counts, "disagreements": disagreements}


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def table(counts: dict) -> str:
    lines = [f"{'kind':<9} {'gold':>5} {'found':>5} {'exact':>5} {'precision':>9} {'recall':>7}"
             f" {'P(overlap)':>10} {'R(overlap)':>10}"]
    for kind in ("internal", "external", "generic", "all"):
        c = counts[kind]
        lines.append(f"{kind:<9} {c['gold']:>5} {c['found']:>5} {c['exact']:>5}"
                     f" {ratio(c['exact'], c['found']):>9.3f} {ratio(c['exact'], c['gold']):>7.3f}"
                     f" {ratio(c['found_overlap'], c['found']):>10.3f} {ratio(c['gold_overlap'], c['gold']):>10.3f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draw", type=int, metavar="N", help="print the first N candidates of the draw as JSON lines")
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--sample", default=str(SAMPLE))
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the draw")
    parser.add_argument("--exclude-samples", action="store_true",
                        help="leave out every (file, eid) of the samples already in tests/data/")
    args = parser.parse_args()
    if args.draw:
        exclude = {(i["file"], i["eid"]) for path in sorted(SAMPLE.parent.glob("xref_*.jsonl")) for i in load(path)}
        for item in draw(Path(args.corpus), args.draw, args.seed, exclude if args.exclude_samples else frozenset()):
            print(json.dumps(item, ensure_ascii=False))
        return
    sample = load(Path(args.sample))
    result = score(sample)
    by_group = Counter()
    by_group_kind = Counter()
    for item in sample:
        by_group[group_of(item["file"])] += 1
        for r in item["references"]:
            by_group_kind[group_of(item["file"]), r["kind"]] += 1
    print(f"{len(sample)} provisions, {sum(len(i['references']) for i in sample)} references")
    for group in GROUPS:
        kinds = ", ".join(f"{k} {by_group_kind[group, k]}" for k in ("internal", "external", "generic"))
        print(f"  {group:<15} {by_group[group]:>3} provisions; {kinds}")
    print()
    print(table(result["counts"]))
    print(f"\n{len(result['disagreements'])} provisions with disagreements (gold − found = missed, found − gold = extra):")
    for d in result["disagreements"]:
        print(f"\n{d['file']} {d['eid']}\n  {d['text']}")
        for s, e, k, t in d["missed"]:
            print(f"  missed {k:<8} [{s}:{e}] {t}")
        for s, e, k, t in d["extra"]:
            print(f"  extra  {k:<8} [{s}:{e}] {t}")


if __name__ == "__main__":
    sys.exit(main())
