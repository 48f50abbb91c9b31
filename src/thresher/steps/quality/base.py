"""What the four rule sets share: thresholds as named rules (data), a language gate, signals
stored under ``metadata["signals"]`` as ``"<rule set>.<signal>"`` keys.

A rule is ``Rule(name, signal, op, threshold)``: the page fails it when
``signals[signal] <op> <the step's field named threshold>``; a threshold set to ``false``
(``None`` from Python, stored as ``False`` so that the resolved TOML config keeps it)
switches the rule off. The first failing rule, in the order listed, is the drop reason
``<rule set>:<rule name>`` (for example ``gopher_repetition:dup_para_frac``); its detail line
gives the value and the threshold.

Languages: each rule set's ``languages`` lists the languages its thresholds were set for
(ISO 639-1 codes as the ``lang`` step writes them to ``metadata["language"]``; ``"*"`` means
any). A document whose language is known and not listed is not judged: its signals are still
computed and stored, with ``"<rule set>.not_judged": "language:<code>"``, and it is kept.
A document without a language (the ``lang`` step did not run), or whose language is
undetermined (``und``: no letters to go by), is judged. Rules named in a rule set's
``LANGUAGE_FREE`` hold whatever the language and are applied to every page (C4's lorem ipsum:
placeholder text is tagged as Latin, and must not escape the rule that exists to catch it).

Thresholds per language: a page in a language that has options of its own
(thresher.steps.quality.languages, and the step's ``thresholds_by_language``, laid over those
option by option) is judged by the rule set with those options in place of its own: its
signals are computed, and its rules applied, as the rule set configured for that language
(Gopher's stop words in German for a German page). A drop's detail line names the language
("stop_words 1 < 2 (min_stop_words for de)"). Pages in other languages, English among them, are
judged with the step's own options, exactly as before.
"""

from __future__ import annotations

import copy
import dataclasses
import operator
import time
from typing import Any, Callable, ClassVar, Iterable, Iterator

from thresher.document import Document
from thresher.steps.base import Filter, ShardContext
from thresher.steps.quality.languages import languages_of, options_for
from thresher.steps.quality.view import TextView, prepare_views, view_for

# Reaches every compiled path of the tokenizer and the signals: a negation, a split word, a
# unit, repeated n-grams, sentences, a character outside ASCII.
_WARM_UP_TEXT = (
    "We don't know. We cannot say, and Mr. Smith won't either: it's 5km away.\n"
    "We don't know. We cannot say, and the café is closed!\n"
)

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    ">": operator.gt,
    "<=": operator.le,
    ">=": operator.ge,
}


@dataclasses.dataclass(frozen=True, slots=True)
class Rule:
    name: str
    signal: str
    op: str
    threshold: str  # name of the step field holding the threshold


