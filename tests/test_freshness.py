"""Committed outputs are up to date with the code and the data.

- The figures that the notebooks wrote during this test session (nbval runs
  the notebooks before this module, with figures redirected to a temporary
  folder by the root ``conftest.py``) are byte-identical to the committed
  ones, and so is the manifest.
- Every figure listed in the committed manifest exists, and every committed
  figure file is listed; the same for the slide versions (``figures/slides``),
  which have their own manifest.
"""

import os
from pathlib import Path

import pytest

from housing_research import paths, read_manifest
from housing_research.notebooks import execute_notebook, list_notebooks

FORMATS = ("pdf", "svg", "png")


def _session_figures() -> Path:
    return Path(os.environ["HOUSING_RESEARCH_FIGURES_DIR"])


@pytest.fixture(scope="module")
def rebuilt_figures(tmp_path_factory):
    """The figures drawn in this session; if nbval did not run, run the notebooks here."""
    folder = _session_figures()
    if not (folder / "manifest.csv").exists():
        folder = tmp_path_factory.mktemp("figures")
        for notebook in list_notebooks():
            copy = folder / notebook.name
            copy.write_bytes(notebook.read_bytes())
            execute_notebook(copy, figures_dir=folder)
    return folder


@pytest.mark.parametrize("folder", [paths.FIGURES, paths.SLIDES], ids=["journal", "slides"])
def test_every_manifest_file_exists(folder):
    manifest = read_manifest(folder)
    assert len(manifest) > 0
    listed = {name for files in manifest["files"] for name in files.split(";")}
    on_disk = {p.name for p in folder.iterdir() if p.suffix.lstrip(".") in FORMATS}
    assert listed == on_disk, f"{paths.relative(folder)}/ and its manifest.csv disagree"
    for lang in ("fr", "en"):
        ids = set(manifest.loc[manifest["lang"] == lang, "figure_id"])
        assert ids == set(manifest["figure_id"]), f"some figures are missing in {lang!r}"


@pytest.mark.parametrize("sub", ["", paths.SLIDES.name], ids=["journal", "slides"])
def test_committed_figures_are_fresh(rebuilt_figures, sub):
    committed_dir, rebuilt = paths.FIGURES / sub, rebuilt_figures / sub
    committed = sorted(p.name for p in committed_dir.iterdir() if p.suffix.lstrip(".") in FORMATS)
    stale = [name for name in committed
             if not (rebuilt / name).exists() or (rebuilt / name).read_bytes() != (committed_dir / name).read_bytes()]
    assert not stale, f"stale figures (run `make`): {stale}"
    assert (rebuilt / "manifest.csv").read_bytes() == (committed_dir / "manifest.csv").read_bytes(), \
        f"{paths.relative(committed_dir / 'manifest.csv')} is stale (run `make`)"


def test_processed_data_is_fresh(tmp_path):
    """Rebuilding the processed tables from the committed raw data gives the committed bytes."""
    from housing_research.inventory.build import build_inventory
    from housing_research.coding.build import build_coded_inventory
    from housing_research.analysis.questionnaire import build_questionnaire
    from housing_research.coding.suggest_build import build_suggestions
    from housing_research.analysis.typology_report import build_typology

    build_inventory(out_dir=tmp_path)
    build_coded_inventory(inventory_path=tmp_path / "inventory.csv", out_dir=tmp_path)
    build_suggestions(tmp_path)
    build_questionnaire(tmp_path)
    build_typology(tmp_path)
    stale = [p.name for p in sorted(tmp_path.glob("*.csv"))
             if p.read_bytes() != (paths.PROCESSED / p.name).read_bytes()]
    assert not stale, f"stale processed tables (run `make`): {stale}"
    committed = {p.name for p in paths.PROCESSED.glob("*.csv")}
    assert committed == {p.name for p in tmp_path.glob("*.csv")}


def test_docs_and_map_are_fresh(tmp_path):
    """The generated pages (codebook, glossary, typology tables, interactive map) match a rebuild."""
    from housing_research.build import docs_step, map_step

    docs_step(tmp_path / "docs")
    map_step(tmp_path / "reports")
    pairs = [(p, paths.DOCS / p.name) for p in (tmp_path / "docs").iterdir()]
    pairs += [(p, paths.REPORTS / p.name) for p in (tmp_path / "reports").iterdir()]
    assert len(pairs) == 6
    stale = [paths.relative(committed) for rebuilt, committed in pairs
             if not committed.exists() or rebuilt.read_bytes() != committed.read_bytes()]
    assert not stale, f"stale generated pages (run `make`): {stale}"
