"""Language identification: tag each document with its language, score and script; optionally filter.

Writes ``metadata["language"]`` (ISO 639-1 where the language has a code there, else ISO 639-3;
``und`` when the text has no letters), ``metadata["language_score"]`` (the model's probability,
0..1) and ``metadata["script"]`` (ISO 15924: ``Latn``, ``Cyrl``, ``Hani``, ``Jpan``, ``Arab`` ...;
``Zyyy`` when there are no letters).

For speed the model reads a bounded sample: the first ``sample_chars`` (500) characters of the
text with line breaks turned into spaces (lid.176 predicts one line). The script is counted on
the same sample. Where the script settles the language (kana: Japanese; Hangul: Korean; Han
without kana: Chinese; Thai, Greek ...: see ``script.SCRIPT_LANGUAGES``) a model answer in another
language is overruled by the likeliest language written in that script. A page whose first 500
characters are in one language and the rest in another is tagged with the first: that is the
price of a bounded cost per document.

Drop reasons: ``lang:not_in_list`` (``languages`` is set and the document's language is not in
it), ``lang:low_score`` (score below ``min_score``). With the defaults (no list, ``min_score``
0) the step only tags: nothing is dropped because of its language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from thresher.document import Document
from thresher.steps.base import ShardContext, Step
from thresher.steps.lang.model import CODES, UNDETERMINED, LidModel
from thresher.steps.lang.script import NO_LETTERS, SCRIPT_LANGUAGES, dominant_script, script_counts

_LINE_BREAKS = ("\n", "\r", "\v", "\f", "\x85", "\u2028", "\u2029", "\x00")


def _one_line(sample: str) -> str:
    """``sample`` with every line break (and NUL) turned into a space."""
    # str.replace for the breaks present: several times faster than str.translate with a dict
    for c in _LINE_BREAKS:
        if c in sample:
            sample = sample.replace(c, " ")
    return sample


@dataclass
class LanguageId(Step):
    name = "lang"
    #: Languages to keep (codes as written to metadata["language"], e.g. ["en", "de"]). Empty: keep all.
    languages: list[str] = field(default_factory=list)
    #: Drop documents whose language score is below this (0 keeps all).
    min_score: float = 0.0
    #: How many characters from the start of the text the model reads. The model's cost grows with
    #: it; accuracy stopped growing at about 200 on our sets (bench/README.md, "Language ID").
    sample_chars: int = 500

    def __post_init__(self) -> None:
        if not isinstance(self.languages, (list, tuple)) or not all(isinstance(x, str) for x in self.languages):
            raise ValueError(f"lang: languages must be a list of language codes, got {self.languages!r}")
        self.languages = [x.strip().lower() for x in self.languages]
        # A code the model never emits ("eng", "english") would silently drop every document.
        unknown = sorted(set(self.languages) - CODES)
        if unknown:
            raise ValueError(
                f"lang: unknown language code(s) {', '.join(unknown)}: use ISO 639-1 codes such as "
                "'en', 'de', 'zh' (ISO 639-3 only for languages without one, e.g. 'yue', 'gsw')"
            )
        if not 0.0 <= float(self.min_score) <= 1.0:
            raise ValueError(f"lang: min_score must be between 0 and 1, got {self.min_score!r}")
        if int(self.sample_chars) < 1:
            raise ValueError(f"lang: sample_chars must be positive, got {self.sample_chars!r}")
        self._keep = frozenset(self.languages)
        self._model: LidModel | None = None

    # The loaded model stays out of pickles (process pools) and is loaded again where it runs.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_model"] = None
        return state

    @property
    def model(self) -> LidModel:
        if self._model is None:
            self._model = LidModel()
        return self._model

    def identify(self, text: str) -> tuple[str, float, str]:
        """(language, score, script) of ``text`` (its first ``sample_chars`` characters)."""
        sample = text[: self.sample_chars]
        script = dominant_script(script_counts(sample))
        if script == NO_LETTERS:
            return UNDETERMINED, 0.0, script
        # fastText splits words on whitespace itself; it only needs the text on one line.
        line = _one_line(sample)
        lang, score = self.model.predict(line, within=SCRIPT_LANGUAGES.get(script))
        return lang, score, script

    def process(self, doc: Document, ctx: ShardContext) -> None:
        lang, score, script = self.identify(doc.text)
        doc.metadata["language"] = lang
        doc.metadata["language_score"] = round(score, 4)
        doc.metadata["script"] = script
        if self._keep and lang not in self._keep:
            doc.drop(self.name, "lang:not_in_list", f"{lang} ({score:.2f}) not in {sorted(self._keep)}")
        elif score < self.min_score:
            doc.drop(self.name, "lang:low_score", f"{lang} {score:.4f} < min_score {self.min_score}")
