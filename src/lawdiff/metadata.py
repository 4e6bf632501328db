"""FRBR metadata from the preface: title, history lines, dates, work URI.

* title: the first preface line (a ``# title`` / Title-styled line where the
  format says so);
* history lines (``2007年8月30日 …通过``, ``…修正``, ``…修订``) become lifecycle
  events and stay, as printed, in ``Expression.preface``;
* entry into force comes from the body's ``自YYYY年M月D日起施行``;
* the work date is the adoption date; the expression date is the latest
  adoption/amendment/revision date, unless given; failing those, the date in a
  LawRefBook file name ``…(2022-06-24).md``, then the entry-into-force date.

The work URI is ``/akn/{country}/act/{subtype}/{date}/{slug}``: country ``cn``
for national texts and ``cn-xx`` (ISO 3166-2:CN) when the title starts with a
province-level name; subtype from the title's ending; slug from the title's
pinyin without the region name and without 法/条例 (the subtype says that).
"""

from __future__ import annotations

import re
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Iterator

from .errors import InputError
from .model import Event, Provision, Work
from .normalise import is_history_line
from .numerals import find_dates
from .source import SourceLine

REGIONS = {
    "北京市": "bj", "天津市": "tj", "河北省": "he", "山西省": "sx", "内蒙古自治区": "nm", "辽宁省": "ln",
    "吉林省": "jl", "黑龙江省": "hl", "上海市": "sh", "江苏省": "js", "浙江省": "zj", "安徽省": "ah",
    "福建省": "fj", "江西省": "jx", "山东省": "sd", "河南省": "ha", "湖北省": "hb", "湖南省": "hn",
    "广东省": "gd", "广西壮族自治区": "gx", "海南省": "hi", "重庆市": "cq", "四川省": "sc", "贵州省": "gz",
    "云南省": "yn", "西藏自治区": "xz", "陕西省": "sn", "甘肃省": "gs", "青海省": "qh",
    "宁夏回族自治区": "nx", "新疆维吾尔自治区": "xj",
}
_EVENT_WORDS = (("修订", "revision"), ("修正", "amendment"), ("修改", "amendment"), ("通过", "adoption"),
                ("施行", "entryIntoForce"), ("公布", "publication"), ("发布", "publication"))
_IN_FORCE = re.compile(r"自(.{6,16}?日)起施行")
_FILE_DATE = re.compile(r"\((\d{4})-(\d{2})-(\d{2})\)")
_WORK_URI = re.compile(r"^/akn/(?P<country>[a-z]{2}(?:-[a-z0-9]+)?)/act/(?P<subtype>[a-z-]+)/"
                       r"(?P<date>\d{4}-\d{2}-\d{2})/(?P<number>[^/@!]+)$")


def read_metadata(preface: tuple[SourceLine, ...], body: tuple[Provision, ...], path: str, *,
                  expression_date: date | None = None, work_uri: str | None = None):
    """Return ``(work, expression_date, events, preface_lines)``."""
    title = _title(preface, path)
    history = tuple(line.text for line in preface if line.text != title and line.style != "end-preface")
    events = _events(history) + _entry_into_force(body)
    own = [e.date for e in events if e.kind in ("adoption", "amendment", "revision")]
    in_force = [e.date for e in events if e.kind == "entryIntoForce"]
    when = expression_date or (max(own) if own else None) or _file_date(path) or (in_force[0] if in_force else None)
    if when is None:
        raise InputError(path, "no version date in the text or file name: pass --date YYYY-MM-DD")
    work_date = min(own) if own else when
    work = parse_work_uri(work_uri, title, path) if work_uri else Work(
        title, _country(title), _subtype(title), _slug(title), work_date)
    return work, when, events, history


def parse_work_uri(uri: str, title: str, path: str) -> Work:
    match = _WORK_URI.match(uri)
    if not match:
        raise InputError(path, f"not an AKN work URI: {uri!r} (expected /akn/cn-xx/act/SUBTYPE/YYYY-MM-DD/NAME)")
    return Work(title, match["country"], match["subtype"], match["number"], date.fromisoformat(match["date"]))


def _title(preface: tuple[SourceLine, ...], path: str) -> str:
    titled = [line.text for line in preface if line.style == "title"]
    plain = [line.text for line in preface if line.style != "end-preface" and not is_history_line(line.text)]
    candidates = titled or plain
    return candidates[0] if candidates else Path(path).stem.split("(")[0]


def _events(history: tuple[str, ...]) -> tuple[Event, ...]:
    events = []
    for text in history:
        dates = find_dates(text)
        for index, (year, month, day, _, end) in enumerate(dates):
            stop = dates[index + 1][3] if index + 1 < len(dates) else len(text)
            tail = text[end:stop]
            kind = next((k for word, k in _EVENT_WORDS if word in tail), None)
            if kind is None and index == 0:
                kind = next((k for word, k in _EVENT_WORDS if word in text), None)
            if kind:
                events.append(Event(date(year, month, day), kind))
    if events and not any(e.kind == "adoption" for e in events):
        first = min(events, key=lambda e: e.date)
        events[events.index(first)] = Event(first.date, "adoption")
    return tuple(events)


def _entry_into_force(body: tuple[Provision, ...]) -> tuple[Event, ...]:
    """From the last 12 provisions (the closing articles), last first."""
    for provision in islice(_last_first(body), 12):
        match = _IN_FORCE.search(provision.text)
        if match and (found := find_dates(match.group(1))):
            year, month, day, _, _ = found[0]
            return (Event(date(year, month, day), "entryIntoForce"),)
    return ()


def _last_first(provisions: tuple[Provision, ...]) -> Iterator[Provision]:
    """Provisions and their descendants in reverse document order, lazily: the
    end of a 1,000-article code is reached without walking all of it."""
    for provision in reversed(provisions):
        yield from _last_first(provision.children)
        yield provision


def _file_date(path: str) -> date | None:
    match = _FILE_DATE.search(Path(path).name)
    return date(*map(int, match.groups())) if match else None


def _country(title: str) -> str:
    for name, code in REGIONS.items():
        if title.startswith(name):
            return f"cn-{code}"
    return "cn"


def _subtype(title: str) -> str:
    core = re.sub(r"[（(][^）)]*[）)]$", "", title)
    for ending, subtype in (("修正案", "amendment"), ("决定", "decision"), ("决议", "resolution"),
                            ("解释", "interpretation"), ("批复", "interpretation"), ("法典", "law"),
                            ("法", "law"), ("条例", "regulation"), ("规定", "regulation"),
                            ("办法", "regulation"), ("细则", "regulation"), ("规则", "regulation")):
        if core.endswith(ending):
            return subtype
    return "act"


def _slug(title: str) -> str:
    from pypinyin import lazy_pinyin

    core = title.removeprefix("中华人民共和国")
    for name in REGIONS:
        core = core.removeprefix(name)
    core = re.sub(r"(条例|法)$", "", core) or core
    syllables = lazy_pinyin(core, errors=lambda chars: [c if c.isascii() and c.isalnum() else "-" for c in chars])
    slug = re.sub(r"-+", "-", "".join(s.lower() for s in syllables)).strip("-")
    return slug or "untitled"
