"""The project's pipeline: the steps that rebuild everything from raw data.

Every step has one shape, ``step(out_dir) -> StepReport``: it reads only
committed inputs (``data/raw``, ``data/reference``) or what earlier steps
wrote, writes deterministic files into ``out_dir`` (its default folder when
None), and reports what it wrote. ``housing-research build`` runs them in
order; two builds give byte-identical files.

Examples
--------
>>> [step.name for step in STEPS]
['clean', 'code', 'suggest', 'questionnaire', 'typology', 'docs', 'map', 'notebooks', 'seminar']
>>> import tempfile
>>> print(questionnaire_step(tempfile.mkdtemp()).summary)
questionnaire_respondents.csv (6 groups), questionnaire_shares.csv (11 effects)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from housing_research import paths


@dataclass(frozen=True)
class StepReport:
    """What a step did: its name, a one-line summary and the files it wrote."""

    step: str
    summary: str
    files: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.summary


@dataclass(frozen=True)
class Step:
    """One pipeline step: a name, what it does, the function that does it, its default folder."""

    name: str
    help: str
    run: Callable[[Path | None], StepReport]
    default_dir: Path


def clean_step(out_dir=None, inventory=None, sheet=None) -> StepReport:
    """Clean the raw inventory (``inventory``, default ``data/raw/inventory.csv``) into ``out_dir``."""
    from housing_research.inventory.build import build_inventory
    from housing_research.inventory.reading import describe_source

    result = build_inventory(raw_path=inventory, out_dir=out_dir, sheet=sheet)
    return StepReport("clean", f"read {describe_source(result.source)}; inventory cleaned: {result.summary()}")


def code_step(out_dir=None) -> StepReport:
    """Code the cleaned inventory found in ``out_dir`` and write the coded tables there."""
    from housing_research.coding.build import build_coded_inventory

    result = build_coded_inventory(inventory_path=paths.processed("inventory", out_dir), out_dir=out_dir)
    return StepReport("code", f"inventory coded: {result}", result.files)


def suggest_step(out_dir=None) -> StepReport:
    """Evaluate the supervised coder and write its suggestions and the code-next order into ``out_dir``."""
    from housing_research.coding.suggest_build import build_suggestions

    result = build_suggestions(out_dir)
    return StepReport("suggest", str(result), result.files)


def questionnaire_step(out_dir=None) -> StepReport:
    """Write the derived tables of the March 2021 questionnaire into ``out_dir``."""
    from housing_research.analysis.questionnaire import build_questionnaire

    return StepReport("questionnaire", build_questionnaire(out_dir))


def typology_step(out_dir=None) -> StepReport:
    """Run the typology on the processed tables of ``out_dir`` and write its tables there."""
    from housing_research.analysis.typology_report import build_typology

    return StepReport("typology", build_typology(out_dir))


def _write_text(target: Path, content: str) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != content:
        target.write_text(content, encoding="utf-8", newline="\n")
    return paths.relative(target)


def docs_step(out_dir=None) -> StepReport:
    """Write the codebook, glossary and typology pages into ``out_dir`` (default ``docs``).

    The typology pages (``typology.md``, ``typology.tex``) are drawn from the
    processed typology tables of ``data/processed``.
    """
    from housing_research.analysis.typology_doc import typology_latex, typology_markdown
    from housing_research.coding.codebook_doc import codebook_markdown
    from housing_research.inventory.glossary import glossary_markdown
    from housing_research.tables import read_processed

    classes = read_processed("typology_classes")
    members = read_processed("typology_membership", dtype={"initiative_id": str}, keep_default_na=False)
    pages = {paths.CODEBOOK_DOC: codebook_markdown(), paths.GLOSSARY_DOC: glossary_markdown(),
             paths.TYPOLOGY_DOC: typology_markdown(classes, members),
             paths.TYPOLOGY_TEX: typology_latex(classes, members)}
    written = tuple(_write_text(page if out_dir is None else Path(out_dir) / page.name, content)
                    for page, content in pages.items())
    return StepReport("docs", f"pages written: {', '.join(written)}", written)


def map_step(out_dir=None) -> StepReport:
    """Write the interactive typology map, one self-contained HTML page per language (default ``reports``)."""
    from housing_research.figures.typology_html import write_typology_maps

    written = tuple(paths.relative(p) for p in write_typology_maps(out_dir))
    return StepReport("map", f"interactive typology map written: {', '.join(written)}", written)


def notebooks_step(out_dir=None) -> StepReport:
    """Execute the notebooks in place; their figures go to ``out_dir`` (default ``figures``)."""
    from tqdm import tqdm

    from housing_research.notebooks import execute_notebook, list_notebooks

    notebooks = list_notebooks()
    for path in tqdm(notebooks, desc="notebooks", unit="nb"):
        execute_notebook(path, figures_dir=out_dir)
    return StepReport("notebooks", f"{len(notebooks)} notebooks executed, figures written",
                      tuple(paths.relative(p) for p in notebooks))


def seminar_step(out_dir=None, lang=None) -> StepReport:
    """Write the seminar decks (one PDF per language, or ``lang``'s) from the slide versions into ``out_dir``."""
    from housing_research.figures.deck import build_deck
    from housing_research.i18n import LANGS

    written = [build_deck(one, out_dir=out_dir) for one in ([lang] if lang else LANGS)]
    return StepReport("seminar", "seminar decks written: " + ", ".join(paths.relative(p) for p in written),
                      tuple(paths.relative(p) for p in written))


STEPS: tuple[Step, ...] = (
    Step("clean", "clean and validate the raw inventory (data/processed/inventory.csv)", clean_step,
         paths.PROCESSED),
    Step("code", "code the inventory along the three axes and measure agreement", code_step, paths.PROCESSED),
    Step("suggest", "evaluate the supervised coder (leave one document out) and suggest codes where no human coded",
         suggest_step, paths.PROCESSED),
    Step("questionnaire", "derive the tables of the March 2021 questionnaire", questionnaire_step,
         paths.PROCESSED),
    Step("typology", "run the typology (MCA, clustering, ideal types) and write its tables", typology_step,
         paths.PROCESSED),
    Step("docs", "write docs/codebook.md, glossary.md, typology.md and typology.tex", docs_step, paths.DOCS),
    Step("map", "write the interactive typology map reports/typology_map_<lang>.html", map_step, paths.REPORTS),
    Step("notebooks", "execute the notebooks in place and write every figure", notebooks_step, paths.FIGURES),
    Step("seminar", "write the seminar decks, one PDF per language, from the slide versions", seminar_step,
         paths.DECKS),
)


def run(names: list[str] | None = None, *, echo: Callable[[str], None] = print, out_dir=None,
        inventory=None, sheet=None, lang=None) -> list[StepReport]:
    """Run the named steps (all of them, in order, when ``names`` is None).

    Each step writes into ``out_dir`` when given, else into its default folder;
    ``inventory`` and ``sheet`` choose the raw inventory the ``clean`` step reads, ``lang`` the
    ``seminar`` step's deck (both languages when None).
    """
    reports = []
    for step in (s for s in STEPS if names is None or s.name in names):
        echo(f"[{step.name}] {step.help}")
        options = {"clean": {"inventory": inventory, "sheet": sheet}, "seminar": {"lang": lang}}.get(step.name, {})
        report = step.run(out_dir, **options)
        echo(f"[{step.name}] {report}")
        reports.append(report)
    return reports
