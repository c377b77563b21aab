from __future__ import annotations

import os
from pathlib import Path

import pytest

from storylens.settings import Settings
from storylens.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session", autouse=True)
def onnx_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ONNX export of the embedding model goes to a per-session folder, not the user's cache:
    every test run exercises the export once, and tests never write to the home directory."""
    folder = tmp_path_factory.mktemp("storylens-cache")
    previous = os.environ.get("STORYLENS_CACHE")
    os.environ["STORYLENS_CACHE"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("STORYLENS_CACHE", None)
    else:
        os.environ["STORYLENS_CACHE"] = previous


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # One process in tests: worker start-up would dominate on tiny inputs.
    return Settings(db=str(tmp_path / "test.db"), n_process=1)


@pytest.fixture
def fresh_store() -> Store:
    store = Store(":memory:")
    yield store
    store.close()
