"""The git version store: commits, tags, point in time, article history, refusals that
leave the repository untouched, recovery after a kill, the CLI and LawRefBook import."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from lawdiff.akn import serialise
from lawdiff.cli_store import store_app
from lawdiff.findings import Severity
from lawdiff.model import Event
from lawdiff.store import DuplicateVersion, Store, StoreError, import_history, init_store

from factories import article, expression

TESTS = Path(__file__).resolve().parent
URI = "/akn/cn-hl/act/regulation/2020-01-01/ceshi"
SLUG = "cn-hl-regulation-2020-01-01-ceshi"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout.strip()


def fsck_ok(repo: Path) -> bool:
    return subprocess.run(["git", "-C", str(repo), "fsck", "--no-dangling"], capture_output=True).returncode == 0


def with_events(expr, *events: tuple[date, str]):
    return replace(expr, events=tuple(Event(when, kind) for when, kind in events))


ADOPTED, AMENDED, REVISED = date(2020, 1, 1), date(2021, 6, 1), date(2023, 3, 1)
V1 = with_events(expression(ADOPTED, article(1, "为了测试，制定本条例。"), article(2, "本条例适用于本省。"),
                            article(3, "县级以上人民政府负责实施。")), (ADOPTED, "adoption"))
V2 = with_events(expression(AMENDED, article(1, "为了测试，制定本条例。"), article(2, "本条例适用于本省行政区域。"),
                            article(3, "县级以上人民政府负责实施。")), (ADOPTED, "adoption"), (AMENDED, "amendment"))
V3 = with_events(expression(REVISED, article(1, "为了测试，制定本条例。"), article(2, "本条例适用于本省行政区域。"),
                            article(3, "县级以上人民政府统一负责实施。"), article(4, "本条例自公布之日起施行。")),
                 (ADOPTED, "adoption"), (AMENDED, "amendment"), (REVISED, "revision"))


@pytest.fixture
def store(tmp_path) -> Store:
    store = init_store(tmp_path / "store")
    for version in (V1, V2, V3):
        assert store.add(version).warnings == ()
    return store


def assert_intact(path: Path) -> list:
    """Open (which recovers), then: clean status, fsck ok, exactly one annotated tag per version."""
    store = Store(path)
    assert git(path, "status", "--porcelain") == ""
    assert fsck_ok(path)
    versions = [v for work in store.works() for v in store.versions(work)]
    assert set(git(path, "tag", "-l").split()) == {v.tag for v in versions}
    for v in versions:
        assert git(path, "cat-file", "-t", v.tag) == "tag"
        assert git(path, "rev-parse", f"{v.tag}^{{commit}}") == v.commit
    leftovers = [p.name for p in (path / ".git").rglob("*") if p.name.endswith(".lock") or "lawdiff-index" in p.name]
    assert leftovers == ["lawdiff.lock"]
    return versions


# ---------------------------------------------------------------- history, tags, reading


def test_one_commit_per_version_dated_on_the_version_date(store):
    path = store.path
    log = git(path, "log", "--format=%s|%aI|%cI").splitlines()
    assert log == [f"测试条例 {when} {event}|{when}T00:00:00+08:00|{when}T00:00:00+08:00"
                   for when, event in (("2023-03-01", "修订"), ("2021-06-01", "修正"), ("2020-01-01", "通过"))]
    assert f"Lawdiff-Work: {URI}" in git(path, "log", "-1", "--format=%B")
    assert git(path, "tag", "-l").split() == [f"{SLUG}@2020-01-01", f"{SLUG}@2021-06-01", f"{SLUG}@2023-03-01"]
    assert (path / "cn-hl/act/regulation/2020-01-01/ceshi.xml").read_bytes() == serialise(V3)
    assert assert_intact(path) == store.versions(URI)


def test_versions_and_point_in_time(store):
    versions = store.versions("ceshi")
    assert [(v.date, v.event) for v in versions] == [(ADOPTED, "通过"), (AMENDED, "修正"), (REVISED, "修订")]
    with pytest.raises(StoreError, match="no version on or before 2019-12-31"):
        store.at(URI, date(2019, 12, 31))
    assert store.at(URI, ADOPTED) == V1
    assert store.at(URI, date(2022, 1, 1)) == V2
    assert store.at(URI, date(2030, 1, 1)) == V3
    assert store.read(versions[1]) == serialise(V2)


@pytest.mark.parametrize("work", [URI, SLUG, "ceshi", "2020-01-01/ceshi", "regulation-2020-01-01-ceshi"])
def test_resolve_accepts_uri_slug_and_suffix(store, work):
    assert store.resolve(f"{work}@2022-01-01") == V2
    assert store.resolve(work) == V3


def test_resolve_refuses_unknown_and_ambiguous_works(store):
    other = replace(V1, work=replace(V1.work, country="cn-jl"))
    store.add(other)
    with pytest.raises(StoreError, match="ambiguous.*cn-hl.*cn-jl"):
        store.resolve("ceshi@2022-01-01")
    assert store.resolve("cn-jl-regulation-2020-01-01-ceshi@2022-01-01").work.country == "cn-jl"
    with pytest.raises(StoreError, match="no stored work matches 'shi'; works containing it: /akn/cn-hl.*/akn/cn-jl"):
        store.resolve("shi@2022-01-01")
    with pytest.raises(StoreError, match="no stored work matches 'xyz'; stored works: /akn/cn-hl.*/akn/cn-jl"):
        store.versions("xyz")
    with pytest.raises(StoreError, match="not a date"):
        store.resolve("ceshi@2022-13-01")


def test_article_history(store):
    def history(label):
        return [(c.version.date, c.change) for c in store.article_history("ceshi", label)]

    assert history("第一条") == [(ADOPTED, "added")]
    assert history("第二条") == history("art_2") == [(ADOPTED, "added"), (AMENDED, "changed")]
    assert history("art_3") == [(ADOPTED, "added"), (REVISED, "changed")]
    assert history("第四条") == [(REVISED, "added")]
    store.add(replace(V3, date=date(2024, 1, 1), body=V3.body[:3]))
    assert history("第四条") == [(REVISED, "added"), (date(2024, 1, 1), "removed")]
    with pytest.raises(StoreError, match="no stored version has art_50"):
        history("第五十条")
    with pytest.raises(StoreError, match="neither an article label"):
        history("article twelve")


def test_article_history_follows_a_renumbered_article(store):
    """A new 第一条 renumbers the rest: today's 第三条 is the 第二条 of before, and its
    history is that article's, not the history of whatever was once numbered 第三条."""
    inserted = date(2025, 1, 1)
    store.add(with_events(expression(inserted, article(1, "本条例所称测试，是指检验。"),
                                     *(replace(a, num=a.num + 1, label=f"第{'二三四五'[k]}条")
                                       for k, a in enumerate(V3.body))),
                          (ADOPTED, "adoption"), (inserted, "amendment")))
    changes = store.article_history("ceshi", "第三条")
    assert [(c.version.date, c.change) for c in changes] == [(ADOPTED, "added"), (AMENDED, "changed"),
                                                              (inserted, "renumbered")]
    assert (changes[-1].previous.label, changes[-1].article.label) == ("第二条", "第三条")
    assert [(c.version.date, c.change) for c in store.article_history("ceshi", "第一条")] == [(inserted, "added")]


