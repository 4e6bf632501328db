"""Shared fixtures.  Tests that read ../shared skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import settings

# CI runs a fixed sequence of examples (reproducible failures); developers explore.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LAWREFBOOK = SHARED / "lawrefbook"
SEED = ROOT / "corpus" / "sources" / "heilongjiang-digital-economy-2024-12-19.txt"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def lawrefbook() -> Path:
    if not LAWREFBOOK.is_dir():
        pytest.skip("../shared/lawrefbook is not present on this machine")
    return LAWREFBOOK


def shared_file(relative: str) -> Path:
    """A file under ../shared, or skip the test."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"../shared/{relative} is not present on this machine")
    return path


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite golden files from current output (then review the git diff by eye)")


@pytest.fixture
def golden(request):
    """``golden(path, text)``: compare with the locked file, or rewrite it with --update-goldens."""
    update = request.config.getoption("--update-goldens")

    def check(path: Path, text: str) -> None:
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            if not update:
                pytest.fail(f"golden file {path} was missing and has been written: review it, then rerun")
        assert text == path.read_text("utf-8")

    return check
