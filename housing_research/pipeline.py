"""The project's pipeline: the steps that rebuild everything from raw data.

Each step reads only committed inputs (``data/raw``, ``data/reference``) or the
outputs of earlier steps, and writes deterministic files, so that two builds
give byte-identical results. ``housing-research build`` runs them in order.

Examples
--------
>>> [step.name for step in STEPS]
['clean', 'code', 'questionnaire', 'notebooks']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Step:
    """One pipeline step: a name, what it does, and the function that does it."""

    name: str
    help: str
    run: Callable[[], str]


def _clean() -> str:
    from housing_research.cleaning import build_inventory

    result = build_inventory()
    counts = result.summary()
    return f"inventory cleaned: {counts}"


def _code() -> str:
    from housing_research.coding_build import build_coded_inventory

    result = build_coded_inventory()
    return f"inventory coded: {result}"


def _questionnaire() -> str:
    from housing_research.questionnaire import build_questionnaire

    result = build_questionnaire()
    return f"questionnaire tables written: {result}"


def _notebooks() -> str:
    from tqdm import tqdm

    from housing_research.notebook_runner import execute_notebook, list_notebooks

    notebooks = list_notebooks()
    for path in tqdm(notebooks, desc="notebooks", unit="nb"):
        execute_notebook(path)
    return f"{len(notebooks)} notebooks executed, figures written"


STEPS: tuple[Step, ...] = (
    Step("clean", "clean and validate the raw inventory (data/processed/inventory.csv)", _clean),
    Step("code", "code the inventory along the three axes and measure agreement", _code),
    Step("questionnaire", "derive the tables of the March 2021 questionnaire", _questionnaire),
    Step("notebooks", "execute the notebooks in place and write every figure", _notebooks),
)


def run(names: list[str] | None = None, *, echo: Callable[[str], None] = print) -> None:
    """Run the named steps (all of them, in order, when ``names`` is None)."""
    selected = [s for s in STEPS if names is None or s.name in names]
    for step in selected:
        echo(f"[{step.name}] {step.help}")
        echo(f"[{step.name}] {step.run()}")
