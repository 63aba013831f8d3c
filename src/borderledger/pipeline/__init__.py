"""The pipeline's jobs: capture → text → extract → ledger, one transaction per source.

- ``ingest``: files, directories, corpus.jsonl and WARC files; ``extract_all`` re-runs
  extraction over stored documents (serially or on Dask).
- ``capture``: URLs fetched as evidence; ``watch``: feeds.
- ``store``: how one source is written with its text, facts and custody record.
"""

from .capture import CaptureReport, capture, store_capture
from .ingest import ExtractReport, IngestAborted, IngestReport, extract_all, ingest
from .progress import Progress
from .store import store_source
from .watch import parse_interval, watch, watch_once

__all__ = ["CaptureReport", "ExtractReport", "IngestAborted", "IngestReport", "Progress", "capture",
           "extract_all", "ingest", "parse_interval", "store_capture", "store_source", "watch",
           "watch_once"]
