"""The ``[gate]`` table of a config: parsed and validated into frozen dataclasses.

Config files keep the gate as a raw table (see :class:`mtcheck.config.Config`)
because threshold names are a small grammar, not fixed fields::

    <kind>.<metric>.<min|max>     reference.chrF.min, roundtrip.semantic.min, reference.TER.max
    coverage.min                  share of source sentences that have a translation
    findings.<what>.max           <what> is a check id, a severity or "total"

A typo in a threshold must stop the run: a silently ignored threshold lets
every build pass. So every unknown key is a :class:`ConfigError` naming the
key, the config file and the valid names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from mtcheck.checks import CHECKS
from mtcheck.errors import ConfigError, LanguageError
from mtcheck.languages import get_language
from mtcheck.score import METRICS
from mtcheck.types import ScoreKind, Severity

# Metrics a threshold may name, per score kind. "semantic" is the embedding
# similarity of the back-translation to the source, on a 0-1 scale.
SCORE_METRICS: dict[ScoreKind, tuple[str, ...]] = {
    ScoreKind.REFERENCE: METRICS,
    ScoreKind.ROUNDTRIP: (*METRICS, "semantic"),
}
FINDING_TOTAL = "total"
SEVERITY_NAMES = tuple(s.value for s in Severity)


class Bound(str, Enum):
    MIN = "min"
    MAX = "max"


class Subject(str, Enum):
    SCORE = "score"
    COVERAGE = "coverage"
    FINDINGS = "findings"


class Policy(str, Enum):
    """What an unmet condition that is not a plain threshold failure does to the gate."""

    FAIL = "fail"
    WARN = "warn"
    SKIP = "skip"


class SignificanceTest(str, Enum):
    PAIRED_BOOTSTRAP = "paired-bootstrap"
    APPROXIMATE_RANDOMIZATION = "approximate-randomization"


@dataclass(frozen=True)
class Threshold:
    """One limit, e.g. ``reference.chrF.min = 40``; ``key`` is the name as written."""

    key: str
    subject: Subject
    bound: Bound
    limit: float
    kind: ScoreKind | None = None
    metric: str | None = None
    # For findings: a check id, a severity value or "total".
    selector: str | None = None

    def met_by(self, value: float) -> bool:
        return value >= self.limit if self.bound is Bound.MIN else value <= self.limit


@dataclass(frozen=True)
class ScoreRef:
    """A document score named ``<kind>.<metric>``, as used by ``max_drop`` keys."""

    kind: ScoreKind
    metric: str

    @property
    def key(self) -> str:
        return f"{self.kind.value}.{self.metric}"

    @property
    def higher_is_better(self) -> bool:
        return self.metric != "TER"


@dataclass(frozen=True)
class LanguageRules:
    """A ``[gate.languages.<code>]`` table: overrides and disabled thresholds."""

    thresholds: tuple[Threshold, ...] = ()
    disabled: tuple[str, ...] = ()
    max_drop: Mapping[str, float] = field(default_factory=dict)
    warn_only: tuple[str, ...] = ()


@dataclass(frozen=True)
class BaselineSettings:
    """How ``--baseline`` compares a run with a previous one."""

    # "<kind>.<metric>" -> largest tolerated drop in score points.
    max_drop: Mapping[str, float] = field(default_factory=lambda: {"reference.chrF": 1.0,
                                                                    "roundtrip.chrF": 1.0})
    significance: float = 0.05
    method: SignificanceTest = SignificanceTest.PAIRED_BOOTSTRAP
    resamples: int = 1000
    seed: int = 12345
    new_findings: Policy = Policy.WARN


@dataclass(frozen=True)
class GateThresholds:
    """Everything the ``[gate]`` table says, validated."""

    where: str
    missing_score: Policy = Policy.SKIP
    defaults: tuple[Threshold, ...] = ()
    languages: Mapping[str, LanguageRules] = field(default_factory=dict)
    source: tuple[Threshold, ...] = ()
    required_languages: tuple[str, ...] = ()
    warn_only: tuple[str, ...] = ()
    baseline: BaselineSettings = field(default_factory=BaselineSettings)

    @property
    def empty(self) -> bool:
        return not (self.defaults or self.source or self.required_languages
                    or any(r.thresholds for r in self.languages.values()))

    def for_language(self, lang: str) -> tuple[Threshold, ...]:
        """The defaults with the language's overrides applied, in a stable order."""
        rules = self.languages.get(lang, LanguageRules())
        merged = {t.key: t for t in self.defaults}
        merged.update({t.key: t for t in rules.thresholds})
        for key in rules.disabled:
            merged.pop(key, None)
        return tuple(merged[key] for key in sorted(merged, key=_threshold_order))

    def is_warn_only(self, lang: str, key: str) -> bool:
        rules = self.languages.get(lang, LanguageRules())
        return key in self.warn_only or key in rules.warn_only

    def max_drop_for(self, lang: str) -> dict[str, float]:
        merged = dict(self.baseline.max_drop)
        merged.update(self.languages.get(lang, LanguageRules()).max_drop)
        return merged


