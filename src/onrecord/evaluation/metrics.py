"""Ratios and precision/recall/F1 that keep their counts."""

from __future__ import annotations

from dataclasses import dataclass


def _div(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(frozen=True)
class Ratio:
    """``num`` of ``den``; its value is None when there is nothing to count."""

    num: int = 0
    den: int = 0

    @property
    def value(self) -> float | None:
        return _div(self.num, self.den)

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.num + other.num, self.den + other.den)

    def to_dict(self) -> dict[str, float | int | None]:
        return {"value": self.value, "num": self.num, "den": self.den}


@dataclass(frozen=True)
class PRF:
    """Precision ``p_num / p_den`` and recall ``r_num / r_den``, and their F1.

    Precision (recall) is None when nothing was predicted (nothing is gold); F1 is None only
    when both are, and counts a missing one as 0 otherwise.
    """

    p_num: int = 0
    p_den: int = 0
    r_num: int = 0
    r_den: int = 0

    @classmethod
    def of(cls, tp: int, n_pred: int, n_gold: int) -> PRF:
        """Precision and recall sharing one numerator."""
        return cls(tp, n_pred, tp, n_gold)

    @property
    def precision(self) -> float | None:
        return _div(self.p_num, self.p_den)

    @property
    def recall(self) -> float | None:
        return _div(self.r_num, self.r_den)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        p, r = p or 0.0, r or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.p_num + other.p_num,
            self.p_den + other.p_den,
            self.r_num + other.r_num,
            self.r_den + other.r_den,
        )

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "p_num": self.p_num,
            "p_den": self.p_den,
            "r_num": self.r_num,
            "r_den": self.r_den,
        }
