"""Shared by the peer speed scripts: read the texts, shingle them like thresher (word 5-grams of \\w+
tokens, lower-cased), time a text -> signature function by CPU seconds, print JSON."""

import json
import re
import statistics
import sys
import time

WORD = re.compile(r"\w+")


def load(path):
    return [json.loads(line)["text"] for line in open(path, encoding="utf-8")]


def shingles(text, n=5):
    words = WORD.findall(text.lower())
    return [" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))]


def measure(run, texts, repeats):
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        run(texts)
        times.append(time.process_time() - t0)
    med = statistics.median(times)
    json.dump({"mb": size, "cpu_seconds": med, "mb_per_s": size / med}, sys.stdout)
