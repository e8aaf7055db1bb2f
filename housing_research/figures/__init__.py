"""Every figure of the project, in French and English, and how it is saved.

- :mod:`~.style` — palette, markers, hatches, sizes and :func:`theme`;
- :mod:`~.catalogue` — :class:`FigureSpec` and the catalogue of figures
  (titles, captions, notebook, size), read from ``display_text.yaml``;
- :mod:`~.checksum` — stable (rounded) data and the manifest's checksum;
- :mod:`~.layout_check` — clipped, overlapping, too small text, decimal points in French;
- :mod:`~.text_fit` and :mod:`~.ticks` — making text fit, at journal and slide sizes;
- :mod:`~.output` — :func:`save_figure`, the manifest, :func:`draw_and_save` (with slide versions);
- :mod:`~.deck` — the seminar decks, one PDF per language;
- one module per family: :mod:`~.corpus` (C1-C4), :mod:`~.coding` (T1-T4),
  :mod:`~.typology` (M1-M5), :mod:`~.trajectories` (V1-V2),
  :mod:`~.questionnaire` (Q1-Q5), :mod:`~.maps` (G1, regions) and :mod:`~.grid`
  (D1, the coding grid);
- :mod:`~.typology_html` — the interactive typology map (self-contained HTML).

Figure modules may import every other layer; nothing below imports them.
"""

from housing_research.figures.catalogue import FIGURES, FigureSpec
from housing_research.figures.checksum import data_checksum
from housing_research.figures.output import draw_and_save, read_manifest, save_figure
from housing_research.figures.style import theme

__all__ = ["FIGURES", "FigureSpec", "data_checksum", "draw_and_save", "read_manifest", "save_figure", "theme"]
