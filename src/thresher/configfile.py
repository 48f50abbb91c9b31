"""Write the resolved config as TOML (the standard library reads TOML but does not write it).

Only what a config holds is supported: tables of scalars and lists of scalars, and arrays of tables.
"""

from __future__ import annotations

from typing import Any

import orjson


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


def dumps_toml(config: dict[str, list[dict] | dict]) -> str:
    """Sections only: arrays of tables (``[[step]]``) and tables (``[read]``)."""
    lines: list[str] = ["# Resolved by thresher: every option, defaults included."]
    for name, section in config.items():
        if isinstance(section, list):
            for entry in section:
                lines.append(f"\n[[{_key(name)}]]")
                lines.extend(f"{_key(k)} = {_value(v)}" for k, v in entry.items() if v is not None)
        else:
            lines.append(f"\n[{_key(name)}]")
            lines.extend(f"{_key(k)} = {_value(v)}" for k, v in section.items() if v is not None)
    return "\n".join(lines) + "\n"