# More resamples than this add nothing a p-value can show and cost minutes (and memory).
MAX_RESAMPLES = 100_000

_TOP_KEYS = ("missing_score", "defaults", "languages", "source", "required_languages",
             "warn_only", "baseline")
_BASELINE_KEYS = ("significance", "method", "resamples", "seed", "new_findings")


def _threshold_order(key: str) -> tuple[int, str]:
    head = key.split(".", 1)[0]
    rank = {"coverage": 0, "reference": 1, "roundtrip": 2, "findings": 3}.get(head, 4)
    return rank, key


def valid_threshold_names() -> list[str]:
    """Every threshold name the grammar accepts, for error messages and the docs."""
    names = ["coverage.min"]
    for kind, metrics in SCORE_METRICS.items():
        names += [f"{kind.value}.{m}.{b.value}" for m in metrics for b in Bound]
    selectors = (*SEVERITY_NAMES, FINDING_TOTAL, *sorted(CHECKS))
    names += [f"findings.{s}.max" for s in selectors]
    return names


def _hint() -> str:
    metrics = "; ".join(f"{k.value}: {', '.join(m)}" for k, m in SCORE_METRICS.items())
    return (f"valid names: coverage.min, <kind>.<metric>.min|max ({metrics}), "
            f"findings.<check id|{'|'.join(SEVERITY_NAMES)}|{FINDING_TOTAL}>.max; "
            f"check ids: {', '.join(sorted(CHECKS))}")


def parse_threshold(key: str, value: Any, where: str, table: str) -> Threshold:
    """Parse one ``name = number`` entry of a thresholds table."""
    location = f"[{table}] {key!r}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(where, f"{location} must be a number, not {value!r}")
    limit = float(value)
    if key == "coverage.min":
        if not 0.0 <= limit <= 1.0:
            raise ConfigError(where, f"{location} is a share between 0 and 1, not {value!r}")
        return Threshold(key, Subject.COVERAGE, Bound.MIN, limit)
    head, _, rest = key.partition(".")
    if head == "findings":
        selector, _, bound = rest.rpartition(".")
        if bound != Bound.MAX.value or not selector:
            raise ConfigError(where, f"unknown threshold {location}: findings take a "
                                     f"maximum, e.g. 'findings.error.max'; {_hint()}")
        if selector not in CHECKS and selector not in (*SEVERITY_NAMES, FINDING_TOTAL):
            raise ConfigError(where, f"unknown threshold {location}: {selector!r} is not a "
                                     f"check id or severity; {_hint()}")
        if limit < 0 or limit != int(limit):
            raise ConfigError(where, f"{location} is a count of findings, not {value!r}")
        return Threshold(key, Subject.FINDINGS, Bound.MAX, limit, selector=selector)
    kinds = {k.value: k for k in SCORE_METRICS}
    if head in kinds:
        metric, _, bound_name = rest.rpartition(".")
        kind = kinds[head]
        if metric in SCORE_METRICS[kind] and bound_name in (Bound.MIN.value, Bound.MAX.value):
            return Threshold(key, Subject.SCORE, Bound(bound_name), limit, kind=kind,
                             metric=metric)
    raise ConfigError(where, f"unknown threshold {location}; {_hint()}")


def parse_score_ref(name: str, where: str, table: str) -> ScoreRef:
    kind_name, _, metric = name.partition(".")
    for kind, metrics in SCORE_METRICS.items():
        if kind.value == kind_name and metric in metrics:
            return ScoreRef(kind, metric)
    valid = ", ".join(f"{k.value}.{m}" for k, ms in SCORE_METRICS.items() for m in ms)
    raise ConfigError(where, f"[{table}] 'max_drop.{name}' names no score; valid: "
                             f"max_drop.<{valid}>")


def parse_gate(table: Mapping[str, Any], where: str, seed: int = 12345) -> GateThresholds:
    """Validate a config's raw ``[gate]`` table; ``where`` names the config file."""
    _reject_unknown(table, _TOP_KEYS, where, "gate")
    missing = _policy(table.get("missing_score", Policy.SKIP.value), where, "gate",
                      "missing_score")
    defaults = _thresholds(_table(table, "defaults", where, "gate"), where, "gate.defaults")
    source = _thresholds(_table(table, "source", where, "gate"), where, "gate.source")
    for threshold in source:
        if threshold.subject is not Subject.FINDINGS:
            raise ConfigError(where, f"[gate.source] {threshold.key!r}: the source has no "
                                     "scores; only findings.<...>.max thresholds apply there")
    warn_only = _names(table.get("warn_only", []), where, "gate", "warn_only")
    languages: dict[str, LanguageRules] = {}
    for code, rules in _table(table, "languages", where, "gate").items():
        lang = _language(code, where)
        if lang in languages:
            raise ConfigError(where, f"[gate.languages] {code!r} is the same language as another "
                                     f"table ({lang}); merge them")
        if not isinstance(rules, Mapping):
            raise ConfigError(where, f"[gate.languages] {code!r} must be a table")
        languages[lang] = _language_rules(rules, where, f"gate.languages.{code}")
    required = tuple(_language(c, where) for c in
                     _names(table.get("required_languages", []), where, "gate",
                            "required_languages"))
    baseline = _baseline(_table(table, "baseline", where, "gate"), where, seed)
    return GateThresholds(where=where, missing_score=missing, defaults=defaults,
                          languages=languages, source=source, required_languages=required,
                          warn_only=warn_only, baseline=baseline)


