"""Config files: a user's ``--config`` laid over the default pipeline, and the resolved config
written as TOML (the standard library reads TOML but does not write it).

A user's config **overlays** the default pipeline unless it says ``replace = true``: each
``[[step]]`` or ``[[corpus]]`` naming a default step sets that step's options where it stands (and
turns it on, unless it says ``enabled = false``); one naming anything else (``module:Class``) runs
after the default ones, in the config's order. With ``replace = true`` its lists are the whole
pipeline, as in a resolved ``OUT/config.toml``. A config that meant to tweak one option therefore
never drops the guard, the rule sets, PII redaction or deduplication without saying so.

Only what a config holds is written: tables of scalars and lists of scalars, and arrays of tables.
"""

from __future__ import annotations

from typing import Any

import orjson


#: The pipeline's two lists, in the order they run.
PIPELINE_KEYS = ("step", "corpus")
#: Tables a resolved OUT/config.toml holds besides the pipeline (reading and output options, which
#: come from flags): accepted in a --config so that file can be passed back, and not read.
OTHER_TABLES = ("read", "output", "shards")


def overlay(default: dict[str, Any], user: dict[str, Any], source: str) -> dict[str, list[dict[str, Any]]]:
    """The pipeline ``user`` (a config read from ``source``) asks for, given the ``default`` one."""
    unknown = sorted(set(user) - {"replace", *PIPELINE_KEYS, *OTHER_TABLES})
    if unknown:
        raise ValueError(f"config {source}: unknown key(s) {', '.join(unknown)}; a config holds [[step]] and [[corpus]] "
                         "tables and, to list a whole pipeline of its own, replace = true")
    replace = user.get("replace", False)
    if not isinstance(replace, bool):
        raise ValueError(f"config {source}: replace must be true or false, not {replace!r}")
    out: dict[str, list[dict[str, Any]]] = {}
    for key in PIPELINE_KEYS:
        entries = user.get(key, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise ValueError(f"config {source}: {key} must be a list of [[{key}]] tables")
        for e in entries:
            if not isinstance(e.get("name"), str) or not e["name"]:
                raise ValueError(f"config {source}: a [[{key}]] has no name: {e}")
        out[key] = [dict(e) for e in entries] if replace else _overlay_list(default.get(key, []), entries, key, source)
    return out


def _overlay_list(defaults: list[dict], entries: list[dict], key: str, source: str) -> list[dict]:
    merged = [dict(e) for e in defaults]
    where = {e["name"]: i for i, e in enumerate(merged)}
    seen: set[str] = set()
    for e in entries:
        name = e["name"]
        if name in seen:  # which of the two would be the default's? Ambiguous: refuse
            raise ValueError(f"config {source}: [[{key}]] {name!r} is named twice; over the default pipeline each one is "
                             "named once (with replace = true a config lists a whole pipeline of its own)")
        seen.add(name)
        if name in where:
            merged[where[name]] = {**merged[where[name]], "enabled": True, **e}
        else:
            merged.append(dict(e))
    return merged


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if v is None:
        return '""'
    if isinstance(v, str):
        return orjson.dumps(v).decode()  # a JSON string is a valid TOML basic string
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + " }"
    return orjson.dumps(str(v)).decode()


def _key(k: str) -> str:
    return k if k.replace("_", "").replace("-", "").isalnum() else orjson.dumps(k).decode()


def dumps_toml(config: dict[str, Any]) -> str:
    """Top-level scalars (``replace = true``), then sections: arrays of tables (``[[step]]``) and
    tables (``[read]``)."""
    lines: list[str] = ["# Resolved by thresher: every option, defaults included."]
    sections = {k: v for k, v in config.items() if isinstance(v, (list, dict))}
    lines.extend(f"{_key(k)} = {_value(v)}" for k, v in config.items() if k not in sections and v is not None)
    for name, section in sections.items():
        if isinstance(section, list):
            for entry in section:
                lines.append(f"\n[[{_key(name)}]]")
                lines.extend(f"{_key(k)} = {_value(v)}" for k, v in entry.items() if v is not None)
        else:
            lines.append(f"\n[{_key(name)}]")
            lines.extend(f"{_key(k)} = {_value(v)}" for k, v in section.items() if v is not None)
    return "\n".join(lines) + "\n"
