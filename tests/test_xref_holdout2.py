"""Precision and recall of reference extraction on a second fresh, held-out sample.

tests/data/xref_holdout.jsonl guided a pass on refs.py after it was labelled, so
it is no longer an unbiased measure.  tests/data/xref_holdout2.jsonl is the
unseen one: 150 provision texts drawn by the procedure of bench/xref_sample.py
(the three groups of ../shared/lawrefbook — DLC/, 行政法规/, 司法解释/ — in
turn, a random file then a random paragraph/point/subpoint, kept only if it
matches ``TRIGGER``) with a new seed, ``HOLDOUT2_SEED``, and with every
(file, eid) of both earlier samples put into the draw's ``taken`` set before the
first slot.  The number of candidates (150) was fixed before the draw, and all
150 were labelled (224 references: 52 internal, 121 external, 51 generic).  One
司法解释 text, the SPP's table of crime names, holds 42 of the external
references (``（第114条、第115条第1款）``…).

Every reference was labelled by reading, following the conventions atop
tests/test_xref_sample.py and the grey-case decisions in
tests/test_xref_holdout.py, before the tool's output was looked at; the
disagreements were then re-read against the conventions, and no label was
changed (none was moved toward the tool).
Grey cases decided by those conventions (kept as labelled):
* ``本条例有关规定`` (``违反本条例有关规定``) is no reference: like ``《X法》的有关规定``
  it reduces to the act's name, and 本条例 alone is a self-reference; so is
  ``本《办法》``;
* 《》 around a court's request for instructions answered by a reply
  (``你院《关于…的请示》（沪高法〔2021〕215号）收悉``) is no reference (not legal
  text), nor is 《外商投资经营电信业务审定意见书》 (a document issued to an
  applicant, like a licence); ``按照统一规定办理`` is a bare 规定;
* a subject qualifier stays in a generic span, also when it is a coordinated
  list ending in 及其他 (``土地管理、…、税收及其他法律、法规``, ``计量法律、法规``,
  ``统计法律、行政法规``, ``劳动和社会保障法律、法规``), and coordinated issuers are
  one span (``上级军事机关和本市的有关规定``,
  ``有关法律、行政法规以及国家其他有关规定``); a qualifier with a verb is left out
  (``过去颁布的有关规定`` → ``有关规定``);
* ``违反治安管理规定`` is generic (like ``违反交通运输管理法规``); ``法律、法规、规章授权的
  组织`` is a list of kinds of law; ``贯彻预算法`` cites 预算法; ``企业破产法施行前`` is a
  time, not a citation; ``(见表1)`` pointing at the document's omitted tables is no
  reference;
* in an amending decision, ``将《解释》原第八条改为修改后《解释》第十三条`` holds two
  references, ``《解释》原第八条`` and ``《解释》第十三条`` (the chain runs from 《, 修改后
  before it is left out); ``将第二条修改为第六条`` holds two (like
  ``原第六条作为第七条``); 本解释 alone inside the quoted new text is no reference.

First measurement (refs.py as it stood when this sample was drawn, before the
tool's output was looked at): exact span and kind P 0.906, R 0.906; overlap
(same kind, spans overlap) P 0.978, R 0.964.  Its disagreements then guided a
pass on refs.py (item chains ``第（一）（二）（三）项``, ``第53项至63项``, law names
without 《》 from a list of national law titles, subjects and coordinated issuers
in generic spans, …): 1.000/1.000 after it — no longer a measure, a regression
guard; tests/test_xref_holdout3.py measures that pass.  Scoring is exactly that of
tests/test_xref_sample.py (its helpers are imported): each text in its
document's shape.  The sample is self-contained: only the corpus-marked test
needs ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_xref_sample import check_floors_with_overlap, check_well_formed, texts_changed

DATA = Path(__file__).parent / "data"
HOLDOUT2 = DATA / "xref_holdout2.jsonl"
HOLDOUT2_SEED = 20261129  # bench/xref_sample.py's draw() procedure, this seed, both earlier samples excluded

# Measured on this sample with refs.py as it stood when the sample was made (unbiased:
# the extractor had not seen it).  If its disagreements now guide changes to refs.py,
# say so here: from then on these figures are optimistic too.
MEASURED = {  # kind: (precision, recall), exact span and kind
    "internal": (0.889, 0.923),
    "external": (0.934, 0.942),
    "generic": (0.854, 0.804),
    "all": (0.906, 0.906),
}
FLOORS = {  # tuned on since (all 1.000 after the pass): a regression fails
    "internal": (0.98, 0.98),
    "external": (0.98, 0.98),
    "generic": (0.98, 0.98),
    "all": (0.99, 0.99),
}


def load(path: Path = HOLDOUT2) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_holdout2_is_well_formed():
    sample = load()
    assert len(sample) == 150
    keys = {(i["file"], i["eid"]) for i in sample}
    assert len(keys) == len(sample)
    for other in ("xref_sample.jsonl", "xref_holdout.jsonl"):
        assert not keys & {(i["file"], i["eid"]) for i in load(DATA / other)}, other
    assert sum(len(i["references"]) for i in sample) == 224
    check_well_formed(sample)


def test_holdout2_precision_and_recall_floors(capsys):
    check_floors_with_overlap(load(), FLOORS, "second held-out sample", capsys)


@pytest.mark.corpus
def test_holdout2_texts_still_match_the_corpus(lawrefbook):
    """The stored texts are what the converter gives for file/eid today (skips without ../shared)."""
    assert texts_changed(load(), lawrefbook) == []
