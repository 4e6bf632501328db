"""The HTML 修改前后对照表: page structure on a tiny diff, the 反垄断法 pair
column by column, and the page as headless Chromium renders it."""

from __future__ import annotations

import base64
import json
import os
import re
import select
import subprocess
import time
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import LAWREFBOOK
from lawdiff.diff import diff_documents
from lawdiff.normalise import normalise
from lawdiff.parse import parse_text
from lawdiff.readers import source_from_bytes
from lawdiff.render.html import Segment, cell_lines, diff_html
from lawdiff.render.jsonout import diff_json

OLD_TEXT = """测试条例
（2020年1月1日某某通过）
第一条 为了规范<测试>&管理，制定本条例。
第二条 本条例适用于本省。
第三条 旧的条文将被删除，这一条很长很长很长。
第四条 保持不变的条文。
"""
NEW_TEXT = """测试条例
（2020年1月1日某某通过　2024年5月1日某某修正）
第一条 为了规范<测试>&管理和服务，制定本条例。
第二条 本条例适用于本省。
第三条 保持不变的条文。
第四条 全新的条文。
第二款内容。
"""
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def document(text: str):
    return parse_text(normalise(source_from_bytes(text.encode("utf-8"), "x.txt")))


@pytest.fixture(scope="module")
def small_diff():
    return diff_documents(document(OLD_TEXT), document(NEW_TEXT))


@pytest.fixture(scope="module")
def antitrust_diff():
    """反垄断法 2007 → 2022 (24 modified, 12 inserted, a split), or skip."""
    if not LAWREFBOOK.is_dir():
        pytest.skip("../shared/lawrefbook is not present on this machine")
    from lawdiff.convert import convert_file

    folder = LAWREFBOOK / "经济法"
    return diff_documents(convert_file(folder / "反垄断法(2007-08-30).md").expression,
                          convert_file(folder / "反垄断法(2022-06-24).md").expression)


def page(text: str):
    return lxml_html.document_fromstring(text)


def rows(tree) -> list:
    return tree.xpath("//table[@class='duizhao']/tbody/tr")


def column_text(td) -> str:
    """A column's text as the drafter reads it: paragraphs joined by newlines (badge excluded)."""
    return "\n".join(p.text_content() for p in td.findall("p"))


def marked(td, tag: str) -> str:
    return "".join(node.text_content() for node in td.iter(tag))


def ops_text(change, op: int) -> str:
    return "".join(text for kind, text in change.ops if kind == op).replace("\n", "")


# --- structure --------------------------------------------------------------------------------------


def test_page_is_self_contained_zh_cn_with_title(small_diff):
    text = diff_html(small_diff)
    tree = page(text)
    assert tree.get("lang") == "zh-CN"
    assert tree.findtext("head/title") == "《测试条例》修改前后对照表"
    assert "@page { size: A4; margin: 15mm; }" in tree.findtext("head/style")
    assert not tree.xpath("//script | //link | //img | //iframe | //*[@src]")
    assert not re.search(r"https?://|@import|url\(", text)
    assert [th.text for th in tree.xpath("//thead/tr/th")] == ["修改前", "修改后"]


def test_header_shows_versions_and_counts(small_diff):
    tree = page(diff_html(small_diff))
    assert [t.get("datetime") for t in tree.xpath("//dl[@class='versions']//time")] == ["2020-01-01", "2024-05-01"]
    counts = {span.get("data-kind"): int(span.text) for span in tree.xpath("//span[@class='count']")}
    assert counts == small_diff.summary == {"unchanged": 1, "renumbered": 1, "modified": 1, "inserted": 1,
                                            "deleted": 1}
    labels = [tally.text_content().split()[0] for tally in tree.xpath("//p[@class='summary']/span[@class and "
                                                                     "starts-with(@class, 'tally')]")]
    assert labels == ["未修改", "仅调整序号", "修改", "新增", "删除"]


def test_navigation_links_every_changed_row(small_diff):
    tree = page(diff_html(small_diff))
    links = {a.get("href"): a.text for a in tree.xpath("//nav//a")}
    assert links == {"#new-art_1": "第一条", "#new-art_3": "第三条", "#new-art_4": "第四条",
                     "#old-art_3": "原第三条"}
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert {href[1:] for href in links} <= set(ids)


