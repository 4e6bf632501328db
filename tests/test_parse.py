"""Parsing: the seed's ground-truth structure and the grammar's edge cases."""

from collections import Counter
from datetime import date

import pytest

from lawdiff.convert import convert_file
from lawdiff.grammar import classify
from lawdiff.normalise import normalise
from lawdiff.parse import parse_text
from lawdiff.readers import source_from_bytes


def parse(text: str, **options):
    return parse_text(normalise(source_from_bytes(text.encode("utf-8"), "t.txt")), **options)


def test_seed_structure(seed_path):
    expression = convert_file(seed_path).expression
    counts = Counter(p.kind for p in expression.walk())
    # 139 款: 159 body lines less 20 page-break joins; every one of the 139 ends in 。or ；
    # (see the closing note: the brief's "140" counts 19 breaks, the text has 20).
    assert (counts["chapter"], counts["section"], counts["article"], counts["paragraph"], counts["point"]) == \
        (7, 6, 86, 139, 0)
    assert [c.heading for c in expression.body] == ["总则", "数字经济发展支撑", "数字产业化", "产业数字化",
                                                    "数字化治理", "保障机制和监督管理", "附则"]
    assert [s.eid for c in expression.body for s in c.children if s.kind == "section"] == [
        "chp_2__sec_1", "chp_2__sec_2", "chp_2__sec_3", "chp_4__sec_1", "chp_4__sec_2", "chp_4__sec_3"]
    assert [a.num for a in expression.articles()] == list(range(1, 87))


def test_seed_metadata(seed_path):
    expression = convert_file(seed_path).expression
    assert expression.work.title == "黑龙江省数字经济促进条例"
    assert expression.work.uri == "/akn/cn-hl/act/regulation/2024-12-19/shuzijingjicujin"
    assert expression.date == date(2024, 12, 19)
    assert [(e.kind, e.date) for e in expression.events] == [
        ("adoption", date(2024, 12, 19)), ("entryIntoForce", date(2025, 3, 1))]
    assert expression.preface == ("(2024年12月19日黑龙江省第十四届人民代表大会常务委员会第十九次会议通过)",)


def test_seed_body_keeps_every_character(seed_path):
    """The body of the XML model is the normalised source, character for character."""
    normalised = normalise(source_from_bytes(seed_path.read_bytes(), str(seed_path)))
    body_text = "".join(line.text for line in normalised.lines[normalised.body_start:])
    expression = parse_text(normalised)
    model_text = "".join(
        (p.label + (" " if p.label and p.kind in ("chapter", "section") else "") + p.heading + p.text)
        for p in expression.walk())
    strip = lambda s: "".join(s.split())
    assert strip(model_text) == strip(body_text)


def test_seed_page_breaks_joined_mid_word(seed_path):
    changes = convert_file(seed_path).changes
    joins = [c for c in changes if c.kind == "page-break-joined"]
    assert len(joins) == 20
    assert any(c.original == (c.original[0], "议规模部署和应用，推进网络、平台、应用、终端全面改造升级。")
               and c.original[0].endswith("新一代互联网协") for c in joins)


@pytest.mark.parametrize("line,kind,num,suffix,label", [
    ("第一章 总 则", "chapter", 1, 0, "第一章"),
    ("第一章　总则", "chapter", 1, 0, "第一章"),
    ("第一编 总则", "part", 1, 0, "第一编"),
    ("第一分编 通则", "subpart", 1, 0, "第一分编"),
    ("第三节 数据资源开发利用", "section", 3, 0, "第三节"),
    ("第十条之一 经营者", "article", 10, 1, "第十条之一"),
    ("第一千二百六十条 本法自2021年1月1日起施行。", "article", 1260, 0, "第一千二百六十条"),
    ("（二）违反规定的；", "point", 2, 0, "（二）"),
    ("(二)违反规定的；", "point", 2, 0, "(二)"),
    ("一、将第十条修改为", "item", 1, 0, "一、"),
    ("第二十条规定的情形，适用本法。", "text", None, 0, ""),
    ("第一章规定的事项，由省人民政府决定。", "text", None, 0, ""),
], ids=lambda v: str(v))
def test_classify(line, kind, num, suffix, label):
    marker = classify(line)
    assert (marker.kind, marker.num, marker.suffix, marker.label) == (kind, num, suffix, label)


def test_points_and_subpoints():
    expression = parse("测试条例\n（2020年1月1日通过）\n第一条 下列行为禁止：\n（一）甲；\n1.子目\n（二）乙。\n前款规定的除外。\n")
    article = next(expression.articles())
    assert [c.eid for c in article.walk()] == [
        "art_1", "art_1__para_1", "art_1__para_1__point_1", "art_1__para_1__point_1__point_1",
        "art_1__para_1__point_2", "art_1__para_2"]
    assert article.children[0].text == "下列行为禁止："


def test_decision_is_not_forced_into_articles():
    text = ("全国人民代表大会常务委员会关于修改某法的决定\n（2022年6月24日通过）\n"
            "第十三届全国人民代表大会常务委员会第三十五次会议决定对某法作如下修改：\n"
            "一、将第一条修改为：\n“为了测试。”\n二、删去第三十条。\n")
    expression = parse(text)
    assert not expression.is_article_structured
    assert [(p.kind, p.label, p.eid) for p in expression.body] == [
        ("paragraph", "一、", "para_1"), ("paragraph", "二、", "para_2")]
    assert expression.body[0].text == "将第一条修改为：\n“为了测试。”"
    assert expression.preamble == ("第十三届全国人民代表大会常务委员会第三十五次会议决定对某法作如下修改：",)


def test_toc_is_skipped_not_parsed_twice():
    text = ("某市条例\n（2022年11月25日通过）\n目　录\n第一章 总则\n第二章 附则\n"
            "第一章 总则\n第一条 为了测试，制定本条例。\n第二章 附则\n第二条 本条例自2023年1月1日起施行。\n")
    normalised = normalise(source_from_bytes(text.encode(), "t.txt"))
    assert [c.kind for c in normalised.changes if c.kind == "toc-skipped"] == ["toc-skipped"]
    expression = parse_text(normalised)
    assert [c.eid for c in expression.body] == ["chp_1", "chp_2"]


def test_duplicate_and_missing_articles_convert_with_unique_eids():
    expression = parse("某条例\n（2020年1月1日通过）\n第一条 甲。\n第二条 乙。\n第二条 丙。\n第四条 丁。\n")
    assert [a.eid for a in expression.articles()] == ["art_1", "art_2", "art_2_dup2", "art_4"]
