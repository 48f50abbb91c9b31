"""One JSON serialiser for every record thresher writes (kept, rejected, trace, stats), so numpy
values, non-string keys and odd objects come out the same way whichever sink writes them."""

from __future__ import annotations

from typing import Any

import orjson

_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS


def dumps_record(obj: Any) -> bytes:
    """UTF-8 JSON bytes, no trailing newline; values orjson cannot encode are written as ``str(v)``."""
    return orjson.dumps(obj, option=_OPTIONS, default=str)