def test_modified_row_strikes_deletions_and_underlines_insertions(small_diff):
    text = diff_html(small_diff)
    assert "规范&lt;测试&gt;&amp;管理" in text  # autoescaped
    old, new = rows(page(text))[0].findall("td")
    assert column_text(old) == "第一条 为了规范<测试>&管理，制定本条例。"
    assert column_text(new) == "第一条 为了规范<测试>&管理和服务，制定本条例。"
    assert marked(new, "ins") == "和服务" and marked(old, "del") == "" and not new.xpath(".//del")
    assert new.xpath("string(.//span[contains(@class, 'badge')])") == "修改"


def test_renumbered_row_marks_only_the_number(small_diff):
    row = page(diff_html(small_diff)).xpath("//tr[@data-kind='renumbered']")[0]
    old, new = row.findall("td")
    assert (marked(old, "del"), marked(new, "ins")) == ("第四条", "第三条")
    assert row.get("id") == "new-art_3" and old.get("id") == "old-art_4"


def test_inserted_and_deleted_rows_leave_one_cell_empty(small_diff):
    tree = page(diff_html(small_diff))
    inserted = tree.xpath("//tr[@data-kind='inserted']")[0].findall("td")
    deleted = tree.xpath("//tr[@data-kind='deleted']")[0].findall("td")
    for empty in (inserted[0], deleted[1]):
        assert "empty" in empty.get("class") and len(empty) == 0 and not empty.text_content()
    lines = [p.text_content() for p in inserted[1].findall("p")]
    assert lines == ["第四条 全新的条文。", "第二款内容。"]
    assert marked(inserted[1], "ins") == "第四条 全新的条文。第二款内容。"
    assert marked(deleted[0], "del") == "第三条 旧的条文将被删除，这一条很长很长很长。"
    assert deleted[0].xpath("string(.//span[contains(@class, 'badge')])") == "删除"


def test_only_changes_drops_unchanged_rows_but_keeps_the_counts(small_diff):
    full, brief = page(diff_html(small_diff)), page(diff_html(small_diff, only_changes=True))
    assert len(rows(full)) == 5
    assert [row.get("data-kind") for row in rows(brief)] == ["modified", "deleted", "renumbered", "inserted"]
    assert len(brief.xpath("//span[@class='count']")) == 5
    assert "略去未修改条文 1 条" in brief.xpath("string(//p[@class='summary'])")


def test_cell_lines_split_on_newlines_and_flag_the_number():
    ops = ((-1, "第五条"), (1, "第六条"), (0, " 甲"), (-1, "乙\n丙"), (1, "丁"))
    assert cell_lines(ops, -1, 3) == ((Segment(-1, "第五条", True), Segment(0, " 甲"), Segment(-1, "乙")),
                                      (Segment(-1, "丙"),))
    assert cell_lines(ops, 1, 3) == ((Segment(1, "第六条", True), Segment(0, " 甲"), Segment(1, "丁")),)
    assert cell_lines(((1, "第一条 新"),), -1, 3) == ()
    assert cell_lines(((1, "第一条 新"),), 1, 3) == ((Segment(1, "第一条", True), Segment(1, " 新")),)


def test_antitrust_columns_are_the_two_printed_texts(antitrust_diff):
    table = rows(page(diff_html(antitrust_diff)))
    assert len(table) == len(antitrust_diff.changes)
    for row, change in zip(table, antitrust_diff.changes):
        old, new = row.findall("td")
        assert row.get("data-kind") == change.kind
        assert (column_text(old), column_text(new)) == (change.old_text, change.new_text)
        assert (marked(old, "del"), marked(new, "ins")) == (ops_text(change, -1), ops_text(change, 1))


