"""The CI quality gate: thresholds per language, regression against a baseline, CI outputs.

:func:`run_gate` is the one entry point; ``mtcheck evaluate --gate`` and
``mtcheck gate results.json`` both call it.
"""

from __future__ import annotations

from mtcheck.gate.evaluate import run_gate
from mtcheck.gate.thresholds import GateThresholds, parse_gate

__all__ = ["GateThresholds", "parse_gate", "run_gate"]
