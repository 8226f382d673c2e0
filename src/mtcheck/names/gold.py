"""Scoring name, number and untranslated-fragment findings against planted gold errors.

Gold files (``gold/{lang}.json``) list errors with their kind, entity and the exact
source and target sentence. A gold error is *found* when a finding of a matching check
points at its target sentence (and, for names, at its entity). A finding is *correct*
when it matches some gold error; a missing name inside a clause the gold marks as
omitted or truncated counts as correct too, because the name is indeed missing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from mtcheck.errors import InputError
from mtcheck.romanize import sound_key
from mtcheck.types import Entity, Finding, SegmentedDocument

# Gold error kind -> the checks that find it.
KIND_CHECKS: Mapping[str, tuple[str, ...]] = {
    "name_variant": ("names.inconsistent", "names.glossary"),
    "name_latin_script": ("names.script",),
    "name_missing": ("names.missing",),
    "wrong_number": ("numbers.mismatch", "numbers.missing"),
    "untranslated": ("text.untranslated",),
}
# Gold kinds that also explain a finding of these checks (but are not counted for recall).
_ALSO_EXPLAINS: Mapping[str, tuple[str, ...]] = {
    "omission": ("names.missing", "numbers.missing"),
    "truncation": ("names.missing", "numbers.missing"),
}
STAGE_CHECKS = frozenset(c for checks in KIND_CHECKS.values() for c in checks)


@dataclass(frozen=True)
class GoldError:
    kind: str
    entity: str | None
    surfaces: tuple[str, ...]
    source_sentence: str
    target_sentence: str


@dataclass(frozen=True)
class KindScore:
    """Recall of one gold error kind and precision of the findings of its checks."""

    kind: str
    gold: int
    found: int
    findings: int
    correct: int

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.findings if self.findings else None


def read_gold_errors(text: str, where: str) -> list[GoldError]:
    """The ``errors`` list of a gold JSON file."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON: {exc}") from None
    records = data.get("errors", []) if isinstance(data, dict) else None
    if not isinstance(records, list):
        raise InputError(where, "expected an object with an 'errors' list")
    errors = []
    for number, record in enumerate(records):
        if not isinstance(record, dict) or not isinstance(record.get("kind"), str):
            raise InputError(where, f"error {number}: expected an object with a 'kind'")
        errors.append(GoldError(
            kind=record["kind"], entity=record.get("entity"),
            surfaces=tuple(record.get("surfaces") or ()),
            source_sentence=str(record.get("source_sentence") or ""),
            target_sentence=str(record.get("target_sentence") or "")))
    return errors


def _squash(text: str) -> str:
    return "".join(text.split())


def sentence_ids(document: SegmentedDocument, text: str) -> tuple[int, ...]:
    """Ids of the sentences that contain ``text`` or are contained in it (segmenters differ)."""
    wanted = _squash(text)
    if not wanted:
        return ()
    exact = tuple(s.id for s in document.sentences if _squash(s.text) == wanted)
    if exact:
        return exact
    return tuple(s.id for s in document.sentences
                 if wanted in _squash(s.text) or (_squash(s.text) and _squash(s.text) in wanted))


def _same_entity(name: str | None, entity: Entity | None) -> bool:
    if name is None or entity is None:
        return name is None
    wanted = sound_key(name, "en")
    spellings = (entity.canonical, *entity.source_forms)
    return any(fuzz.ratio(wanted, sound_key(s, "en")) >= 76 for s in spellings)


def _matches(error: GoldError, finding: Finding, checks: Sequence[str],
             target: SegmentedDocument, entities: Mapping[str, Entity]) -> bool:
    if finding.check not in checks:
        return False
    ids = set(sentence_ids(target, error.target_sentence))
    if not ids & set(finding.target_ids):
        return False
    if finding.check.startswith("names."):
        return _same_entity(error.entity, entities.get(finding.entity or ""))
    return True


def score_findings(errors: Sequence[GoldError], findings: Sequence[Finding],
                   target: SegmentedDocument, entities: Sequence[Entity]) -> list[KindScore]:
    """Per gold kind: how many planted errors were found, how many findings were right."""
    by_id = {e.id: e for e in entities}
    scores = []
    for kind, checks in KIND_CHECKS.items():
        planted = [e for e in errors if e.kind == kind]
        found = sum(1 for e in planted
                    if any(_matches(e, f, checks, target, by_id) for f in findings))
        own = [f for f in findings if f.check in checks]
        correct = 0
        for finding in own:
            explained = any(
                _matches(e, finding, KIND_CHECKS.get(e.kind, ()) + _ALSO_EXPLAINS.get(e.kind, ()),
                         target, by_id)
                for e in errors)
            correct += explained
        scores.append(KindScore(kind, len(planted), found, len(own), correct))
    return scores
