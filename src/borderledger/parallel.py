"""Extraction spread over processes or a Dask cluster.

Extraction is pure (Document in, facts out), so documents can go to Dask workers in large
partitions while the ledger writes stay in this process, one transaction per document.
Worth it from a few hundred documents on; below that, process start-up costs more than
it saves.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

from .extract import get_extractor
from .model import Document, Fact

PARTITION = 500  # documents per Dask task: ~1-3 s of work, far above the per-task overhead


@lru_cache(maxsize=4)
def _extractor(name: str):
    return get_extractor(name)


def _extract_partition(docs: Sequence[Document], name: str) -> list[list[Fact]]:
    extractor = _extractor(name)
    return [extractor.extract(doc) for doc in docs]


def extract_many(docs: Sequence[Document], extractor_name: str, *, workers: int = 2,
                 scheduler: str | None = None, partition: int = PARTITION) -> Iterator[list[Fact]]:
    """Facts for each document, in order. ``scheduler`` is a Dask scheduler address
    (``tcp://host:8786``); without it a local pool of ``workers`` processes is used."""
    import dask.bag as db

    bag = db.from_sequence(list(docs), partition_size=partition)
    parts = bag.map_partitions(_extract_partition, extractor_name)
    if scheduler:
        from distributed import Client

        with Client(scheduler) as client:
            yield from client.compute(parts).result()
        return
    import dask

    with dask.config.set(scheduler="processes", num_workers=workers):
        yield from parts.compute()
