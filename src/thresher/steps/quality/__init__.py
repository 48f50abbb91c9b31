"""Quality signals and rule sets: Gopher quality and repetition, C4, FineWeb.

Each rule set is a :class:`~thresher.steps.base.Filter` step (``gopher_repetition``,
``gopher_quality``, ``c4``, ``fineweb`` in the step table). Signals go to
``metadata["signals"]`` under flat keys ``"<rule set>.<signal>"``; drop reasons are
``"<rule set>:<rule>"``. By default the steps run after repair and boilerplate removal
(salvage); :func:`no_repair_pipeline` runs them on raw text, for parity with other tools.
"""

from __future__ import annotations

from typing import Any

#: Steps that change text before judging; ``--no-repair`` leaves them out.
REPAIR_STEPS = frozenset({"entities", "unicode", "unwrap", "repeats", "boilerplate"})


def no_repair_config(steps: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The given (default: packaged default) ``[[step]]`` list with the repair steps disabled."""
    from thresher.pipeline import load_config

    entries = steps if steps is not None else load_config()["step"]
    return [{**e, "enabled": False} if e.get("name") in REPAIR_STEPS else dict(e) for e in entries]


def no_repair_pipeline(steps: list[dict[str, Any]] | None = None):
    """The default pipeline (or ``steps``) without repair: rule sets judge the raw text."""
    from thresher.pipeline import Pipeline

    return Pipeline.from_config(no_repair_config(steps))
