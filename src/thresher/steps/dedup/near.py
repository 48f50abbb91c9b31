"""Near duplicates: MinHash LSH for documents of similar content, containment for cut-short reposts.

Steps, each writing files under the stage folder and skipped when its output exists:

1. ``sign``: per shard, MinHash signatures (``sig/<shard>.u32`` raw rows + ``.meta.parquet``),
   band buckets (``bands/<shard>.parquet``) and anchor shingles (``anchors/<shard>.parquet``).
2. ``candidates.parquet``: DuckDB groups the band rows by (band, bucket) on disk; members of small
   buckets are paired all with all, large buckets as a star around their smallest id.
3. ``edges.parquet``: candidate pairs kept when the signatures' estimated Jaccard reaches the
   threshold (``verify``), plus containment pairs (below).
4. ``decisions.parquet``: connected components of the edges, the survivor of each by the rule
   (:mod:`thresher.steps.dedup.survivor`).
5. ``report/``: a sample of edges with their true Jaccard and containment (``thresher dedup-report``).

Containment. A repost cut short ("the first paragraphs ... Read more at ...") has a low Jaccard
with the whole story, so banding cannot find it. Every shingle whose hash is 0 modulo
``anchor_rate`` is an *anchor* (Broder's mod-m sample: the same shingles are sampled in every
document), so ``|anchors(A) ∩ anchors(B)| / |anchors(A)|`` estimates how much of A lies in B.
DuckDB joins documents on shared anchors; anchors found in more than ``max_posting`` documents are
site chrome or boilerplate: they count neither as shared nor in a document's size, so a short copy
wrapped in another site's chrome is measured by its content. A pair is a duplicate when the smaller
document has at least ``min_anchors`` such anchors and at least ``containment_threshold`` of them are
in the other. Anchors are taken only from lines of at least ``anchor_line_words`` words: titles,
menus, related links and footers are short lines, and on a page cut short they would outweigh the
few paragraphs of story it keeps.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from thresher.io.atomic import atomic_path, write_bytes_atomic
from thresher.steps.corpus import CorpusStage, StageContext
from thresher.steps.dedup import survivor as surv
from thresher.steps.dedup.clusters import Decisions, apply_decision, components, read_decisions
from thresher.steps.dedup.lsh import optimal_params
from thresher.steps.dedup.minhash import MinHasher, band_hashes, estimate_jaccard
from thresher.steps.dedup.store import ParquetSink, copy_to_parquet, duck, open_stage_dir, safe_name, sql_list, sql_str, stage_options

if TYPE_CHECKING:  # pragma: no cover
    from thresher.document import Document

META_SCHEMA = pa.schema(
    [("key", pa.int64()), ("shard", pa.string()), ("row", pa.int64()), ("id", pa.string()),
     ("length", pa.int64()), ("quality", pa.float64()), ("n_anchors", pa.int64())]
)
BANDS_SCHEMA = pa.schema([("band", pa.int32()), ("bucket", pa.uint64()), ("key", pa.int64())])
ANCHOR_SCHEMA = pa.schema([("h", pa.uint64()), ("key", pa.int64())])
EDGE_SCHEMA = pa.schema([("a", pa.int64()), ("b", pa.int64()), ("kind", pa.string()), ("score", pa.float32())])
KEYS = ("cluster_id", "cluster_size", "cluster_survivor", "near_duplicate_of")


@dataclass
class NearDedup(CorpusStage):
    name: ClassVar[str] = "near_dedup"

    threshold: float = 0.7  # Jaccard similarity of shingle sets
    num_perm: int = 128
    ngram: int = 5  # words per shingle
    char_ngram: int = 5  # characters per shingle, for languages written without spaces
    seed: int = 1
    bands: int = 0  # 0: derived from threshold and num_perm (see `thresher dedup-params`)
    rows: int = 0
    fp_weight: float = 0.5
    fn_weight: float = 0.5
    verify: bool = True  # keep a candidate pair only if its estimated Jaccard reaches the threshold
    max_bucket_pairs: int = 20  # buckets with more members are linked as a star, not all pairs
    containment: bool = True
    containment_threshold: float = 0.7
    anchor_rate: int = 4
    min_anchors: int = 5
    max_posting: int = 100
    anchor_line_words: int = 8  # anchors come from lines of at least this many words (0: all lines)
    survivor: list[str] = field(default_factory=lambda: list(surv.DEFAULT_RULE))
    quality_key: str = "quality_score"
    max_chars: int = 1_000_000  # a longer text is signed by its first max_chars characters (bounded memory)
    batch_chars: int = 100_000  # characters per numpy batch: big enough to amortise, small enough for cache
    duckdb_memory: str = "1GB"
    report_pairs: int = 200  # edges sampled with their true similarity for `thresher dedup-report`
    report_shards: int = 4  # ... from at most this many shards (measuring them re-reads those shards)

    def __post_init__(self) -> None:
        surv.validate(self.survivor)
        if (self.bands > 0) != (self.rows > 0):
            raise ValueError("set both bands and rows, or neither")
        if self.bands and self.bands * self.rows > self.num_perm:
            raise ValueError("bands * rows must not exceed num_perm")
        if self.anchor_rate < 1 or self.min_anchors < 1:
            raise ValueError("anchor_rate and min_anchors must be positive")

    def lsh(self) -> tuple[int, int]:
        """(bands, rows): as set, else from the grid search, run once per stage object."""
        return (self.bands, self.rows) if self.bands else self._lsh_searched

    @cached_property
    def _lsh_searched(self) -> tuple[int, int]:
        # Cached in the instance __dict__ (not a dataclass field: stage options and stage.json stay
        # as they were); it pickles with the stage, so workers do not search again.
        p = optimal_params(self.threshold, self.num_perm, self.fp_weight, self.fn_weight)
        return p.bands, p.rows

    def hasher(self) -> MinHasher:
        return MinHasher(self.num_perm, self.ngram, self.char_ngram, self.seed)

    # -- prepare ---------------------------------------------------------------------------
    def prepare(self, ctx: StageContext) -> None:
        d = ctx.work_dir(self.name)
        open_stage_dir(d, self.name, stage_options(self), ctx.shards)
        if (d / "decisions.parquet").exists() and (d / "summary.json").exists():
            return
        bands, rows = self.lsh()  # before the workers fork: they inherit the result
        names = [safe_name(s) for s in ctx.shards]
        todo = [(self, i, s) for i, s in enumerate(ctx.shards) if not _signed(d, names[i])]
        seconds: dict[str, float] = {}
        t = time.perf_counter()
        ctx.map(_sign_shard, todo)
        seconds["sign"] = time.perf_counter() - t
        report_path = d / "report" / "pairs.parquet"
        sample: list | None = None
        with duck(d, self.duckdb_memory, ctx.threads) as con:  # closed before the report forks
            _views(con, d, names)
            for step, out, fn in (("candidates", d / "candidates.parquet", lambda: self._candidates(con, d)),
                                  ("edges", d / "edges.parquet", lambda: self._edges(con, d)),
                                  ("clusters", d / "decisions.parquet", lambda: self._decisions(con, d))):
                if not out.exists():
                    t = time.perf_counter()
                    fn()
                    seconds[step] = time.perf_counter() - t
            if not report_path.exists():
                t = time.perf_counter()
                sample = self._report_sample(con, d)
                seconds["report"] = time.perf_counter() - t
            summary = {
                "bands": bands, "rows": rows, "threshold": self.threshold,
                "containment_threshold": self.containment_threshold if self.containment else None,
                "signed": con.execute("SELECT count(*) FROM meta").fetchone()[0],
                "candidates": con.execute(f"SELECT count(*) FROM read_parquet({sql_str(d / 'candidates.parquet')})").fetchone()[0],
                "edges": dict(con.execute(f"SELECT kind, count(*) FROM read_parquet({sql_str(d / 'edges.parquet')}) GROUP BY kind ORDER BY kind").fetchall()),
                "clusters": con.execute(f"SELECT count(DISTINCT cluster_id) FROM read_parquet({sql_str(d / 'decisions.parquet')})").fetchone()[0],
                "removed": con.execute(f"SELECT count(*) FROM read_parquet({sql_str(d / 'decisions.parquet')}) WHERE removed").fetchone()[0],
            }
        # Measuring the sample forks workers: only now, with DuckDB closed (forking a process
        # with live DuckDB threads and an open cursor can deadlock the children).
        if sample is not None:
            t = time.perf_counter()
            self._report_measure(sample, report_path, ctx)
            seconds["report"] += time.perf_counter() - t
        summary["seconds"] = {k: round(v, 2) for k, v in seconds.items()}  # of the last run (steps it skipped are absent)
        write_bytes_atomic(d / "summary.json", orjson.dumps(summary, option=orjson.OPT_INDENT_2))

    def _candidates(self, con, d: Path) -> None:
        # Small buckets: every pair. Large ones: a star around the member with the smallest id, so
        # the result does not depend on how documents were numbered.
        query = f"""
            WITH g AS (
              SELECT band, bucket, count(*) AS n, min({{'id': id, 'key': key}}).key AS root
              FROM bands JOIN meta USING (key) GROUP BY band, bucket HAVING count(*) > 1),
            m AS (SELECT b.band, b.bucket, b.key, g.n, g.root FROM bands b JOIN g USING (band, bucket))
            SELECT DISTINCT least(a, b) AS a, greatest(a, b) AS b FROM (
              SELECT x.key AS a, y.key AS b FROM m x JOIN m y
                ON x.band = y.band AND x.bucket = y.bucket AND x.key < y.key
                WHERE x.n <= {int(self.max_bucket_pairs)}
              UNION ALL
              SELECT root AS a, key AS b FROM m WHERE n > {int(self.max_bucket_pairs)} AND key <> root)"""
        copy_to_parquet(con, query, d / "candidates.parquet")

    def _edges(self, con, d: Path) -> None:
        sigs = _Signatures(d, con)
        with ParquetSink(d / "edges.parquet", EDGE_SCHEMA) as sink:
            pf = pq.ParquetFile(d / "candidates.parquet")
            for batch in pf.iter_batches(batch_size=200_000):
                a = batch.column("a").to_numpy().astype(np.int64)
                b = batch.column("b").to_numpy().astype(np.int64)
                est = estimate_jaccard(sigs.get(a), sigs.get(b)) if len(a) else np.zeros(0)
                keep = est >= self.threshold if self.verify else np.ones(len(a), bool)
                sink.write({"a": a[keep], "b": b[keep], "kind": ["jaccard"] * int(keep.sum()), "score": est[keep]})
            if self.containment:
                # Anchors in more than max_posting documents (site chrome, stock phrases) count
                # neither as shared nor in a document's size: containment is of the content.
                query = f"""
                    WITH post AS (SELECT h, count(*) AS n FROM anchors GROUP BY h),
                    x AS (SELECT anchors.h, anchors.key, post.n FROM anchors JOIN post USING (h) WHERE post.n <= {int(self.max_posting)}),
                    size AS (SELECT key, count(*) AS n_inf FROM x GROUP BY key HAVING count(*) >= {int(self.min_anchors)}),
                    y AS (SELECT x.h, x.key FROM x SEMI JOIN size USING (key) WHERE x.n >= 2),
                    p AS (SELECT y1.key AS a, y2.key AS b, count(*) AS shared FROM y y1 JOIN y y2
                          ON y1.h = y2.h AND y1.key < y2.key GROUP BY y1.key, y2.key
                          HAVING count(*) >= {int(self.min_anchors) * float(self.containment_threshold)})
                    SELECT p.a, p.b, shared / least(sa.n_inf, sb.n_inf) AS score
                    FROM p JOIN size sa ON sa.key = p.a JOIN size sb ON sb.key = p.b
                    WHERE shared >= {float(self.containment_threshold)} * least(sa.n_inf, sb.n_inf)"""
                reader = con.sql(query).to_arrow_reader(200_000)
                for batch in reader:
                    n = batch.num_rows
                    sink.write({"a": batch.column("a"), "b": batch.column("b"), "kind": ["containment"] * n, "score": batch.column("score")})

    def _decisions(self, con, d: Path) -> None:
        pf = pq.ParquetFile(d / "edges.parquet")
        nodes, roots = components(
            (b.column("a").to_numpy().astype(np.int64), b.column("b").to_numpy().astype(np.int64))
            for b in pf.iter_batches(batch_size=200_000, columns=["a", "b"])
        )
        comp = d / "components.parquet"
        with atomic_path(comp) as tmp:
            pq.write_table(pa.table({"key": nodes, "root": roots}), tmp)
        order = surv.order_by(self.survivor)
        query = f"""
            WITH m AS (SELECT meta.*, c.root FROM meta JOIN read_parquet({sql_str(comp)}) c USING (key)),
            r AS (SELECT shard, row, id, key, count(*) OVER w AS cluster_size,
                    first_value(id) OVER (w ORDER BY {order}) AS survivor,
                    first_value(key) OVER (w ORDER BY {order}) AS survivor_key
                  FROM m WINDOW w AS (PARTITION BY root))
            SELECT shard, row, id, substr(md5(survivor), 1, 16) AS cluster_id, cluster_size, survivor,
                   key <> survivor_key AS removed
            FROM r ORDER BY shard, row"""
        copy_to_parquet(con, query, d / "decisions.parquet")

    def _report_sample(self, con, d: Path) -> list[tuple]:
        """The edges the report measures, fetched here (the caller closes the connection before measuring)."""
        edges = d / "edges.parquet"
        # A pseudo-random sample (by hash of the ids, so the same whatever the numbering), taken
        # from at most `report_shards` shards: measuring it re-reads those shards only.
        cursor = con.execute(
            f"""SELECT e.a, e.b, string_agg(e.kind, '+' ORDER BY e.kind DESC),
                       max(e.score) FILTER (WHERE e.kind = 'jaccard'), max(e.score) FILTER (WHERE e.kind = 'containment'),
                       ma.id, mb.id, ma.shard, mb.shard
                FROM read_parquet({sql_str(edges)}) e JOIN meta ma ON ma.key = e.a JOIN meta mb ON mb.key = e.b
                GROUP BY e.a, e.b, ma.id, mb.id, ma.shard, mb.shard
                ORDER BY md5(ma.id || chr(0) || mb.id)"""
        )
        rows: list = []
        shards: set[str] = set()
        while len(rows) < self.report_pairs:
            chunk = cursor.fetchmany(10_000)
            if not chunk:
                break
            for r in chunk:
                grown = shards | {r[7], r[8]}
                if len(grown) <= self.report_shards:
                    shards = grown
                    rows.append(r)
                    if len(rows) >= self.report_pairs:
                        break
        return rows

    def _report_measure(self, rows: list[tuple], path: Path, ctx: StageContext) -> None:
        """The sampled edges' true similarity, from the documents' shingle sets (re-read in workers)."""
        wanted: dict[str, set[int]] = {}
        for a, b, _, _, _, _, _, sa, sb in rows:
            wanted.setdefault(sa, set()).add(int(a))
            wanted.setdefault(sb, set()).add(int(b))
        idx = {s: i for i, s in enumerate(ctx.shards)}
        parts = ctx.map(_shingle_sets, [(self, idx[s], s, sorted(keys)) for s, keys in sorted(wanted.items())])
        sets: dict[int, tuple] = {}
        for part in parts:
            sets.update(part)
        out: dict[str, list] = {"a_id": [], "b_id": [], "kind": [], "est_jaccard": [], "est_containment": [], "jaccard": [], "containment": []}
        for a, b, kind, est_j, est_c, ida, idb, _, _ in rows:
            sa, sb = sets.get(int(a)), sets.get(int(b))
            if sa is None or sb is None:
                continue
            inter = len(np.intersect1d(sa[0], sb[0], assume_unique=True))
            union = len(sa[0]) + len(sb[0]) - inter
            c_inter = len(np.intersect1d(sa[1], sb[1], assume_unique=True))
            out["a_id"].append(ida)
            out["b_id"].append(idb)
            out["kind"].append(kind)
            out["est_jaccard"].append(est_j)
            out["est_containment"].append(est_c)
            out["jaccard"].append(inter / union if union else 1.0)
            out["containment"].append(c_inter / max(1, min(len(sa[1]), len(sb[1]))))
        with atomic_path(path) as tmp:
            schema = pa.schema([("a_id", pa.string()), ("b_id", pa.string()), ("kind", pa.string()), ("est_jaccard", pa.float64()),
                                ("est_containment", pa.float64()), ("jaccard", pa.float64()), ("containment", pa.float64())])
            pq.write_table(pa.table(out, schema=schema), tmp)

    # -- apply -----------------------------------------------------------------------------
    def load(self, shard: str, ctx: StageContext) -> Decisions:
        return read_decisions(ctx.work_dir(self.name) / "decisions.parquet", shard)

    def apply(self, doc: "Document", row: int, loaded: Decisions) -> None:
        apply_decision(doc, row, loaded, self.name, "near_duplicate", KEYS)


# -- helpers ------------------------------------------------------------------------------------
def _shard_files(d: Path, name: str) -> list[Path]:
    # The meta file comes last: it is written when the others are complete.
    return [d / "sig" / f"{name}.u32", d / "sig" / f"{name}.json", d / "bands" / f"{name}.parquet",
            d / "anchors" / f"{name}.parquet", d / "sig" / f"{name}.meta.parquet"]


def _signed(d: Path, name: str) -> bool:
    return all(p.exists() for p in _shard_files(d, name))


def _views(con, d: Path, names: list[str]) -> None:
    def view(name: str, files: list[Path], schema: pa.Schema) -> None:
        if files:
            con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet({sql_list(files)})")
        else:  # an empty corpus: an empty table of the right shape
            empty = pa.table({f.name: pa.array([], type=f.type) for f in schema}, schema=schema)
            con.register(f"_{name}_empty", empty)
            con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM _{name}_empty")

    view("meta", [d / "sig" / f"{n}.meta.parquet" for n in names], META_SCHEMA)
    view("bands", [d / "bands" / f"{n}.parquet" for n in names], BANDS_SCHEMA)
    view("anchors", [d / "anchors" / f"{n}.parquet" for n in names], ANCHOR_SCHEMA)


class _Signatures:
    """Signature rows by key, from the per-shard raw files (memory-mapped, read on demand)."""

    def __init__(self, d: Path, con) -> None:
        self.num_perm = None
        self.maps: dict[int, np.ndarray] = {}
        self.d = d
        shard_names = dict(con.execute("SELECT DISTINCT key >> 32, shard FROM meta").fetchall())
        for idx, shard in shard_names.items():
            path = d / "sig" / f"{safe_name(shard)}.u32"
            info = orjson.loads((d / "sig" / f"{safe_name(shard)}.json").read_bytes())
            self.num_perm = info["num_perm"]
            if info["count"]:
                self.maps[int(idx)] = np.memmap(path, dtype=np.uint32, mode="r", shape=(info["count"], info["num_perm"]))

    def get(self, keys: np.ndarray) -> np.ndarray:
        out = np.empty((len(keys), self.num_perm or 0), dtype=np.uint32)
        shard = keys >> 32
        row = keys & 0xFFFFFFFF
        for s in np.unique(shard).tolist():
            m = shard == s
            out[m] = self.maps[s][row[m]]
        return out


class _Pending:
    """Columns gathered over many small numpy batches, written as one large parquet row group."""

    def __init__(self, sink: ParquetSink, rows: int = 250_000) -> None:
        self.sink, self.limit = sink, rows
        self.parts: dict[str, list] = {}
        self.rows = 0

    def add(self, **cols) -> None:
        for k, v in cols.items():
            self.parts.setdefault(k, []).append(v)
        self.rows += len(next(iter(cols.values())))
        if self.rows >= self.limit:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.sink.write({k: np.concatenate(v) if isinstance(v[0], np.ndarray) else [x for part in v for x in part]
                             for k, v in self.parts.items()})
        self.parts, self.rows = {}, 0


def _sign_shard(ctx: StageContext, item: tuple[NearDedup, int, str]) -> int:
    stage, shard_idx, shard = item
    d = ctx.work_dir(stage.name)
    name = safe_name(shard)
    sig_path, _, bands_path, anchors_path, meta_path = _shard_files(d, name)
    bands, rows = stage.lsh()
    hasher = stage.hasher()
    rate, one = np.uint64(stage.anchor_rate), np.uint64(1)
    power_of_two = stage.anchor_rate & (stage.anchor_rate - 1) == 0  # a mask is much cheaper than uint64 modulo
    count = 0
    band_ids = np.arange(bands, dtype=np.int32)
    with atomic_path(sig_path) as sig_tmp, open(sig_tmp, "wb") as sig_out, \
            ParquetSink(bands_path, BANDS_SCHEMA) as band_sink, ParquetSink(anchors_path, ANCHOR_SCHEMA) as anchor_sink, \
            ParquetSink(meta_path.with_name(meta_path.name + ".part"), META_SCHEMA) as meta_sink:
        band_out, anchor_out, meta_out = _Pending(band_sink), _Pending(anchor_sink), _Pending(meta_sink, 50_000)
        batch: list = []  # (row, id, text, language, quality, length)
        size = 0

        def flush() -> None:
            nonlocal count, batch, size
            if not batch:
                return
            s, doc, on_long_line = hasher.shingles([b[2] for b in batch], [b[3] for b in batch], stage.anchor_line_words)
            nonempty = np.bincount(doc, minlength=len(batch)) > 0 if len(doc) else np.zeros(len(batch), bool)
            sig = hasher.from_shingles(s, doc, len(batch))[nonempty]
            keep_idx = np.flatnonzero(nonempty)
            keys = (np.int64(shard_idx) << np.int64(32)) | (count + np.arange(len(keep_idx), dtype=np.int64))
            key_of = np.full(len(batch), -1, dtype=np.int64)
            key_of[keep_idx] = keys
            # Anchors: shingles on long lines whose hash is 0 mod anchor_rate, once per document.
            am = (((s & (rate - one)) if power_of_two else (s % rate)) == 0) & on_long_line
            ah, ad = s[am], doc[am]
            order = np.lexsort((ah, ad))
            ah, ad = ah[order], ad[order]
            first = np.ones(len(ah), bool)
            first[1:] = (ah[1:] != ah[:-1]) | (ad[1:] != ad[:-1])
            ah, ad = ah[first], ad[first]
            n_anchors = np.bincount(ad, minlength=len(batch))
            sig_out.write(np.ascontiguousarray(sig).tobytes())
            bh = band_hashes(sig, bands, rows)
            band_out.add(band=np.tile(band_ids, len(keys)), bucket=bh.reshape(-1), key=np.repeat(keys, bands))
            anchor_out.add(h=ah, key=key_of[ad])
            kept = [batch[i] for i in keep_idx.tolist()]
            meta_out.add(key=keys, shard=[shard] * len(keys), row=[b[0] for b in kept], id=[b[1] for b in kept],
                         length=[b[5] for b in kept], quality=[b[4] for b in kept], n_anchors=n_anchors[keep_idx])
            count += len(keys)
            batch, size = [], 0

        for row, doc in enumerate(ctx.docs(shard, upto=stage.name)):
            if not doc.kept:
                continue
            text = doc.text
            length = len(text)
            if stage.max_chars and length > stage.max_chars:
                text = text[: stage.max_chars]
            batch.append((row, doc.id, text, doc.metadata.get("language"), surv.quality_of(doc.metadata, stage.quality_key), length))
            size += len(text)
            if size >= stage.batch_chars:
                flush()
        flush()
        for p in (band_out, anchor_out, meta_out):
            p.flush()
    write_bytes_atomic(d / "sig" / f"{name}.json", orjson.dumps({"count": count, "num_perm": stage.num_perm}))
    # The meta file is the shard's completion marker: renamed last.
    meta_path.with_name(meta_path.name + ".part").replace(meta_path)
    return count


def _shingle_sets(ctx: StageContext, item: tuple[NearDedup, int, str, list[int]]) -> dict[int, tuple]:
    """Exact shingle sets of the documents with these keys, all and on long lines only (the report's
    true Jaccard, and true containment measured on the same kind of lines as the anchors)."""
    stage, shard_idx, shard, keys = item
    d = ctx.work_dir(stage.name)
    meta = pq.read_table(d / "sig" / f"{safe_name(shard)}.meta.parquet", columns=["key", "row"])
    row_of = dict(zip(meta.column("key").to_pylist(), meta.column("row").to_pylist()))
    want = {row_of[k]: k for k in keys if k in row_of}
    hasher = stage.hasher()
    out: dict[int, np.ndarray] = {}
    for row, doc in enumerate(ctx.docs(shard, upto=stage.name)):
        if row in want:
            s, _, on_long_line = hasher.shingles([doc.text], [doc.metadata.get("language")], stage.anchor_line_words)
            out[want[row]] = (np.unique(s), np.unique(s[on_long_line]))
    return out
