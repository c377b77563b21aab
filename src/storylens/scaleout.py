"""Scale-out: run the analyze stage on a Dask cluster when one machine is not enough.

Analyze (spaCy) is where a run spends its time; every other stage is cheap per article or needs
the whole database (clustering, the briefs), so only analyze is shipped to workers. With the
setting `dask_scheduler` set, `analyze_articles` sends batches of `DASK_BATCH` articles to the
scheduler at that address and yields the analysed articles in their input order; each worker
loads the spaCy pipeline once and keeps it. `dask_scheduler = "local"` starts a cluster of
`n_process` worker processes on this machine (to try it, or to use Dask's dashboard).

Workers need storylens and the spaCy pipeline installed (`pip install storylens` on each), like
any Dask task's code. Nothing else changes: articles are stored, clustered and compared here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import Any

from storylens.analyze import analyze
from storylens.errors import StorylensError
from storylens.model import Article
from storylens.settings import Settings

DASK_BATCH = 32  # articles per task: large enough to amortise a task's overhead, small enough to spread
CONNECT_TIMEOUT = "10s"
_open_clients: list[Any] = []


def analyze_articles(articles: Iterable[Article], settings: Settings) -> Iterator[Article]:
    """`analyze.analyze` here, or on the Dask cluster `settings.dask_scheduler` names."""
    if not settings.dask_scheduler:
        return analyze(articles, settings)
    return _analyze_on_dask(articles, settings)


def _analyze_on_dask(articles: Iterable[Article], settings: Settings) -> Iterator[Article]:
    client = dask_client(settings.dask_scheduler, settings.n_process)
    worker_settings = replace(settings, n_process=1, dask_scheduler="")  # one process per worker
    iterator = iter(articles)
    batches = [batch for batch in iter(lambda: list(islice(iterator, DASK_BATCH)), [])]
    futures = client.map(_analyze_batch, batches, settings=worker_settings, pure=False)
    for future in futures:  # in input order; later batches run meanwhile
        try:
            yield from future.result()
        except Exception as error:  # noqa: BLE001 - a task's error comes back as the worker raised it
            for rest in futures:
                rest.cancel()
            raise StorylensError(f"analyze failed on the Dask cluster ({type(error).__name__}: {error})") from None


def _analyze_batch(articles: list[Article], settings: Settings) -> list[Article]:
    """One task: a batch analysed on a worker (its spaCy pipeline is loaded once, then cached)."""
    return list(analyze(articles, settings))


@functools.lru_cache(maxsize=4)
def dask_client(address: str, local_workers: int = 2) -> Any:
    """A client of the scheduler at `address` ("local": a new cluster on this machine), kept for
    the process's life. Raises StorylensError in one line when it cannot connect."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise StorylensError("dask_scheduler is set but Dask is not installed (pip install 'dask[distributed]')") from None
    try:
        if address == "local":
            client = Client(LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=True))
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise StorylensError(f"cannot reach the Dask scheduler at {address} ({error})") from None
    _open_clients.append(client)
    return client


def close_clients() -> None:
    """Close the clients `dask_client` keeps (and a "local" cluster with its client)."""
    for client in list(_open_clients):
        cluster = client.cluster
        client.close()
        if cluster is not None:
            cluster.close()
    _open_clients.clear()
    dask_client.cache_clear()
