"""The analyze stage on a Dask cluster gives exactly what it gives here."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import SEEDS
from storylens import scaleout
from storylens.analyze import analyze
from storylens.clean import clean_document
from storylens.errors import StorylensError
from storylens.ingest import ingest
from storylens.settings import Settings

distributed = pytest.importorskip("distributed")


def _seed_articles() -> list:
    return [clean_document(d) for d in ingest([SEEDS], Settings(), lambda e: None)]


def test_dask_workers_analyse_like_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaleout, "DASK_BATCH", 1)  # two tasks: order is kept across them
    settings = Settings(n_process=1)
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        try:
            remote = list(scaleout.analyze_articles(_seed_articles(), replace(settings, dask_scheduler=cluster.scheduler_address)))
        finally:
            scaleout.close_clients()
    here = list(analyze(_seed_articles(), settings))
    assert [a.id for a in remote] == [a.id for a in here] and len(here) == 2
    for theirs, ours in zip(remote, here):
        assert theirs.to_json() == ours.to_json()


def test_unreachable_scheduler_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaleout, "CONNECT_TIMEOUT", "1s")
    settings = Settings(n_process=1, dask_scheduler="tcp://127.0.0.1:9")
    with pytest.raises(StorylensError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        list(scaleout.analyze_articles(_seed_articles(), settings))


def test_no_scheduler_means_no_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaleout, "dask_client", lambda *a: pytest.fail("Dask used without a scheduler"))
    assert len(list(scaleout.analyze_articles(_seed_articles(), Settings(n_process=1)))) == 2
