from __future__ import annotations

from pathlib import Path

import pytest

from storylens.settings import Settings
from storylens.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # One process in tests: worker start-up would dominate on tiny inputs.
    return Settings(db=str(tmp_path / "test.db"), n_process=1)


@pytest.fixture
def fresh_store() -> Store:
    store = Store(":memory:")
    yield store
    store.close()
