"""The git version store: every version of every work, one commit each.

Layout.  One branch (``main``); one AKN file per work at its FRBR work URI
without ``/akn/`` (``cn/act/law/2007-08-30/fanlongduan.xml``); one commit per
version whose author and committer date is the version date at 00:00 +08:00
and whose message names the event (``中华人民共和国反垄断法 2022-06-24 修正``)
and carries ``Lawdiff-Work``, ``Lawdiff-Date`` and ``Lawdiff-Event`` trailers;
one annotated tag per version, ``<work-slug>@<date>``, the slug being the work
URI's segments joined with ``-`` without ``act``
(``cn-law-2007-08-30-fanlongduan@2022-06-24``).  The trailers are the store's
source of truth for dates: versions of different works interleave on the
branch, so git dates are informational.  The tags are the index of versions:
their message is the commit's, so one ``for-each-ref`` lists a work's versions
without walking history (0.03 s instead of 0.3 s in a 3,000-commit store);
branch and tags only ever move together, so do not delete a tag by hand.

Atomicity.  ``add`` validates first (refusing XSD and Schematron findings,
returning numbering findings as warnings), then, holding ``flock`` on
``.git/lawdiff.lock``:

1. recovers (below) and refuses a version dated on or before the work's latest;
2. writes the blob, builds the tree in a temporary index
   (``.git/lawdiff-index``), writes the commit (``commit-tree``) and the tag
   object (``mktag``) — none of which touches the working tree, the real index
   or any ref; objects left by a process killed here are unreachable, which
   ``git fsck`` reports as dangling (exit 0) and ``git gc`` prunes;
3. moves the branch (compare-and-swap on the old head) and creates the tag in
   ONE ``git update-ref --stdin`` transaction (``start … prepare commit``); a
   transaction cut off before ``commit`` aborts;
4. syncs index and working tree with ``git read-tree -u --reset HEAD``.

Every git child inherits the locked descriptor, so a killed lawdiff's orphaned
git child keeps the store locked until it has finished.  Recovery, on opening
and before every add, under the lock: remove lock files a killed git left
(``index.lock``, ``refs/**/*.lock``, …) and the temporary index; recreate the
head commit's tag if it is missing (git's files backend renames the two refs one
after the other, and the tag object is rebuilt from the commit byte for byte);
sync the working tree.  The working tree is a read-only mirror of the head
(recovery overwrites edits made by hand): run only read-only git commands in a
store while lawdiff writes to it.

Tag names.  ``<work-slug>@<date>`` reads like the ``WORK@DATE`` references
``resolve`` accepts, is a valid ref name for every URI the converter makes
(checked with ``git check-ref-format`` before anything is written), and keeps
all tags of a work together in ``git tag -l``.

Dates before 1970.  Git (2.39) rejects negative timestamps, and a version date
at 00:00 +08:00 is negative up to 1970-01-01.  Refusing would lose laws still
in force (户口登记条例, 1958), so such versions get commit and tag dates of
1970-01-01 08:00 +0800 (the epoch); the real date stays in the subject, the
``Lawdiff-Date`` trailer and the tag name, and the message says the git dates
are clamped.  The store never reads dates from git dates.
"""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterator

import git

from .akn import from_akn, serialise_tree, to_akn
from .convert import convert_file
from .errors import InputError, LawdiffError
from .findings import Finding, Severity
from .grammar import classify
from .history import article_steps
from .model import Expression, Provision
from .validate import validate_xml

IDENTITY = {"GIT_AUTHOR_NAME": "lawdiff", "GIT_AUTHOR_EMAIL": "lawdiff@localhost",
            "GIT_COMMITTER_NAME": "lawdiff", "GIT_COMMITTER_EMAIL": "lawdiff@localhost"}
CHINA = timezone(timedelta(hours=8))
#: Event kinds a version can be named after, most specific first.
EVENT_NAMES = {"revision": "修订", "amendment": "修正", "adoption": "通过", "publication": "公布",
               "entryIntoForce": "施行"}
UNNAMED_EVENT = "文本"
_TEMP_INDEX = "lawdiff-index"
_DATED_SOURCE = re.compile(r"^(?P<name>.+)\((?P<date>\d{4}-\d{2}-\d{2})\)\.md$")