# --- headless Chromium --------------------------------------------------------------------------------


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe
    (``--remote-debugging-pipe``: commands on fd 3, replies on fd 4, each
    JSON message ended by NUL), so no port and no websocket library."""

    def __init__(self, binary: Path, profile: Path, log: Path):
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def wire_pipes():  # runs in the child: the pipes must become fds 3 and 4
            read, write = os.dup(commands_read), os.dup(replies_write)
            os.dup2(read, 3)
            os.dup2(write, 4)

        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [str(binary), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log, close_fds=False, preexec_fn=wire_pipes)
        os.close(commands_read)
        os.close(replies_write)
        self._buffer, self._id, self.events = b"", 0, []
        self.session = ""

    def open(self, url: str) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, browser=True)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 browser=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.navigate(url)

    def navigate(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                               "awaitPromise": True})
        assert "exceptionDetails" not in reply, reply
        return reply["result"].get("value")

    def problems(self) -> list[str]:
        """Uncaught exceptions, console errors and warnings, error log entries."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"uncaught: {params['exceptionDetails'].get('exception', {}).get('description')}")
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning", "assert"):
                found.append(f"console.{params['type']}: {[a.get('value') for a in params['args']]}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                found.append(f"log {params['entry']['level']}: {params['entry']['text']}")
        return found

    def requests(self) -> set[str]:
        return {e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"}

    def send(self, method: str, params: dict | None = None, *, browser: bool = False, timeout: float = 30):
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if not browser:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while not any(event.get("method") == method for event in self.events):
            self.events.append(self._receive(deadline))
        return next(event for event in self.events if event.get("method") == method)

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._replies], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self) -> None:
        try:
            self.send("Browser.close", browser=True, timeout=5)
        except (OSError, EOFError, TimeoutError, RuntimeError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._replies)
        self._log.close()


@pytest.fixture
def browser(tmp_path):
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    chromium = Browser(CHROMIUM, tmp_path / "profile", tmp_path / "chromium.log")
    yield chromium
    chromium.close()


READ_PAGE = """(() => {
  const all = selector => [...document.querySelectorAll(selector)];
  const tally = (nodes, key) => nodes.reduce((t, n) => ({...t, [key(n)]: (t[key(n)] || 0) + 1}), {});
  const counts = Object.fromEntries(all('.count[data-kind]').map(s => [s.dataset.kind, +s.textContent]));
  const rowKinds = tally(all('table.duizhao tbody tr'), row => row.dataset.kind);
  const hrefs = all('nav a').map(a => a.getAttribute('href'));
  const broken = hrefs.filter(h => !document.getElementById(h.slice(1)));
  const style = selector => {
    const s = getComputedStyle(document.querySelector(selector));
    return [s.textDecorationLine, s.color];
  };
  const root = document.documentElement;
  return {counts, rowKinds, broken, links: hrefs.length, title: document.title,
          del: style('td del'), ins: style('td ins'),
          thead: getComputedStyle(document.querySelector('thead')).display,
          overflow: root.scrollWidth - root.clientWidth};
})()"""


def test_chromium_renders_the_antitrust_comparison(antitrust_diff, browser, tmp_path):
    path = tmp_path / "duizhao.html"
    path.write_text(diff_html(antitrust_diff), "utf-8")
    browser.open(path.as_uri())
    seen = browser.evaluate(READ_PAGE)
    assert browser.problems() == []
    assert browser.requests() == {path.as_uri()}  # nothing fetched but the page itself
    summary = json.loads(diff_json(antitrust_diff))["summary"]
    assert seen["counts"] == summary == antitrust_diff.summary
    assert seen["rowKinds"] == summary
    assert seen["broken"] == [] and seen["links"] == len(antitrust_diff.changes) - summary["unchanged"]
    assert seen["title"] == "《中华人民共和国反垄断法》修改前后对照表"
    assert seen["del"][0] == "line-through" and seen["ins"][0] == "underline"
    assert seen["del"][1] != seen["ins"][1]
    assert seen["thead"] == "table-header-group" and seen["overflow"] <= 0
    pdf = base64.b64decode(browser.send("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    assert re.search(rb"/MediaBox \[0 0 59[45]\.?\d* 84[12]\.?\d*\]", pdf), "the page prints on A4"


def test_chromium_problem_detection_is_not_vacuous(browser):
    """The same probe sees a script error and a console error when there is one."""
    browser.open("data:text/html,<script>console.error('boom')</script><script>undefinedFunction()</script>")
    found = browser.problems()
    assert any("boom" in line for line in found) and any("undefinedFunction" in line for line in found)