@pytest.mark.corpus
def test_article_history_of_the_antimonopoly_law_follows_the_2022_renumbering(tmp_path, lawrefbook):
    """反垄断法 2022 第六条 (abuse of dominance, jointly) is 2007 第五条 with its words unchanged:
    ``store log --article 第六条`` says renumbered, not changed; 2022 第五条 (公平竞争审查) is new."""
    sources = tmp_path / "src"
    sources.mkdir()
    for year in ("2007-08-30", "2022-06-24"):
        (sources / f"反垄断法({year}).md").write_bytes((lawrefbook / "经济法" / f"反垄断法({year}).md").read_bytes())
    directory = tmp_path / "store"
    assert cli("init", directory).exit_code == 0
    assert cli("import-history", directory, sources).exit_code == 0
    log = cli("log", directory, "fanlongduan", "--article", "第六条").output.splitlines()
    assert [line.split()[0] for line in log] == ["2007-08-30", "2022-06-24"]
    assert log[0].endswith("added") and log[1].endswith("renumbered 第五条 → 第六条")
    log = cli("log", directory, "fanlongduan", "--article", "第五条").output.splitlines()
    assert len(log) == 1 and log[0].startswith("2022-06-24") and log[0].endswith("added")


def test_numbering_findings_are_warnings(tmp_path):
    store = init_store(tmp_path / "store")
    added = store.add(expression(ADOPTED, article(1, "甲。"), article(3, "丙。")))
    assert [(f.rule, f.severity) for f in added.warnings] == [("numbering-gap", Severity.WARNING)]
    assert added.version.event == "文本"  # no history line dated on the version date
    assert store.versions("ceshi") == [added.version]


