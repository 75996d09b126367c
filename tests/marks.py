"""What the default run (`make test`) leaves to `make test-all` and CI.

A long parametrized family (every shape example through the file gate, every draft of a reviewed
statement, every SPARQLWrapper combination, …) runs in `make test` as a sample — the first value and
then every ``every``-th — and whole in `make test-all` and CI, which run the tests marked ``slow``
too. Which values are sampled is fixed by their order, so a run is repeatable.
"""

from __future__ import annotations

from typing import Iterable

import pytest

slow = pytest.mark.slow


def sample(values: Iterable, every: int, *, several: bool = False) -> list:
    """``values`` as pytest parameters, all but the first and every ``every``-th marked slow;
    ``several``: each value is a tuple of several arguments (``parametrize("a,b", sample(…))``)."""
    out = []
    for i, v in enumerate(values):
        if i % every == 0:
            out.append(v)
        else:
            out.append(pytest.param(*v, marks=slow) if several else pytest.param(v, marks=slow))
    return out
