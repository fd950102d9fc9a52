"""Competition ranking (1, 2, 2, 4) on values rounded as they are published."""
from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

from .numbers import round_half_up_fast

K = TypeVar("K", bound=Hashable)


def competition_ranks(values: Mapping[K, float | None], decimals: int = 4) -> dict[K, int | None]:
    """Rank = 1 + how many have a strictly higher rounded value; no value, no rank.

    Ties are decided on the rounded value, as the UN does for EGDI (Iceland 0.940967 and
    Sweden 0.941033 both publish as 0.9410 and share rank 5).
    """
    rounded = {k: round_half_up_fast(v, decimals) for k, v in values.items() if v is not None}
    ordered = sorted(rounded.values(), reverse=True)
    first: dict[float, int] = {}
    for i, v in enumerate(ordered):
        first.setdefault(v, i + 1)
    return {k: (first[rounded[k]] if k in rounded else None) for k in values}


def ranks_within_groups(values: Mapping[K, float | None], group_of: Mapping[K, Hashable],
                        decimals: int = 4) -> dict[K, int | None]:
    """Competition ranks computed separately inside each group (e.g. communes of a province)."""
    groups: dict[Hashable, dict[K, float | None]] = {}
    for k, v in values.items():
        groups.setdefault(group_of.get(k), {})[k] = v
    out: dict[K, int | None] = {}
    for members in groups.values():
        out.update(competition_ranks(members, decimals))
    return out
