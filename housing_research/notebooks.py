"""Execute the project's notebooks in place, deterministically.

The notebooks in ``notebooks/`` are executed top to bottom in a fresh kernel,
with their outputs stored in the file, so that ``pytest --nbval`` can check
that a re-run gives the same outputs. Execution metadata that varies from run
to run (timings, kernel versions) is not recorded.

Examples
--------
>>> [p.name for p in list_notebooks()][:1]  # doctest: +SKIP
['01-inventaire-et-nettoyage.ipynb']
"""

from __future__ import annotations

import os
from pathlib import Path

from housing_research import paths


def list_notebooks(directory: Path | None = None) -> list[Path]:
    """Return the numbered notebooks (``NN-*.ipynb``) in execution order."""
    directory = Path(directory) if directory is not None else paths.NOTEBOOKS
    return sorted(p for p in directory.glob("[0-9][0-9]-*.ipynb"))


def execute_notebook(path: Path, *, timeout: int = 600, figures_dir: Path | None = None) -> Path:
    """Execute one notebook in a fresh kernel and store its outputs in place.

    Parameters
    ----------
    path : Path
        The notebook to execute.
    timeout : int
        Seconds allowed for each cell.
    figures_dir : Path, optional
        Where the notebook's figures go (sets ``HOUSING_RESEARCH_FIGURES_DIR``
        for the kernel); default: ``figures/``.

    Returns
    -------
    Path
        The executed notebook's path.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    previous = os.environ.get("HOUSING_RESEARCH_FIGURES_DIR")
    if figures_dir is not None:
        os.environ["HOUSING_RESEARCH_FIGURES_DIR"] = str(figures_dir)
    try:
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            record_timing=False,
        )
        client.execute()
    finally:
        if figures_dir is not None:
            if previous is None:
                os.environ.pop("HOUSING_RESEARCH_FIGURES_DIR", None)
            else:
                os.environ["HOUSING_RESEARCH_FIGURES_DIR"] = previous
    _strip_volatile_metadata(nb)
    nbformat.write(nb, path)
    return path


def _strip_volatile_metadata(nb) -> None:
    """Drop metadata that changes between machines or runs."""
    nb.metadata.pop("widgets", None)
    info = nb.metadata.get("language_info")
    if info is not None:
        info.pop("version", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
