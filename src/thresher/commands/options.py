"""The one bridge from command-line arguments to a job's config."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from thresher.io.readers.base import ReadOptions
from thresher.io.writers import FORMATS, OutputOptions
from thresher.pipeline import load_config
from thresher.run.plan import Sizing
from thresher.steps.quality import REPAIR_STEPS

DEDUP_STAGES = {"exact_dedup", "near_dedup"}


def add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config", metavar="TOML",
        help="pipeline config: its [[step]] and [[corpus]] tables set options of the default pipeline's steps "
        "(default_pipeline.toml) and add steps after them; with replace = true they are the whole pipeline. "
        "Reading and output options come from the flags, so an OUT/config.toml passed back reuses its steps only",
    )
    p.add_argument("--text-field", default="text", help="JSONL/Parquet field holding the text (default: text)")
    p.add_argument("--id-field", default="id", help="JSONL/Parquet field holding the id (default: id)")
    p.add_argument("--html-field", default=None, help="JSONL/Parquet field holding HTML to extract text from")
    p.add_argument("--keep-truncated", action="store_true",
                   help="keep what was read of a WARC record or one-page file cut short (flagged metadata.truncated) "
                   "instead of dropping it as input:truncated")
    p.add_argument("--no-repair", action="store_true", help="skip repair and boilerplate steps: judge raw text (parity mode)")
    p.add_argument("--no-dedup", action="store_true", help="skip exact and near-duplicate removal across the corpus")


def usable_cores() -> int:
    """Cores this process may run on (a container's CPU set, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def add_storage_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--storage-option", action="append", default=[], metavar="KEY=VALUE",
        help="an fsspec option for s3://, gs:// ... inputs and outputs (repeatable), e.g. endpoint_url=http://127.0.0.1:9000, "
        "anon=true, key=..., secret=...; credentials otherwise come from the usual environment",
    )


def storage_options(args: argparse.Namespace) -> dict[str, Any]:
    """``--storage-option`` pairs as fsspec options. ``endpoint_url`` and ``region_name`` go where
    s3fs reads them (``client_kwargs``); true/false/numbers are typed."""
    opts: dict[str, Any] = {}
    for pair in getattr(args, "storage_option", None) or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"--storage-option {pair!r}: expected KEY=VALUE")
        v: Any = value
        if value.lower() in ("true", "false"):
            v = value.lower() == "true"
        elif value.isdigit():
            v = int(value)
        if key in ("endpoint_url", "region_name"):
            opts.setdefault("client_kwargs", {})[key] = v
        else:
            opts[key] = v
    return opts


def add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", type=int, default=usable_cores(),
                   help="worker processes, or CPUs to ask of a Ray cluster (default: the cores this process may use)")
    p.add_argument("--log-seconds", type=float, default=30.0, metavar="S",
                   help="when stderr is not a terminal: a progress line at most every S seconds (default: 30)")
    p.add_argument("--executor", choices=("local", "ray"), default="local",
                   help="where shards run: a local process pool (default) or a Ray cluster (pip install 'thresher[ray]')")
    p.add_argument("--ray-address", default=None, metavar="ADDRESS",
                   help="Ray cluster to join: auto, HOST:PORT or ray://HOST:PORT (default: start a local Ray instance)")
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl, zstd-compressed)")
    p.add_argument("--overwrite", action="store_true", help="replace a different job's results in the output folder")
    p.add_argument("--shard-records", type=int, default=20_000, metavar="N",
                   help="split input files larger than --shard-mb into shards of N records (default: 20000)")
    p.add_argument("--shard-mb", type=float, default=64, metavar="MB",
                   help="container files up to this size are one shard each (default: 64; 0: never split)")
    add_storage_options(p)


def config_from_args(args: argparse.Namespace, html_inputs: bool = False) -> dict[str, Any]:
    """The pipeline config the flags ask for. ``html_inputs``: some input holds HTML, so the
    extraction step must run even if the config left it out."""
    return resolve_config(load_config(args.config), repair=not getattr(args, "no_repair", False),
                          dedup=not getattr(args, "no_dedup", False),
                          html=html_inputs or bool(getattr(args, "html_field", None)))


def resolve_config(config: dict[str, Any], *, repair: bool = True, dedup: bool = True, html: bool = False) -> dict[str, Any]:
    """``config``'s [[step]] and [[corpus]] tables as a job runs them (the CLI's flags and the Python
    API's arguments alike): without repair steps, without dedup stages, with extraction for HTML."""
    steps = [dict(s) for s in config.get("step", [])]
    corpus = [dict(s) for s in config.get("corpus", [])]
    if not repair:
        steps = [s for s in steps if s.get("name") not in REPAIR_STEPS]
    if not dedup:
        corpus = [s for s in corpus if s.get("name") not in DEDUP_STAGES]
    if html and not any(s.get("name") == "extract" for s in steps):
        steps.insert(1 if steps and steps[0].get("name") == "guard" else 0, {"name": "extract"})
    return {"step": steps, "corpus": corpus}


def read_options(args: argparse.Namespace) -> ReadOptions:
    return ReadOptions(text_field=args.text_field, id_field=args.id_field, html_field=args.html_field,
                       keep_truncated=getattr(args, "keep_truncated", False), storage_options=storage_options(args))


def sizing(args: argparse.Namespace) -> Sizing:
    records = getattr(args, "shard_records", 20_000)
    if records < 1:
        raise ValueError("--shard-records must be at least 1")
    return Sizing(shard_bytes=int(getattr(args, "shard_mb", 64) * (1 << 20)), shard_records=records)


def output_options(args: argparse.Namespace) -> OutputOptions:
    return OutputOptions(format=getattr(args, "format", "jsonl"), text_field=args.text_field, id_field=args.id_field)


def out_path(value: str) -> str:
    """An output folder: a local path (``~`` expanded) or a URL, kept as text."""
    return value if "://" in value else str(Path(value).expanduser())