def _language_rules(table: Mapping[str, Any], where: str, name: str) -> LanguageRules:
    thresholds: list[Threshold] = []
    disabled: list[str] = []
    max_drop: dict[str, float] = {}
    warn_only: tuple[str, ...] = ()
    for key, value in table.items():
        if key == "warn_only":
            warn_only = _names(value, where, name, key)
        elif key.startswith("max_drop."):
            ref = parse_score_ref(key.removeprefix("max_drop."), where, name)
            max_drop[ref.key] = _points(value, where, name, key)
        elif value is False:
            # `false` switches a default threshold off for this language; check the name.
            parse_threshold(key, 0, where, name)
            disabled.append(key)
        else:
            thresholds.append(parse_threshold(key, value, where, name))
    return LanguageRules(tuple(thresholds), tuple(disabled), max_drop, warn_only)


def _baseline(table: Mapping[str, Any], where: str, seed: int) -> BaselineSettings:
    name = "gate.baseline"
    max_drop: dict[str, float] = {}
    for key, value in table.items():
        if key.startswith("max_drop."):
            ref = parse_score_ref(key.removeprefix("max_drop."), where, name)
            max_drop[ref.key] = _points(value, where, name, key)
        elif key not in _BASELINE_KEYS:
            known = ", ".join((*_BASELINE_KEYS, "max_drop.<kind>.<metric>"))
            raise ConfigError(where, f"unknown key [{name}] {key!r} (known keys: {known})")
    significance = table.get("significance", 0.05)
    if isinstance(significance, bool) or not isinstance(significance, int | float) \
            or not 0.0 < significance < 1.0:
        raise ConfigError(where, f"[{name}] 'significance' must be a number between 0 and 1 "
                                 f"(exclusive), not {significance!r}")
    method_name = table.get("method", SignificanceTest.PAIRED_BOOTSTRAP.value)
    methods = {m.value: m for m in SignificanceTest}
    if not isinstance(method_name, str) or method_name not in methods:
        raise ConfigError(where, f"[{name}] 'method' is {method_name!r}; valid: "
                                 f"{', '.join(methods)}")
    resamples = table.get("resamples", 1000)
    if isinstance(resamples, bool) or not isinstance(resamples, int) \
            or not 10 <= resamples <= MAX_RESAMPLES:
        raise ConfigError(where, f"[{name}] 'resamples' must be an integer from 10 to "
                                 f"{MAX_RESAMPLES:,}, not {resamples!r}")
    run_seed = table.get("seed", seed)
    if isinstance(run_seed, bool) or not isinstance(run_seed, int) or run_seed < 0:
        raise ConfigError(where, f"[{name}] 'seed' must be a non-negative integer")
    new_findings = _policy(table.get("new_findings", Policy.WARN.value), where, name,
                           "new_findings")
    defaults = BaselineSettings()
    return BaselineSettings(
        max_drop=max_drop or dict(defaults.max_drop),
        significance=float(significance),
        method=methods[method_name],
        resamples=resamples,
        seed=run_seed,
        new_findings=new_findings,
    )


def _thresholds(table: Mapping[str, Any], where: str, name: str) -> tuple[Threshold, ...]:
    return tuple(parse_threshold(key, value, where, name) for key, value in table.items())


def _table(table: Mapping[str, Any], key: str, where: str, parent: str) -> Mapping[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(where, f"[{parent}] {key!r} must be a table, not {value!r}")
    return value


def _reject_unknown(table: Mapping[str, Any], known: tuple[str, ...], where: str,
                    name: str) -> None:
    for key in table:
        if key not in known:
            raise ConfigError(where, f"unknown key [{name}] {key!r} "
                                     f"(known keys: {', '.join(known)})")


def _policy(value: Any, where: str, table: str, key: str) -> Policy:
    policies = {p.value: p for p in Policy}
    if not isinstance(value, str) or value not in policies:
        raise ConfigError(where, f"[{table}] {key!r} is {value!r}; valid: "
                                 f"{', '.join(policies)}")
    return policies[value]


def _points(value: Any, where: str, table: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigError(where, f"[{table}] {key!r} must be a non-negative number of score "
                                 f"points, not {value!r}")
    return float(value)


def _names(value: Any, where: str, table: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(where, f"[{table}] {key!r} must be a list of strings")
    if key == "warn_only":
        for name in value:
            parse_threshold(name, 0, where, f"{table}.warn_only")
    return tuple(value)


def _language(code: str, where: str) -> str:
    try:
        return get_language(code).code
    except LanguageError as exc:
        raise ConfigError(where, f"[gate] {exc}") from None
