"""Judged sample for ``lawdiff xref --related``: precision of the national provisions it ranks.

    python bench/related_sample.py --draw N > sample.jsonl   # N random articles of the bundled local regulations
    python bench/related_sample.py                           # score tests/data/related_sample.jsonl

The draw (seed ``SEED``): articles of the local regulations bundled in
``corpus/sources`` (the seed and its two peers) with at least ``MIN_CHARS``
characters, chosen at random; for each, the top three national articles
``RelatedIndex`` ranks against the bundled register.  Each candidate is then
judged by reading both texts: ``relevant`` when the national provision governs
the matter the local article deals with — the local article restates it,
implements it or acts under it, so a drafter checking the local article for
conformity should read it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "related_sample.jsonl"
LOCAL = ["heilongjiang-digital-economy-2024-12-19.txt", "北京市数字经济促进条例(2022-11-25).md",
         "浙江省数字经济促进条例(2020-12-24).md"]
SEED = 20261203
MIN_CHARS = 40


def related_index():
    from lawdiff.register import RelatedIndex, load_register

    register = load_register(None)
    return RelatedIndex([versions[-1] for versions in register.acts.values()])


def local_articles() -> list[tuple[str, object, object]]:
    """(file, article, the spread of its document's words) for every long enough article."""
    from lawdiff.convert import convert_file
    from lawdiff.register import Spread

    out = []
    for name in LOCAL:
        articles = list(convert_file(ROOT / "corpus" / "sources" / name).expression.articles())
        spread = Spread.of(articles)
        out += [(name, article, spread) for article in articles if len(article.full_text) >= MIN_CHARS]
    return out


def candidates(index, article, spread) -> list[dict]:
    """What ``lawdiff xref --related`` shows for the article."""
    return [{"act": r.act, "eid": r.article.eid, "score": r.score, "text": r.article.full_text}
            for r in index.related(article, spread=spread)]


def draw(count: int, seed: int = SEED) -> list[dict]:
    index = related_index()
    chosen = random.Random(seed).sample(local_articles(), count)
    return [{"file": name, "eid": article.eid, "text": article.full_text, "candidates": candidates(index, article, spread)}
            for name, article, spread in chosen]


def load(path: Path = SAMPLE) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def precision(sample: list[dict], top: int) -> float:
    judged = [c["relevant"] for item in sample for c in item["candidates"][:top]]
    return sum(judged) / len(judged)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draw", type=int, metavar="N", help="print N drawn articles with their candidates")
    parser.add_argument("--sample", default=str(SAMPLE))
    args = parser.parse_args()
    if args.draw:
        for item in draw(args.draw):
            print(json.dumps(item, ensure_ascii=False))
        return
    sample = load(Path(args.sample))
    found = sum(any(c["relevant"] for c in item["candidates"]) for item in sample)
    print(f"{len(sample)} local articles, {sum(len(i['candidates']) for i in sample)} candidates judged")
    print(f"precision@1 {precision(sample, 1):.3f}   precision@3 {precision(sample, 3):.3f}   "
          f"articles with a relevant candidate in the top 3: {found}/{len(sample)}")


if __name__ == "__main__":
    sys.exit(main())
