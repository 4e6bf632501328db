import pytest
from hypothesis import example, given, strategies as st

from lawdiff.numerals import cn_to_int, find_dates, int_to_cn


@pytest.mark.parametrize("text,value", [
    ("一", 1), ("十", 10), ("十三", 13), ("二十", 20), ("一百零五", 105), ("一百一十", 110),
    ("一千二百六十", 1260), ("两百", 200), ("一千零一", 1001), ("二〇二四", 2024), ("12", 12), ("１２", 12),
    ("一万零一十", 10010), ("一万零十", 10010),
], ids=lambda v: str(v))
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


@given(st.integers(min_value=1, max_value=99999))
@example(10010)  # found by hypothesis: 一万零十 once read back as 10000
def test_int_to_cn_round_trips(number):
    assert cn_to_int(int_to_cn(number)) == number


def test_int_to_cn_drafting_forms():
    assert [int_to_cn(n) for n in (10, 11, 20, 105, 110, 1260)] == ["十", "十一", "二十", "一百零五", "一百一十", "一千二百六十"]


def test_bad_numeral_is_rejected():
    with pytest.raises(ValueError):
        cn_to_int("第十")


def test_find_dates_arabic_and_chinese():
    found = find_dates("2007年8月30日通过，二〇二二年六月二十四日修正")
    assert [(y, m, d) for y, m, d, _, _ in found] == [(2007, 8, 30), (2022, 6, 24)]