class StoreError(LawdiffError):
    """A refused change or an unknown reference; ``findings`` holds a refused document's problems."""

    def __init__(self, message: str, findings: tuple[Finding, ...] = ()):
        self.findings = findings
        super().__init__(message)


class DuplicateVersion(StoreError):
    """The store already holds a version of this work with this date."""


@dataclass(frozen=True, slots=True)
class Version:
    work: str  # FRBR work URI
    date: date
    event: str  # as named in the commit message: 通过, 修正, 修订, …
    commit: str
    tag: str


@dataclass(frozen=True, slots=True)
class Added:
    version: Version
    warnings: tuple[Finding, ...]  # numbering findings: stored anyway


@dataclass(frozen=True, slots=True)
class ArticleChange:
    version: Version
    change: str  # "added" | "changed" | "renumbered" | "removed"
    article: Provision | None  # None when removed
    previous: Provision | None = None  # the article before this version (its old number)


@dataclass(frozen=True, slots=True)
class Imported:
    path: Path
    status: str  # "added" | "present" (already stored) | "unusable" (InputError) | "refused"
    detail: str = ""


# ---------------------------------------------------------------- names


def work_path(uri: str) -> str:
    """``/akn/cn/act/law/2007-08-30/fanlongduan`` → ``cn/act/law/2007-08-30/fanlongduan.xml``."""
    if not uri.startswith("/akn/"):
        raise StoreError(f"not an AKN work URI: {uri!r}")
    return uri.removeprefix("/akn/") + ".xml"


def work_slug(uri: str) -> str:
    """``/akn/cn-hl/act/regulation/2024-12-19/x`` → ``cn-hl-regulation-2024-12-19-x``."""
    country, _act, *rest = uri.removeprefix("/akn/").split("/")
    return "-".join([country, *rest])


def tag_name(uri: str, when: date) -> str:
    return f"{work_slug(uri)}@{when.isoformat()}"


def event_name(expression: Expression) -> str:
    """The event a version is named after: the most specific one dated on the version date."""
    kinds = {e.kind for e in expression.events if e.date == expression.date}
    return next((name for kind, name in EVENT_NAMES.items() if kind in kinds), UNNAMED_EVENT)


def git_date(when: date) -> tuple[str, bool]:
    """``("@<epoch> +0800", clamped)``: the version date at 00:00 +08:00, clamped to the epoch."""
    stamp = int(datetime(when.year, when.month, when.day, tzinfo=CHINA).timestamp())
    return f"@{max(stamp, 0)} +0800", stamp < 0


def commit_message(expression: Expression, event: str) -> str:
    when = expression.date.isoformat()
    clamped = git_date(expression.date)[1]
    note = (f"Git cannot record dates before 1970: the commit and tag dates are set to "
            f"1970-01-01 08:00 +0800; the version date is {when}.\n\n") if clamped else ""
    return (f"{expression.work.title} {when} {event}\n\n{note}Lawdiff-Work: {expression.work.uri}\n"
            f"Lawdiff-Date: {when}\nLawdiff-Event: {event}\n")


def trailers(message: str) -> dict[str, str]:
    pairs = (line.split(": ", 1) for line in message.splitlines() if line.startswith("Lawdiff-"))
    return {key: value for key, value in pairs}


def provision_eid(label_or_eid: str) -> str:
    """``第十二条`` → ``art_12``, ``第十条之一`` → ``art_10-1``; an eId is returned as is."""
    text = label_or_eid.strip()
    marker = classify(text)
    if marker.kind == "article" and not marker.rest:
        return f"art_{marker.num}" + (f"-{marker.suffix}" if marker.suffix else "")
    if re.fullmatch(r"[a-z]+_[0-9a-z_-]+", text):
        return text
    raise StoreError(f"{label_or_eid!r} is neither an article label (第十二条) nor an eId (art_12)")


# ---------------------------------------------------------------- the store


def init_store(path: str | Path) -> "Store":
    """Create an empty store (a git repository on branch ``main``); an existing one is opened."""
    path = Path(path)
    if not (path / ".git").exists():
        path.mkdir(parents=True, exist_ok=True)
        git.Repo.init(path, initial_branch="main")
    return Store(path)