@dataclasses.dataclass
class QualityFilter(Filter):
    """Base of the quality rule sets. Subclasses set ``name``, ``RULES`` and ``signals(view)``."""

    RULES: ClassVar[tuple[Rule, ...]] = ()
    #: Names of rules (drop reasons without the prefix) that hold for any language.
    LANGUAGE_FREE: ClassVar[frozenset[str]] = frozenset()

    #: Languages the thresholds hold for ("*": any). See the module docstring.
    languages: list[str] = dataclasses.field(default_factory=lambda: ["en"])
    #: Options per language ({"de": {"min_stop_words": 3}}), laid over the packaged ones
    #: (thresher.steps.quality.languages) for pages in that language.
    thresholds_by_language: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        self._compile()
        self._judged_as: str | None = None  # the language whose options these are (a variant)
        self._variants = self._language_variants()

    def _compile(self) -> None:
        """What the options decide, worked out once (again for each language's variant)."""
        # TOML has no null: a switched-off threshold is written and read back as false
        names = {f.name for f in dataclasses.fields(self)}
        for rule in self.RULES:
            if rule.threshold in names and getattr(self, rule.threshold) is None:
                setattr(self, rule.threshold, False)
        # each rule's signal key, comparison and threshold, looked up once rather than for every
        # document (thresholds are configuration: fixed once the step is built); rules switched
        # off are left out
        self._checks = tuple(
            (rule, f"{self.name}.{rule.signal}", _OPS[rule.op], threshold)
            for rule in self.RULES
            if (threshold := getattr(self, rule.threshold)) is not None and threshold is not False
        )
        self._keys: dict[str, str] = {}  # signal name -> its "<rule set>.<signal>" key

    def _language_variants(self) -> dict[str, "QualityFilter"]:
        """language -> this rule set with that language's options, for each judged language that
        has options (packaged or given)."""
        if not isinstance(self.thresholds_by_language, dict) or not all(
            isinstance(v, dict) for v in self.thresholds_by_language.values()
        ):
            raise ValueError("thresholds_by_language must map a language code to a table of options")
        settable = {f.name for f in dataclasses.fields(self)} - {"languages", "thresholds_by_language"}
        variants = {}
        for lang in sorted(set(languages_of(self.name)) | set(self.thresholds_by_language)):
            options = {**options_for(self.name, lang), **self.thresholds_by_language.get(lang, {})}
            unknown = sorted(set(options) - settable)
            if unknown:
                raise ValueError(f"thresholds_by_language.{lang}: {self.name} has no option(s) {', '.join(unknown)};"
                                 f" it has: {', '.join(sorted(settable))}")
            if options and self.judges(lang):
                variant = copy.copy(self)
                variant.__dict__.update(options)
                variant._compile()
                variant._judged_as, variant._variants = lang, {}
                variants[lang] = variant
        return variants

    def judge_for(self, language: Any) -> "QualityFilter":
        """The rule set as it judges a page in ``language``: with that language's options, or its own."""
        if isinstance(language, str):
            return self._variants.get(language, self)
        return self

    def setup(self) -> None:
        # numba compiles the tokenizer's and the signals' kernels on their first call (once per
        # machine; later processes load them from the disk cache)
        view = TextView(_WARM_UP_TEXT)
        self.signals(view)

    # -- what subclasses write ---------------------------------------------------------------
    def signals(self, view: TextView) -> dict[str, Any]:
        raise NotImplementedError

    # -- the Filter contract -----------------------------------------------------------------
    def score(self, doc: Document) -> dict[str, Any]:
        judge = self.judge_for(doc.metadata.get("language"))
        return judge._prefixed(judge.signals(view_for(doc)))

    def keep(self, signals: dict[str, Any]) -> str | None:
        failure = self.first_failure(signals)
        return failure[0] if failure else None

    def run(self, docs: Iterable[Document], ctx: ShardContext) -> Iterator[Document]:
        if isinstance(docs, list):  # a pipeline batch: its pages are tokenised together
            t0 = time.perf_counter()
            prepare_views([view_for(doc, ctx) for doc in docs if doc.kept])
            ctx.stats.add_time(self.name, time.perf_counter() - t0)
        return super().run(docs, ctx)

    def process(self, doc: Document, ctx: ShardContext) -> None:
        view = view_for(doc, ctx)  # shared with the other quality steps while the text is unchanged
        lang = doc.metadata.get("language")
        judge = self.judge_for(lang)
        signals = judge._prefixed(judge.signals(view))
        store = doc.metadata.setdefault("signals", {})
        store.update(signals)
        failure = judge.first_failure(signals)
        if isinstance(lang, str) and lang and lang != "und" and not self.judges(lang):
            if failure is None or failure[0].partition(":")[2] not in self.LANGUAGE_FREE:
                store[f"{self.name}.not_judged"] = f"language:{lang}"
                return
        if failure is not None:
            doc.drop(self.name, failure[0], failure[1])

    def thresholds(self) -> list[dict[str, Any]]:
        """The rules switched on, as data (drop reason, signal key, comparison, threshold, and the
        languages judged with another threshold: ``by_language``, None where the rule is off): what
        the report marks on each signal's histogram."""
        out = []
        for rule, key, _, threshold in self._checks:
            others = {}
            for lang, variant in sorted(self._variants.items()):
                t = getattr(variant, rule.threshold)
                t = None if t is False else t
                if t != threshold:
                    others[lang] = t
            out.append({"reason": f"{self.name}:{rule.name}", "signal": key, "op": rule.op, "threshold": threshold, "by_language": others})
        return out

    # -- helpers -----------------------------------------------------------------------------
    def judges(self, language: str) -> bool:
        langs = self.languages
        return not langs or "*" in langs or language in langs

    def first_failure(self, signals: dict[str, Any], skip: frozenset[str] = frozenset()) -> tuple[str, str] | None:
        """(reason, detail) of the first rule the signals fail, or None; rules named in ``skip``
        are not applied."""
        for rule, key, op, threshold in self._checks:  # switched-off rules are not in _checks
            value = signals.get(key)
            if value is None or rule.name in skip or not op(value, threshold):
                continue
            shown = f"{value:.4g}" if isinstance(value, float) else repr(value)
            which = rule.threshold if self._judged_as is None else f"{rule.threshold} for {self._judged_as}"
            return f"{self.name}:{rule.name}", f"{rule.signal} {shown} {rule.op} {threshold} ({which})"
        return None

    def _prefixed(self, signals: dict[str, Any]) -> dict[str, Any]:
        keys = self._keys
        try:
            return {keys[k]: v for k, v in signals.items()}
        except KeyError:
            keys.update((k, f"{self.name}.{k}") for k in signals if k not in keys)
            return {keys[k]: v for k, v in signals.items()}
