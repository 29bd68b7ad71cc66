"""Precision/recall/F1 with confidence intervals, shared by every scorer."""

from __future__ import annotations

import math
from dataclasses import dataclass


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for a proportion."""
    if n == 0:
        return (0.0, 0.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass
class PRF:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def f1_interval(self) -> tuple[float, float]:
        """Approximate 95% interval for F1, via Wilson on tp out of (tp + (fp+fn)/2)."""
        n = self.tp + (self.fp + self.fn) / 2
        return wilson(self.tp, round(n)) if n else (0.0, 0.0)

    def row(self, name: str) -> str:
        lo, hi = self.f1_interval()
        return (f"{name:<34} P {self.precision:6.3f}  R {self.recall:6.3f}  F1 {self.f1:6.3f}"
                f"  [{lo:.3f}-{hi:.3f}]  tp={self.tp} fp={self.fp} fn={self.fn}")

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}
