"""Throughput of the classify and tokens steps and of the decontam stage, as whole `thresher clean` runs.

Writes (once, into bench/data/models/, from ../shared/data/bbc-news) a corpus of --pages synthetic
pages (3-8 BBC paragraphs each, shuffled, with a URL), and what the stages need, built here because
nothing may be downloaded:

* a fastText quality model trained with `thresher train-classifier` (tech articles vs the rest);
* a byte-level BPE tokenizer.json (32k vocabulary) trained on the articles (GPT-2 style);
* a BERT-base-sized sequence classifier (12 layers, 768 wide: the size of FineWeb-Edu's classifier)
  with random weights and that tokenizer: its scores mean nothing, its speed is a real model's;
* an evaluation set of --eval-samples paragraphs drawn from the articles (each planted in the pages
  built from it) plus as many made-up sentences that are in no page.

Then runs `thresher clean corpus.jsonl --config X -o OUT --workers 2 --overwrite` for: guard alone
(the baseline: read, write), guard + tokens, guard + classify (fastText), guard + classify (BERT,
on the first --hf-pages pages only), guard + decontam; --repeats times each, median wall seconds.
For decontam, page-level recall and precision against the planted paragraphs, and the peak memory
of the run.

    python bench/models_bench.py [--pages 100000] [--repeats 1] [--hf-pages 500]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "bbc-news" / "articles.jsonl.gz"
DATA = REPO / "bench" / "data" / "models"


def build_data(pages: int, eval_samples: int, seed: int = 0) -> dict:
    DATA.mkdir(parents=True, exist_ok=True)
    meta_path = DATA / f"meta-{pages}-{eval_samples}.json"
    if meta_path.exists():
        return json.loads(meta_path.read_text())
    rnd = random.Random(seed)
    articles = [json.loads(line) for line in gzip.open(BBC, "rt")]
    paras = [(a["id"], p) for a in articles for p in a["text"].split("\n") if len(p.split()) >= 20]
    chosen = set(rnd.sample(range(len(paras)), eval_samples))
    contaminated = 0
    with open(DATA / f"corpus-{pages}.jsonl", "w") as f:
        for i in range(pages):
            picks = [rnd.randrange(len(paras)) for _ in range(rnd.randint(3, 8))]
            hit = any(p in chosen for p in picks)
            contaminated += hit
            text = "\n".join(paras[p][1] for p in picks)
            f.write(json.dumps({"id": f"p{i}", "url": f"https://site{i % 997}.example.com/{i}", "text": text, "planted": hit}) + "\n")
    words = [w for _, p in paras for w in p.split()]
    with open(DATA / "evalset.jsonl", "w") as f:
        for k, p in enumerate(sorted(chosen)):
            f.write(json.dumps({"id": f"real-{k}", "question": paras[p][1]}) + "\n")
        for k in range(eval_samples):
            f.write(json.dumps({"id": f"fake-{k}", "question": " ".join(rnd.choices(words, k=30))}) + "\n")
    with open(DATA / "pos.jsonl", "w") as pos, open(DATA / "neg.jsonl", "w") as neg:
        for a in articles:
            (pos if a["category"] == "tech" else neg).write(json.dumps({"text": a["text"]}) + "\n")
    subprocess.run([sys.executable, "-m", "thresher.cli", "train-classifier", str(DATA / "pos.jsonl"), str(DATA / "neg.jsonl"),
                    "-o", str(DATA / "tech.bin")], check=True)

    from tokenizers import ByteLevelBPETokenizer

    tok = ByteLevelBPETokenizer()
    tok.train_from_iterator((a["text"] for a in articles), vocab_size=32_000, special_tokens=["<pad>", "<s>", "</s>", "<unk>"])
    tok.save(str(DATA / "tokenizer.json"))

    import torch
    from tokenizers import Tokenizer
    from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

    torch.manual_seed(0)
    hf = DATA / "bert-base-random"
    config = BertConfig(vocab_size=32_000, num_labels=1, max_position_embeddings=512)  # BERT-base sizes
    BertForSequenceClassification(config).save_pretrained(str(hf))
    PreTrainedTokenizerFast(tokenizer_object=Tokenizer.from_file(str(DATA / "tokenizer.json")), pad_token="<pad>",
                            unk_token="<unk>").save_pretrained(str(hf))
    with open(DATA / f"corpus-{pages}.jsonl") as src, open(DATA / "corpus-hf.jsonl", "w") as dst:
        for _, line in zip(range(5_000), src):
            dst.write(line)
    meta = {"pages": pages, "contaminated_pages": contaminated, "eval_samples": 2 * eval_samples}
    meta_path.write_text(json.dumps(meta))
    return meta


CONFIGS = {
    "guard (baseline: read + write)": "",
    "tokens (BPE 32k tokenizer.json)": '[[step]]\nname = "tokens"\ntokenizer = "{d}/tokenizer.json"\n',
    "classify, fastText (train-classifier model)": '[[step]]\nname = "classify"\nmodel = "{d}/tech.bin"\nlabel = "hq"\n',
    "classify, BERT-base random weights (512 tokens)": '[[step]]\nname = "classify"\nmodel = "{d}/bert-base-random"\nbatch_size = 16\n',
    "decontam (13-grams)": '[[corpus]]\nname = "decontam"\neval_sets = ["{d}/evalset.jsonl"]\n',
}


def run(name: str, corpus: Path, out: Path) -> tuple[float, int]:
    cfg = out.with_suffix(".toml")
    cfg.write_text('replace = true\n\n[[step]]\nname = "guard"\n\n' + CONFIGS[name].format(d=DATA))
    cmd = [sys.executable, "-m", "thresher.cli", "clean", str(corpus), "--config", str(cfg), "-o", str(out), "--workers", "2", "--overwrite"]
    t0 = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stderr[-3000:]}")
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return seconds, peak_kb


def decontam_quality(out: Path, corpus: Path) -> tuple[int, int, int]:
    from thresher.run.outputs import JobOutput

    planted = {}
    with open(corpus) as f:
        for line in f:
            r = json.loads(line)
            planted[r["id"]] = r["planted"]
    job = JobOutput(str(out))
    found = set()
    for rec in job.traces():
        if any(str(e[2]).startswith("decontam:") for e in rec.get("edits", [])):
            found.add(rec["id"])
    for rec in job.rejected():
        if str(rec.get("verdict", {}).get("reason", "")).startswith("decontam:"):
            found.add(rec["id"])
    tp = sum(1 for i in found if planted.get(i))
    return tp, len(found), sum(planted.values())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--eval-samples", type=int, default=1_000)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--hf-pages", type=int, default=500)
    ap.add_argument("--only", default="", help="run only configs whose name contains this")
    args = ap.parse_args()
    build_data(args.pages, args.eval_samples)
    corpus = DATA / f"corpus-{args.pages}.jsonl"
    hf_corpus = DATA / f"corpus-hf-{args.hf_pages}.jsonl"
    with open(DATA / "corpus-hf.jsonl") as src, open(hf_corpus, "w") as dst:
        for _, line in zip(range(args.hf_pages), src):
            dst.write(line)
    outdir = REPO / "bench" / "out" / "models"
    outdir.mkdir(parents=True, exist_ok=True)
    print(f"| run | pages | MB in | wall s (median of {args.repeats}) | pages/s | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    for name in CONFIGS:
        if args.only and args.only not in name:
            continue
        src = hf_corpus if "BERT" in name else corpus
        n = args.hf_pages if "BERT" in name else args.pages
        out = outdir / name.split()[0].strip(",")
        if "BERT" in name:
            out = outdir / "bert"
        runs = [run(name, src, out) for _ in range(args.repeats)]
        wall = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs) / 1024
        print(f"| {name} | {n:,} | {src.stat().st_size / 1e6:,.0f} | {wall:,.1f} | {n / wall:,.0f} | {peak:,.0f} |", flush=True)
        if name.startswith("decontam"):
            tp, found, planted = decontam_quality(out, src)
            print(f"\ndecontam: {found:,} pages edited or dropped, {tp:,} of them planted; {planted:,} pages planted: "
                  f"recall {tp / max(planted, 1):.3f}, precision {tp / max(found, 1):.3f}\n", flush=True)


if __name__ == "__main__":
    main()