def test_before_1970_git_dates_are_clamped_and_the_real_date_kept(tmp_path):
    store = init_store(tmp_path / "store")
    old = with_events(expression(date(1958, 1, 9), article(1, "甲。"), title="户口登记条例"),
                      (date(1958, 1, 9), "adoption"))
    tag = store.add(old).version.tag
    assert tag == f"{SLUG}@1958-01-09"
    assert git(store.path, "log", "--format=%aI|%cI|%s") == "1970-01-01T08:00:00+08:00|" * 2 + "户口登记条例 1958-01-09 通过"
    assert "the version date is 1958-01-09" in git(store.path, "log", "--format=%B")
    assert store.at("ceshi", date(1960, 1, 1)) == old
    assert_intact(store.path)


# ---------------------------------------------------------------- refusals leave the store untouched


@pytest.mark.parametrize("bad,error,message", [
    (expression(date(2024, 1, 1), article(1, "甲。"), article(2, "")), StoreError, "invalid.*empty-provision"),
    (replace(V3, date=date(2024, 1, 1), body=V3.body + (article(5, "戊。"),)), StoreError, "invalid.*xsd"),
    (V2, DuplicateVersion, "already stored"),
    (replace(V3, body=V3.body[:2]), DuplicateVersion, "already stored"),
    (replace(V2, date=date(2022, 1, 1)), StoreError, "out of order.*2023-03-01"),
], ids=["invalid-schematron", "invalid-xsd", "duplicate", "same-date-other-text", "out-of-order"])
def test_refusals_leave_the_repository_untouched(store, bad, error, message):
    def state():
        return git(store.path, "rev-parse", "HEAD"), git(store.path, "tag", "-l"), sorted(os.listdir(store.path))

    before = state()
    with pytest.raises(error, match=message):
        store.add(bad)
    assert state() == before
    assert len(assert_intact(store.path)) == 3


def test_not_a_store(tmp_path):
    with pytest.raises(StoreError, match="not a lawdiff store"):
        Store(tmp_path)


def test_recovery_repairs_what_a_killed_add_leaves(store):
    """Stale git locks, the temporary index, a working tree behind the head, a missing tag."""
    path, gitdir = store.path, store.path / ".git"
    tag = f"{SLUG}@2023-03-01"
    tag_object = git(path, "rev-parse", tag)
    for stale in ("index.lock", "lawdiff-index", "refs/heads/main.lock", "refs/tags/x.lock"):
        (gitdir / stale).write_bytes(b"")
    (gitdir / "refs/tags" / tag).unlink()
    (path / "cn-hl/act/regulation/2020-01-01/ceshi.xml").write_bytes(b"half a fi")
    assert len(assert_intact(path)) == 3
    assert git(path, "rev-parse", tag) == tag_object  # rebuilt byte for byte


# ---------------------------------------------------------------- killed mid-add, concurrency

CHILD = """
import sys, time
from dataclasses import replace
from datetime import date
sys.path.insert(0, {tests!r})
from factories import article, expression
from lawdiff.store import Store

store_dir, pause_at, when, number = sys.argv[1], int(sys.argv[2]), date.fromisoformat(sys.argv[3]), sys.argv[4]
original, calls = Store._git, 0

def traced(self, *args, **kwargs):
    global calls
    calls += 1
    print(calls, args[0], flush=True)
    if calls == pause_at:
        time.sleep(60)
    return original(self, *args, **kwargs)

Store._git = traced
version = expression(when, article(1, f"{{when}}起施行。"))
Store(store_dir).add(replace(version, work=replace(version.work, number=number)))
print("done", flush=True)
"""

HOOK = """#!/bin/sh
cat > /dev/null
if [ "$1" = "$LAWDIFF_TEST_HOOK_STATE" ]; then
  touch "$LAWDIFF_TEST_HOOK_MARK"
  sleep "$LAWDIFF_TEST_HOOK_SLEEP"
fi
"""


def _child(tmp_path: Path, store_path: Path, pause_at: int, when: date, number: str = "ceshi", **env):
    script = tmp_path / "child.py"
    if not script.exists():  # never rewritten while an earlier child may still be reading it
        script.write_text(CHILD.format(tests=str(TESTS)), "utf-8")
    return subprocess.Popen([sys.executable, str(script), str(store_path), str(pause_at), when.isoformat(), number],
                            stdout=subprocess.PIPE, text=True, start_new_session=True, env={**os.environ, **env})


