"""AKN serialisation: round trip, determinism, layout."""

from datetime import date

from hypothesis import given, settings, strategies as st

from lawdiff.akn import from_akn, serialise
from lawdiff.convert import convert_file
from lawdiff.validate import validate_xml

from factories import article, chapter, expression, paragraph, point


def test_seed_round_trip_is_exact(seed_path):
    result = convert_file(seed_path)
    again = from_akn(result.xml)
    assert again == result.expression
    assert serialise(again) == result.xml


def test_seed_is_valid(seed_path):
    result = convert_file(seed_path)
    assert validate_xml(result.xml, "seed.xml") == []


def test_layout_of_an_article(seed_path):
    xml = convert_file(seed_path).xml.decode()
    assert '<article eId="art_12">' in xml
    assert "<num>第十二条</num>" in xml
    assert '<paragraph eId="art_12__para_3">' in xml
    assert '<FRBRlanguage language="zho"/>' in xml
    assert '<FRBRuri value="/akn/cn-hl/act/regulation/2024-12-19/shuzijingjicujin/zho@2024-12-19"/>' in xml
    assert '<longTitle>\n        <p>黑龙江省数字经济促进条例</p>' in xml


texts = st.text(alphabet="数据经济促进条例，。；：“”（）ab12 ", min_size=1, max_size=30).map(str.strip).filter(bool)


@st.composite
def documents(draw):
    articles = []
    for number in range(1, draw(st.integers(1, 6)) + 1):
        paragraphs = []
        for _ in range(draw(st.integers(1, 3))):
            points = tuple(point(i, draw(texts)) for i in range(1, draw(st.integers(0, 3)) + 1))
            paragraphs.append(paragraph(draw(texts), *points))
        articles.append(article(number, *paragraphs, suffix=draw(st.sampled_from([0, 0, 0, 1]))))
    if draw(st.booleans()):
        return expression(date(2024, 1, 2), chapter(1, draw(texts), *articles))
    return expression(date(2024, 1, 2), *articles)


@settings(max_examples=60, deadline=None)
@given(documents())
def test_round_trip_property(document):
    xml = serialise(document)
    assert from_akn(xml) == document
    assert serialise(from_akn(xml)) == xml
