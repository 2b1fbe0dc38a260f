"""Shared fixtures: where the read-only shared data lives, and the bundled example article."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "idlib-flood-relief.txt"


def shared_data_dir() -> Path:
    """``$ISNAD_DATA``, else ``../shared/data`` relative to the repository root (may not exist)."""
    value = os.environ.get("ISNAD_DATA")
    return Path(value) if value else (ROOT / ".." / "shared" / "data").resolve()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"{path} not found (../shared/data not found; set ISNAD_DATA)")
    return path


@pytest.fixture(scope="session")
def dev_articles(shared_data: Path) -> list[Path]:
    files = sorted((shared_data / "articles-dev").glob("*.json"))
    if not files:
        pytest.skip("../shared/data/articles-dev not found")
    return files


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def web_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The newsroom app's test store (tests/web_store.py), built once; copy it before writing to it."""
    from isnad.web.corpus import prepare_store
    from web_store import build_store

    path = build_store(tmp_path_factory.mktemp("web") / "store.db")
    prepare_store(path)
    return path