def _kill_at_step(tmp_path: Path, store_path: Path, step: int, when: date) -> list[str] | None:
    """Run an add that pauses before its ``step``-th git command, SIGKILL its process group
    there; return the commands it ran, or None when it finished first."""
    child = _child(tmp_path, store_path, step, when)
    ran = []
    for line in child.stdout:
        if line.startswith("done"):
            child.wait()
            return None
        number, command = line.split()
        if int(number) == step:
            break
        ran.append(command)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    return ran


def test_killed_mid_add_at_every_step_leaves_all_or_nothing(tmp_path):
    store = init_store(tmp_path / "store")
    store.add(V1)
    path = store.path
    for step in range(1, 40):
        when = AMENDED + timedelta(days=step)
        ran = _kill_at_step(tmp_path, path, step, when)
        versions = assert_intact(path)
        present = when in [v.date for v in versions]
        if ran is None:
            assert present
            break
        assert present == ("update-ref" in ran), (step, ran)
    else:
        pytest.fail("the add never finished")
    assert step > 10


@pytest.mark.parametrize("state,whole_group", [("prepared", True), ("committed", True), ("prepared", False)],
                         ids=["in-transaction", "refs-moved-tree-not", "orphaned-git-child"])
def test_killed_inside_the_ref_transaction(tmp_path, state, whole_group):
    """SIGKILL while ``git update-ref`` runs (its reference-transaction hook sleeps).  Killing
    only Python orphans the git child (which then dies of SIGPIPE reporting "prepare: ok"):
    the store stays locked until it has exited."""
    store = init_store(tmp_path / "store")
    store.add(V1)
    hook = store.path / ".git/hooks/reference-transaction"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(HOOK, "utf-8")
    hook.chmod(0o755)
    mark = tmp_path / "hook-ran"
    child = _child(tmp_path, store.path, 0, AMENDED, LAWDIFF_TEST_HOOK_STATE=state,
                   LAWDIFF_TEST_HOOK_MARK=str(mark), LAWDIFF_TEST_HOOK_SLEEP="60" if whole_group else "1")
    deadline = time.monotonic() + 20
    while not mark.exists():
        assert child.poll() is None and time.monotonic() < deadline, "the hook never ran"
        time.sleep(0.02)
    os.killpg(child.pid, signal.SIGKILL) if whole_group else child.kill()
    child.wait()
    hook.unlink()
    started = time.monotonic()
    Store(store.path)
    assert whole_group or time.monotonic() - started > 0.5  # waited for the orphan's lock
    dates = [v.date for v in assert_intact(store.path)]
    assert dates == ([ADOPTED] if state == "prepared" else [ADOPTED, AMENDED])


def test_concurrent_adds_are_serialised(tmp_path):
    path = init_store(tmp_path / "store").path
    children = [_child(tmp_path, path, 0, ADOPTED, number=f"work{i}") for i in range(4)]
    assert [child.wait() for child in children] == [0] * 4
    assert git(path, "rev-list", "--count", "HEAD") == "4"
    assert len(assert_intact(path)) == 4


# ---------------------------------------------------------------- import and CLI

SOURCE = """# {title}

2020年1月1日黑龙江省第十三届人民代表大会常务委员会第十次会议通过{amended}

<!-- INFO END -->

第一条 为了测试，制定本条例。

第二条 {text}
"""


def _write_sources(folder: Path) -> None:
    (folder / "地方性法规").mkdir(parents=True)
    (folder / "地方性法规/黑龙江省测试条例(2020-01-01).md").write_text(
        SOURCE.format(title="黑龙江省测试条例", amended="", text="本条例适用于本省。"), "utf-8")
    (folder / "黑龙江省测试条例(2021-06-01).md").write_text(SOURCE.format(
        title="黑龙江省测试管理条例", text="本条例适用于本省行政区域。",
        amended="\n\n2021年6月1日黑龙江省第十三届人民代表大会常务委员会第二十次会议修正"), "utf-8")
    (folder / "空文件(2020-01-01).md").write_bytes(b"")
    (folder / "说明.md").write_text("# 说明\n", "utf-8")


