"""Counters a run keeps: documents in/kept/dropped by reason, characters removed by rule, time per step.

Stats are plain data so shards can write theirs as JSON and a job can add them up.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Stats:
    docs_in: int = 0
    docs_kept: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    dropped_by_reason: Counter = field(default_factory=Counter)
    chars_by_rule: Counter = field(default_factory=Counter)
    edits_by_rule: Counter = field(default_factory=Counter)
    seconds_by_step: Counter = field(default_factory=Counter)
    # Bad input that never became a document: (where, what) lines, capped, plus a count by kind.
    input_errors: Counter = field(default_factory=Counter)
    error_samples: list = field(default_factory=list)
    # Input records a reader passed over on purpose (a WARC request record, a 404 page), by reason.
    skipped_records: Counter = field(default_factory=Counter)
    #: Documents kept but noted by a step (say, a page that lost more to boilerplate than the cap).
    flagged: Counter = field(default_factory=Counter)
    #: Tokens the `tokens` step counted (metadata["token_count"]), and those of the documents kept.
    tokens_counted: int = 0
    tokens_kept: int = 0
    #: Documents whose id an earlier document of the job had, renamed by the unique_ids stage.
    duplicate_ids: int = 0
    seconds: float = 0.0
    #: Wall seconds of the job's phases (the shard pass, each corpus stage, the final write), set
    #: by the runner for the whole job: where a user's wait went. Beside them, the shards'
    #: sub-phases (read, steps, state write; state read, finalise, final write): CPU seconds of
    #: the workers, summed over shards.
    seconds_by_phase: Counter = field(default_factory=Counter)
    #: The largest resident size (MB) a worker process reached while running one task, by task
    #: (``near._decide``, ``job.run_shard``): what a cluster's tasks need, set by the runner from
    #: the executor for the tasks this run ran (workers only: the driver's work is not a task).
    peak_mb_by_task: dict = field(default_factory=dict)

    MAX_SAMPLES = 50

    def dropped(self, reason: str) -> None:
        self.dropped_by_reason[reason] += 1

    def edited(self, rule: str, chars_removed: int) -> None:
        self.chars_by_rule[rule] += chars_removed
        self.edits_by_rule[rule] += 1

    def add_time(self, step: str, seconds: float) -> None:
        self.seconds_by_step[step] += seconds

    def input_error(self, kind: str, where: str, message: str) -> None:
        self.input_errors[kind] += 1
        if len(self.error_samples) < self.MAX_SAMPLES:
            self.error_samples.append(f"{where}: {kind}: {message}")

    def kept(self, metadata: dict) -> None:
        """Count one document that reaches the kept output (its tokens too, where they were counted)."""
        self.docs_kept += 1
        n = metadata.get("token_count")
        if isinstance(n, int) and not isinstance(n, bool):
            self.tokens_kept += n

    def flag(self, reason: str) -> None:
        self.flagged[reason] += 1

    def skipped(self, reason: str) -> None:
        self.skipped_records[reason] += 1

    def merge(self, other: "Stats") -> "Stats":
        self.docs_in += other.docs_in
        self.docs_kept += other.docs_kept
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.dropped_by_reason.update(other.dropped_by_reason)
        self.chars_by_rule.update(other.chars_by_rule)
        self.edits_by_rule.update(other.edits_by_rule)
        self.seconds_by_step.update(other.seconds_by_step)
        self.input_errors.update(other.input_errors)
        room = self.MAX_SAMPLES - len(self.error_samples)
        self.error_samples.extend(other.error_samples[: max(room, 0)])
        self.skipped_records.update(other.skipped_records)
        self.flagged.update(other.flagged)
        self.tokens_counted += other.tokens_counted
        self.tokens_kept += other.tokens_kept
        self.duplicate_ids += other.duplicate_ids
        self.seconds += other.seconds
        self.seconds_by_phase.update(other.seconds_by_phase)
        for task, mb in other.peak_mb_by_task.items():
            self.peak_mb_by_task[task] = max(mb, self.peak_mb_by_task.get(task, 0))
        return self

    def to_dict(self) -> dict:
        return {
            "docs_in": self.docs_in,
            "docs_kept": self.docs_kept,
            "docs_dropped": sum(self.dropped_by_reason.values()),
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "dropped_by_reason": dict(self.dropped_by_reason.most_common()),
            "chars_by_rule": dict(self.chars_by_rule.most_common()),
            "edits_by_rule": dict(self.edits_by_rule.most_common()),
            "seconds_by_step": {k: round(v, 4) for k, v in self.seconds_by_step.most_common()},
            "input_errors": dict(self.input_errors),
            "error_samples": list(self.error_samples),
            "skipped_records": dict(self.skipped_records.most_common()),
            "flagged": dict(self.flagged.most_common()),
            "tokens_counted": self.tokens_counted,
            "tokens_kept": self.tokens_kept,
            "duplicate_ids": self.duplicate_ids,
            "seconds": round(self.seconds, 4),
            "seconds_by_phase": {k: round(v, 4) for k, v in self.seconds_by_phase.items()},
            "peak_mb_by_task": dict(sorted(self.peak_mb_by_task.items())),
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Stats":
        return cls(
            docs_in=d.get("docs_in", 0),
            docs_kept=d.get("docs_kept", 0),
            bytes_in=d.get("bytes_in", 0),
            bytes_out=d.get("bytes_out", 0),
            dropped_by_reason=Counter(d.get("dropped_by_reason", {})),
            chars_by_rule=Counter(d.get("chars_by_rule", {})),
            edits_by_rule=Counter(d.get("edits_by_rule", {})),
            seconds_by_step=Counter(d.get("seconds_by_step", {})),
            input_errors=Counter(d.get("input_errors", {})),
            error_samples=list(d.get("error_samples", [])),
            skipped_records=Counter(d.get("skipped_records", {})),
            flagged=Counter(d.get("flagged", {})),
            tokens_counted=d.get("tokens_counted", 0),
            tokens_kept=d.get("tokens_kept", 0),
            duplicate_ids=d.get("duplicate_ids", 0),
            seconds=d.get("seconds", 0.0),
            seconds_by_phase=Counter(d.get("seconds_by_phase", {})),
            peak_mb_by_task=dict(d.get("peak_mb_by_task", {})),
        )
