"""The output folder of a job: every file name in one place.

::

    OUT/job.json                 what this job is (inputs with their sizes and dates, config fingerprint)
    OUT/config.toml              the resolved config, every option spelled out
    OUT/kept/<shard>.<fmt>       kept documents        OUT/rejected/<shard>.<fmt>  dropped ones, with verdicts
    OUT/trace/<shard>.jsonl.zst  original text + edits of every changed or dropped document (explain)
    OUT/stats/<shard>.json       per-shard stats       OUT/done/<shard>            completion markers
    OUT/profile/<shard>.json     per-shard profile: signal histograms, languages, clusters, samples
    OUT/samples/<shard>.jsonl.zst   the shard's sampled documents (what the report shows of them)
    OUT/profile.json             the job's profile, summed (what `thresher report` draws)
    OUT/stats.json               the job's stats, summed (written last)
    OUT/_work/states/<shard>.jsonl.zst   document states for the corpus stages (+ .stats.json, .done)
    OUT/_work/<stage>/           a corpus stage's hand-off files

A shard's kept, rejected, trace and stats files count only once its marker ``done/<shard>`` exists:
it is written after them, so on object storage (no atomic rename) a reader that trusts only
marked shards never sees a half-written shard. Shard names may hold ``/``; file names use
:meth:`OutputLayout.file_name`.
"""

from __future__ import annotations

from dataclasses import dataclass

from thresher.io.store import Store

JOB_FILE = "job.json"
CONFIG_FILE = "config.toml"
STATS_FILE = "stats.json"
PROFILE_FILE = "profile.json"
#: What ``--overwrite`` may delete: everything a job writes, and nothing else.
OWNED = ("kept", "rejected", "trace", "stats", "profile", "samples", "done", "_work", STATS_FILE, PROFILE_FILE,
         CONFIG_FILE, JOB_FILE, "report.html")


@dataclass
class OutputLayout:
    store: Store
    suffix: str = ".jsonl.zst"  # of kept/ and rejected/ files (the output format's)

    @staticmethod
    def file_name(shard: str) -> str:
        return shard.replace("/", "__")

    # -- per shard ------------------------------------------------------------------------
    def kept(self, shard: str) -> str:
        return f"kept/{self.file_name(shard)}{self.suffix}"

    def rejected(self, shard: str) -> str:
        return f"rejected/{self.file_name(shard)}{self.suffix}"

    def trace(self, shard: str) -> str:
        return f"trace/{self.file_name(shard)}.jsonl.zst"

    def shard_stats(self, shard: str) -> str:
        return f"stats/{self.file_name(shard)}.json"

    def shard_profile(self, shard: str) -> str:
        return f"profile/{self.file_name(shard)}.json"

    def samples(self, shard: str) -> str:
        return f"samples/{self.file_name(shard)}.jsonl.zst"

    def marker(self, shard: str) -> str:
        return f"done/{self.file_name(shard)}"

    def states(self, shard: str) -> str:
        return f"_work/states/{self.file_name(shard)}.jsonl.zst"

    def states_stats(self, shard: str) -> str:
        return f"_work/states/{self.file_name(shard)}.stats.json"

    def states_marker(self, shard: str) -> str:
        return f"_work/states/{self.file_name(shard)}.done"

    # -- per job and stage ----------------------------------------------------------------
    job = JOB_FILE
    config = CONFIG_FILE
    stats = STATS_FILE
    profile = PROFILE_FILE
    report = "report.html"

    @staticmethod
    def folders(staged: bool) -> tuple[str, ...]:
        """The folders a job writes its shards' files into."""
        return ("kept", "rejected", "trace", "stats", "profile", "samples", "done") + (("_work/states",) if staged else ())

    @staticmethod
    def stage(name: str) -> str:
        return f"_work/{name}"

    # -- what is there --------------------------------------------------------------------
    def done_shards(self) -> set[str]:
        """File names of the shards whose marker exists (one listing, not one request per shard)."""
        return set(self.store.ls("done"))

    def marked_files(self, kind: str) -> list[str]:
        """The kept/, rejected/ or trace/ files that a marker vouches for, sorted."""
        done = self.done_shards()
        suffix = ".jsonl.zst" if kind == "trace" else self.suffix
        out = []
        for name in self.store.ls(kind):
            if name.endswith(suffix) and name[: -len(suffix)] in done:
                out.append(f"{kind}/{name}")
        return out
