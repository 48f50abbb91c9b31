"""What every reader shares: its options and its signature.

A reader is a function ``read(path, rel, opts, stats) -> Iterator[Document]``: ``path`` is the file
(a local path or an fsspec URL such as ``s3://bucket/key``, as a ``str``: readers open it only through
:mod:`thresher.io.readers.open`, which streams it from wherever it is),
``rel`` the name ids are built from (the path relative to the folder the user gave), ``stats`` where
bad input is counted (``stats.input_error(kind, where, message)``; the run goes on). Document ids are
the record's own id when it has one, else ``<rel>:<line or record number>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ReadOptions:
    text_field: str = "text"
    id_field: str = "id"
    #: When set, records carry HTML in this field; documents get metadata["format"] = "html".
    html_field: str | None = None
    #: Records larger than this many bytes are not decoded: they become a dropped document ...
    max_bytes: int = 20_000_000
    #: ... whose text is their first this many bytes (and metadata says where the record is).
    too_large_head_bytes: int = 65_536
    #: A record or one-page file cut short (a truncated file) is dropped as ``input:truncated``,
    #: what was read in rejected/; True keeps it instead, flagged ``metadata["truncated"]``.
    keep_truncated: bool = False
    #: fsspec options for inputs given as URLs (``s3://...``): endpoint, credentials, anonymous access.
    storage_options: dict[str, Any] = field(default_factory=dict, hash=False)
