"""Precision and recall of reference extraction on a fifth fresh, held-out sample.

After xref_holdout4's own disagreements guided a pass on refs.py (see that
module), this sample measures it: 150 provision texts drawn by bench/xref_sample.py's
``draw()`` with seed ``HOLDOUT5_SEED`` and every (file, eid) of the five earlier
samples in its ``taken`` set before the first slot; the count (150) fixed before the
draw; all 150 labelled by reading, without running the extractor (208 references:
51 internal, 106 external, 51 generic; six texts hold none).

Grey cases decided by the nearest convention:
* one chain across a full-width comma in a list of violated provisions
  (``违反第二十条第一款，第二十四条第（四）、（五）、（六）项的``); ``本解释前五条``;
  ``刑法原第155条第3项`` keeps 原; ``本办法各条款`` is no reference;
* generic: ``国家规定``; ``卫生法规``; ``环保法律、法规`` after ``水污染防治法等`` (which
  is external); ``法律、法规及有关规定``, ``国家、省有关规定``,
  ``法律、法规、规章或者规范性文件``, ``法律、行政法规以及国务院交通运输主管部门关于危险货物运输的规定``
  one span each; ``之前发布的司法解释和规范性文件``; the rules for certificates named in
  《》 (``违反《技师合格证书》…的核发办法和规定``) one span;
* left out of a generic span: policy (``有关法律法规和政策规定`` → ``有关法律法规``),
  standards (``…的规定与标准``, ``国家标准、行业标准以及…的有关规定``); model rules
  (``等独立保函交易示范规则``) are no reference, the 《》 title before them is;
* ``实施《规定》有困难的`` cites 《规定》 (an object, not a time).

Measurement (refs.py after the xref_holdout4-guided pass, this sample unseen):
exact span and kind P 0.935, R 0.894; overlap P 0.985, R 0.933.  Its own
disagreements then guided a fourth pass (``法律、法规及有关规定``, kinds of law after any
citing verb and before 已/未, ``或者规范性文件`` in the list, a subject after 等
(``环保法律、法规``), ``违反法律规定``, ``本解释前五条``, ``本条第一、二款``,
``前款（一）、（二）、（三）项``, ``刑法原第155条``, instruments in 《》 such as
``《检察建议书》`` are no reference): P 0.985, R 0.966 after it — a regression guard
from then on; tests/test_xref_holdout6.py measures.  Scoring is that of
tests/test_xref_sample.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_xref_holdout2 import load
from test_xref_sample import check_floors_with_overlap, check_well_formed, texts_changed

DATA = Path(__file__).parent / "data"
HOLDOUT5 = DATA / "xref_holdout5.jsonl"
HOLDOUT5_SEED = 20261202

MEASURED = {  # kind: (precision, recall), exact span and kind; unbiased
    "internal": (0.922, 0.922),
    "external": (0.963, 0.981),
    "generic": (0.875, 0.686),
    "all": (0.935, 0.894),
}
FLOORS = {  # tuned on since (P 0.985, R 0.966 after the fourth pass): a regression fails
    "internal": (0.96, 0.96),
    "external": (0.97, 0.97),
    "generic": (0.96, 0.86),
    "all": (0.97, 0.95),
}


def test_holdout5_is_well_formed():
    sample = load(HOLDOUT5)
    assert len(sample) == 150
    keys = {(i["file"], i["eid"]) for i in sample}
    assert len(keys) == len(sample)
    for other in ("xref_sample.jsonl", "xref_holdout.jsonl", "xref_holdout2.jsonl", "xref_holdout3.jsonl",
                  "xref_holdout4.jsonl"):
        assert not keys & {(i["file"], i["eid"]) for i in load(DATA / other)}, other
    assert sum(len(i["references"]) for i in sample) == 208
    check_well_formed(sample)


def test_holdout5_precision_and_recall_floors(capsys):
    check_floors_with_overlap(load(HOLDOUT5), FLOORS, "fifth held-out sample", capsys)


@pytest.mark.corpus
def test_holdout5_texts_still_match_the_corpus(lawrefbook):
    """The stored texts are what the converter gives for file/eid today (skips without ../shared)."""
    assert texts_changed(load(HOLDOUT5), lawrefbook) == []