class Store:
    """A git repository of AKN versions.  Not thread-safe: open one per thread or process."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.repo = git.Repo(self.path)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise StoreError(f"{self.path}: not a lawdiff store (create one with `lawdiff store init`)") from None
        if self.repo.bare:
            raise StoreError(f"{self.path}: a bare repository cannot be a lawdiff store")
        self._git_dir = Path(self.repo.git_dir)
        self._lock_fd: int | None = None
        with self._locked():
            self._recover()

    # ------------------------------------------------------------ writing

    def add(self, expression: Expression, *, event: str | None = None) -> Added:
        """Commit one version and tag it; refuse (StoreError) invalid, duplicate or out-of-order ones."""
        path = work_path(expression.work.uri)
        akn = to_akn(expression)
        xml = serialise_tree(akn)
        warnings = self._check_document(xml, akn, path, expression)
        event = " ".join((event or "").split()) or event_name(expression)
        message = commit_message(expression, event)
        with self._locked():
            self._recover()
            tag = self._check_new(expression)
            commit = self._write_commit(xml, path, message, expression.date)
            tag_object = self._write_tag(commit)
            self._move_refs(commit, tag, tag_object)
            self._sync()
        return Added(Version(expression.work.uri, expression.date, event, commit, tag), warnings)

    def _check_document(self, xml: bytes, akn, path: str, expression: Expression) -> tuple[Finding, ...]:
        findings = validate_xml(xml, path, expression=expression, root=akn)
        errors = tuple(f for f in findings if not f.rule.startswith("numbering"))
        if errors:
            shown = "; ".join(f"{f.rule}: {f.message}" for f in errors[:3])
            more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
            raise StoreError(f"{expression.work.title} {expression.date}: refused, the document is invalid: "
                             f"{shown}{more}", errors)
        return tuple(replace(f, severity=Severity.WARNING) for f in findings)

    def _check_new(self, expression: Expression) -> str:
        """The new version's tag name, after refusing duplicates, out-of-order dates and bad names."""
        uri, when, title = expression.work.uri, expression.date, expression.work.title
        tag = tag_name(uri, when)
        try:
            self._git("check-ref-format", f"refs/tags/{tag}")
        except StoreError:
            raise StoreError(f"{uri}: gives the tag name {tag!r}, which git does not accept") from None
        stored = self._versions(uri)
        if any(v.date == when for v in stored):
            raise DuplicateVersion(f"{title} {when} is already stored (tag {tag})")
        if stored and when < stored[-1].date:
            raise StoreError(f"{title} {when}: out of order, the latest stored version is dated "
                             f"{stored[-1].date}; add the versions of a work oldest first")
        return tag

    def _write_commit(self, xml: bytes, path: str, message: str, when: date) -> str:
        blob = self._git("hash-object", "-w", "--stdin", stdin=xml)
        head = self._head()
        index = {"GIT_INDEX_FILE": str(self._git_dir / _TEMP_INDEX)}
        self._git("read-tree", head or "--empty", env=index)
        self._git("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=index)
        tree = self._git("write-tree", env=index)
        (self._git_dir / _TEMP_INDEX).unlink()
        stamp = git_date(when)[0]
        env = {**IDENTITY, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        parents = ["-p", head] if head else []
        return self._git("commit-tree", "--no-gpg-sign", tree, *parents, "-F", "-", stdin=message.encode(), env=env)

    def _write_tag(self, commit: str) -> str:
        """Write the annotated tag object of a store commit: same message and date, so rebuilding it
        (in recovery) gives the same object."""
        raw = self.repo.odb.stream(bytes.fromhex(commit)).read()
        header, _, message = raw.partition(b"\n\n")
        committer = next(line for line in header.split(b"\n") if line.startswith(b"committer "))
        fields = trailers(message.decode("utf-8"))
        tag = tag_name(fields["Lawdiff-Work"], date.fromisoformat(fields["Lawdiff-Date"]))
        head = f"object {commit}\ntype commit\ntag {tag}\ntagger ".encode()
        return self._git("mktag", stdin=head + committer.removeprefix(b"committer ") + b"\n\n" + message)

    def _move_refs(self, commit: str, tag: str, tag_object: str) -> None:
        branch = self._git("symbolic-ref", "HEAD")
        old = self._head()
        move = f"update {branch} {commit} {old}" if old else f"create {branch} {commit}"
        # The files backend renames the locked refs in this order: the branch first, so a kill
        # between the two renames leaves a head without its tag, which recovery recreates.
        script = f"start\n{move}\ncreate refs/tags/{tag} {tag_object}\nprepare\ncommit\n"
        self._git("update-ref", "--stdin", stdin=script.encode())

    def _sync(self) -> None:
        """Index and working tree := the head (plumbing: no ref, not even ORIG_HEAD, is written)."""
        if self._head():
            self._git("read-tree", "-u", "--reset", "HEAD")

    # ------------------------------------------------------------ recovery and locking

    def _recover(self) -> None:
        """Undo what a killed add left behind (see the module docstring)."""
        for path in self._stale_files():
            path.unlink(missing_ok=True)
        head = self._head()
        if head and (fields := trailers(self.repo.commit(head).message)).get("Lawdiff-Work"):
            tag = tag_name(fields["Lawdiff-Work"], date.fromisoformat(fields["Lawdiff-Date"]))
            if not git.TagReference(self.repo, f"refs/tags/{tag}").is_valid():
                self._git("update-ref", f"refs/tags/{tag}", self._write_tag(head), "")
        self._sync()

    def _stale_files(self) -> list[Path]:
        """Lock files of git commands (``index.lock``, ``refs/heads/main.lock``, …) and the temporary
        index: while we hold the store's lock, no lawdiff git command is running."""
        locks = [p for p in self._git_dir.glob("*.lock") if p.name != "lawdiff.lock"]
        return [*locks, *(self._git_dir / "refs").rglob("*.lock"), self._git_dir / _TEMP_INDEX]

    @contextmanager
    def _locked(self) -> Iterator[None]:
        fd = os.open(self._git_dir / "lawdiff.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._lock_fd = fd
            yield
        finally:
            self._lock_fd = None
            os.close(fd)

    def _git(self, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> str:
        """Run one git command (inside ``_locked`` the child inherits the locked descriptor)."""
        handle = tempfile.TemporaryFile() if stdin is not None else None
        try:
            if handle is not None:
                handle.write(stdin)
                handle.seek(0)
            keep = (self._lock_fd,) if self._lock_fd is not None else ()
            return self.repo.git.execute(["git", *args], istream=handle, env=env, pass_fds=keep)
        except git.GitCommandError as error:
            detail = str(error.stderr).strip().removeprefix("stderr: ").strip("'").strip()
            raise StoreError(f"{self.path}: git {args[0]} failed: {detail}") from None
        finally:
            if handle is not None:
                handle.close()

    def _head(self) -> str:
        """The head commit's sha, or "" while the branch has no commit."""
        return self.repo.head.commit.hexsha if self.repo.head.is_valid() else ""

    # ------------------------------------------------------------ reading

    def works(self) -> list[str]:
        """The work URIs stored, sorted."""
        if not self._head():
            return []
        paths = self._git("ls-tree", "-r", "-z", "--name-only", "HEAD").split("\0")
        return sorted("/akn/" + path.removesuffix(".xml") for path in paths if path.endswith(".xml"))

    def find_work(self, name: str) -> str:
        """The stored work a name means: its URI, its tag slug, or a suffix of either
        ending on a segment (``fanlongduan``, ``2007-08-30/fanlongduan``)."""
        works = self.works()
        name = name.strip()
        exact = [uri for uri in works if name in (uri, work_slug(uri))]
        found = exact or [uri for uri in works
                          if uri.endswith("/" + name.strip("/")) or work_slug(uri).endswith("-" + name)]
        if len(found) == 1:
            return found[0]
        if found:
            raise StoreError(f"{name!r} is ambiguous; it matches: {', '.join(found)}")
        raise _no_such_work(name, works)

    def versions(self, work: str) -> list[Version]:
        """Every stored version of a work (URI, slug or suffix), oldest first."""
        return self._versions(self.find_work(work))

    def _versions(self, uri: str) -> list[Version]:
        """Read from the work's tags, whose message is the commit's: no walk through history."""
        listing = self._git("for-each-ref", "--format=%(*objectname)%00%(contents)%00",
                            f"refs/tags/{work_slug(uri)}@*").split("\0")
        found = []
        for commit, message in zip(listing[0::2], listing[1::2]):
            fields = trailers(message)
            if fields.get("Lawdiff-Work") == uri:
                when = date.fromisoformat(fields["Lawdiff-Date"])
                found.append(Version(uri, when, fields["Lawdiff-Event"], commit.strip(), tag_name(uri, when)))
        return sorted(found, key=lambda v: v.date)

    def version_at(self, work: str, when: date) -> Version:
        """The latest version dated on or before ``when`` (the text in force, point in time)."""
        stored = self.versions(work)
        candidates = [v for v in stored if v.date <= when]
        if not candidates:
            first = stored[0].date if stored else "none"
            raise StoreError(f"{self.find_work(work)}: no version on or before {when} (the first is {first})")
        return candidates[-1]

    def read(self, version: Version) -> bytes:
        """The AKN XML of a stored version, as committed."""
        return (self.repo.commit(version.commit).tree / work_path(version.work)).data_stream.read()

    def expression(self, version: Version) -> Expression:
        return from_akn(self.read(version), f"{version.tag}:{work_path(version.work)}")

    def at(self, work: str, when: date) -> Expression:
        return self.expression(self.version_at(work, when))

    def resolve_version(self, ref: str) -> Version:
        """``WORK@YYYY-MM-DD`` → the version in force on that date; ``WORK`` alone → the latest."""
        work, at_sign, when = ref.rpartition("@")
        if not at_sign:
            return self.version_at(ref, date.max)
        try:
            return self.version_at(work, date.fromisoformat(when))
        except ValueError:
            raise StoreError(f"{ref!r}: {when!r} is not a date (WORK@YYYY-MM-DD)") from None

    def resolve(self, ref: str) -> Expression:
        return self.expression(self.resolve_version(ref))

    def article_history(self, work: str, label_or_eid: str) -> list[ArticleChange]:
        """The versions in which an article (``第十二条`` or ``art_12``, as numbered in the newest
        version that has it) was added, changed, renumbered or removed, oldest first — followed
        through renumbering by the aligner (``history.article_steps``)."""
        eid = provision_eid(label_or_eid)
        versions = self.versions(work)
        steps = article_steps([self.expression(version) for version in versions], eid)
        if not steps:
            raise StoreError(f"{self.find_work(work)}: no stored version has {eid}")
        return [ArticleChange(versions[s.index], s.change, s.article, s.previous) for s in steps]


def _no_such_work(name: str, works: list[str]) -> StoreError:
    near = [uri for uri in works if name in uri]
    shown = near or works
    listed = ", ".join(shown[:10]) + (f" … ({len(shown)} in all)" if len(shown) > 10 else "")
    kind = "works containing it" if near else "stored works"
    return StoreError(f"no stored work matches {name!r}; {kind}: {listed or 'none'}")


# ---------------------------------------------------------------- importing


def dated_sources(folder: Path) -> dict[str, list[tuple[str, Path]]]:
    """Files named ``名称(YYYY-MM-DD).md`` under ``folder``, by document name, oldest first."""
    groups: dict[str, list[tuple[str, Path]]] = {}
    for path in sorted(folder.rglob("*.md")):
        match = _DATED_SOURCE.match(path.name)
        if match and path.is_file():
            groups.setdefault(match["name"], []).append((match["date"], path))
    return {name: sorted(files) for name, files in sorted(groups.items())}


def import_history(store: Store, folder: str | Path,
                   progress: Callable[[Imported, int, int], None] | None = None) -> list[Imported]:
    """Add every dated source under ``folder``, each document's versions oldest first, later
    versions under the first version's work URI.  Unusable and refused files are reported."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder")
    groups = dated_sources(folder)
    total = sum(len(files) for files in groups.values())
    results: list[Imported] = []
    for files in groups.values():
        work_uri = None
        for when, path in files:
            item, work_uri = _import_one(store, path, when, work_uri)
            results.append(item)
            if progress:
                progress(item, len(results), total)
    return results


def _import_one(store: Store, path: Path, when: str, work_uri: str | None) -> tuple[Imported, str | None]:
    try:
        expression = convert_file(path, expression_date=date.fromisoformat(when), work_uri=work_uri).expression
    except InputError as error:
        return Imported(path, "unusable", str(error)), work_uri
    except ValueError:
        return Imported(path, "unusable", f"{path}: {when} in the file name is not a date"), work_uri
    work_uri = work_uri or expression.work.uri
    try:
        added = store.add(expression)
    except DuplicateVersion as error:
        return Imported(path, "present", str(error)), work_uri
    except StoreError as error:
        return Imported(path, "refused", f"{path}: {error}"), work_uri
    return Imported(path, "added", added.version.tag), work_uri
