"""Turn one input record (a dict from JSONL or Parquet) into a Document, whatever is wrong with it."""

from __future__ import annotations

from typing import Any

from thresher.document import Document
from thresher.io.readers.base import ReadOptions
from thresher.stats import Stats


def record_to_document(rec: Any, where: str, fallback_id: str, opts: ReadOptions, stats: Stats, source: str) -> Document:
    """A record that cannot be read as a document still becomes one, dropped with the reason, so it
    reaches the rejected sink with its fields instead of vanishing."""
    if not isinstance(rec, dict):
        stats.input_error("not_an_object", where, f"record is a {type(rec).__name__}, not an object")
        doc = Document(fallback_id, "", metadata={"source": source})
        doc.fields = {"record": rec}
        doc.drop("read", "input:not_an_object", f"{where}: record is a {type(rec).__name__}")
        return doc
    fields = dict(rec)
    raw_id = fields.pop(opts.id_field, None)
    doc_id = str(raw_id) if raw_id not in (None, "") else fallback_id
    field = opts.html_field or opts.text_field
    text = fields.pop(field, None)
    meta: dict[str, Any] = {"source": source}
    if opts.html_field:
        meta["format"] = "html"
    if text is None:
        stats.input_error("missing_field", where, f"record has no {field!r} field")
        doc = Document(doc_id, "", metadata=meta, fields=fields)
        doc.drop("read", "input:missing_field", f"{where}: no {field!r} field (fields: {', '.join(sorted(fields))[:200]})")
        return doc
    if not isinstance(text, str):
        stats.input_error("bad_field_type", where, f"{field!r} is a {type(text).__name__}, not a string")
        # The raw value goes in metadata, not back into the text field, which the rejected
        # record fills with the (empty) text: this way the value survives into the output.
        meta["input_value"] = text
        doc = Document(doc_id, "", metadata=meta, fields=fields)
        doc.drop("read", "input:bad_field_type", f"{where}: {field!r} is a {type(text).__name__}")
        return doc
    return Document(doc_id, text, metadata=meta, fields=fields)