def test_import_history_forces_the_first_work_uri_and_reports_unusable_files(tmp_path):
    _write_sources(tmp_path / "src")
    store = init_store(tmp_path / "store")
    seen = []
    items = import_history(store, tmp_path / "src", progress=lambda item, done, total: seen.append((done, total)))
    assert [(i.path.name, i.status) for i in items] == [
        ("空文件(2020-01-01).md", "unusable"), ("黑龙江省测试条例(2020-01-01).md", "added"),
        ("黑龙江省测试条例(2021-06-01).md", "added")]
    assert "file is empty" in items[0].detail
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert store.works() == [URI]
    assert [(v.date, v.event) for v in store.versions(URI)] == [(ADOPTED, "通过"), (AMENDED, "修正")]
    assert [i.status for i in import_history(store, tmp_path / "src")] == ["unusable", "present", "present"]
    assert_intact(store.path)


def cli(*args):
    app = typer.Typer()
    app.add_typer(store_app, name="store")
    return CliRunner().invoke(app, ["store", *map(str, args)])


def test_cli(tmp_path):
    _write_sources(tmp_path / "src")
    first, second = tmp_path / "src/地方性法规/黑龙江省测试条例(2020-01-01).md", tmp_path / "src/黑龙江省测试条例(2021-06-01).md"
    directory = tmp_path / "store"
    assert cli("init", directory).exit_code == 0
    assert cli("add", directory, first, "--date", "2020-01-01").exit_code == 0
    added = cli("add", directory, second, "--date", "2021-06-01", "--work-uri", URI, "--event", "第一次修正")
    assert added.exit_code == 0 and f"{SLUG}@2021-06-01" in added.stdout
    refused = cli("add", directory, second, "--date", "2021-06-01", "--work-uri", URI)
    assert refused.exit_code == 1 and "already stored" in refused.output
    unusable = cli("add", directory, tmp_path / "src/空文件(2020-01-01).md", "--date", "2020-01-01")
    assert unusable.exit_code == 2 and "error:" in unusable.output and "空文件(2020-01-01).md" in unusable.output
    log = cli("log", directory, "ceshi")
    assert log.exit_code == 0 and "2020-01-01  通过" in log.stdout and "2021-06-01  第一次修正" in log.stdout
    history = cli("log", directory, "ceshi", "--article", "第二条")
    assert history.exit_code == 0 and len(history.stdout.splitlines()) == 2 and "changed" in history.stdout
    shown = cli("show", directory, "ceshi@2020-12-31")
    assert shown.exit_code == 0 and shown.stdout.encode() == Store(directory).read(Store(directory).versions(URI)[0])
    assert cli("show", directory, "ceshi@2019-12-31").exit_code == 2
    assert cli("show", directory, "nothing@2020-01-01").exit_code == 2
    assert cli("log", tmp_path / "src", "ceshi").exit_code == 2
    assert_intact(directory)


def test_cli_import_history(tmp_path):
    _write_sources(tmp_path / "src")
    assert cli("init", tmp_path / "store").exit_code == 0
    result = cli("import-history", tmp_path / "store", tmp_path / "src")
    assert result.exit_code == 2 and "file is empty" in result.output and "2 added" in result.output


def test_every_command_has_an_example():
    for command in store_app.registered_commands:
        assert "Example: lawdiff store " in command.callback.__doc__


def test_import_lawrefbook_anti_monopoly_law(lawrefbook, tmp_path):
    for when in ("2007-08-30", "2022-06-24"):
        source = lawrefbook / f"经济法/反垄断法({when}).md"
        if not source.exists():
            pytest.skip(f"{source} is not present")
        (tmp_path / "src").mkdir(exist_ok=True)
        shutil.copy(source, tmp_path / "src" / source.name)
    store = init_store(tmp_path / "store")
    assert [i.status for i in import_history(store, tmp_path / "src")] == ["added", "added"]
    uri = "/akn/cn/act/law/2007-08-30/fanlongduan"
    versions = store.versions("fanlongduan")
    assert [(v.date.isoformat(), v.event, v.tag) for v in versions] == [
        ("2007-08-30", "通过", "cn-law-2007-08-30-fanlongduan@2007-08-30"),
        ("2022-06-24", "修正", "cn-law-2007-08-30-fanlongduan@2022-06-24")]
    assert git(store.path, "log", "--format=%s").splitlines() == [
        "中华人民共和国反垄断法 2022-06-24 修正", "中华人民共和国反垄断法 2007-08-30 通过"]
    assert store.at(uri, date(2015, 1, 1)).date == date(2007, 8, 30)
    assert any(c.change == "changed" for c in store.article_history(uri, "第一条"))
    assert_intact(store.path)
