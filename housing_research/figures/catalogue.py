"""The catalogue of figures: id, titles and captions in French and English, notebook, size.

Every figure of the project is described once, in the ``figures`` section of
``housing_research/display_text.yaml``; :data:`FIGURES` holds them as
:class:`FigureSpec` objects and :func:`figure_specs` picks a family's.

Examples
--------
>>> spec = FIGURES["T1"]
>>> spec.notebook, FIGURE_SIZES["T1"]
('02-codage-typologique.ipynb', 'page')
>>> sorted(figure_specs("Q"))
['Q1', 'Q2', 'Q3', 'Q4', 'Q5']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from housing_research.i18n import catalogue, check_lang

_FIGURE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")


@dataclass(frozen=True)
class FigureSpec:
    """What a figure is: its stable id, its titles and captions, its notebook.

    Parameters
    ----------
    figure_id : str
        Stable id cited by papers, letters then digits (``"Q1"``, ``"T3"``).
        It starts the file names, so it holds no underscore or space.
    title_fr, title_en : str
        Title in French and in English.
    caption_fr, caption_en : str
        Caption in French and in English.
    notebook : str
        File name of the notebook that draws the figure.

    Examples
    --------
    >>> spec = FigureSpec("Q1", "Répondants", "Respondents", "Par groupe.", "By group.", "05-q.ipynb")
    >>> spec.title("en"), spec.caption("fr")
    ('Respondents', 'Par groupe.')
    """

    figure_id: str
    title_fr: str
    title_en: str
    caption_fr: str
    caption_en: str
    notebook: str

    def __post_init__(self):
        if not isinstance(self.figure_id, str) or not _FIGURE_ID.match(self.figure_id):
            raise ValueError(
                f"figure id {self.figure_id!r} must be letters then letters or digits, "
                "with no underscore or space (e.g. 'Q1')"
            )
        for name in ("title_fr", "title_en", "caption_fr", "caption_en", "notebook"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"figure {self.figure_id}: {name} must be a non-empty string")

    def title(self, lang: str) -> str:
        """Return the title in ``lang`` (``"fr"`` or ``"en"``)."""
        return getattr(self, f"title_{check_lang(lang)}")

    def caption(self, lang: str) -> str:
        """Return the caption in ``lang`` (``"fr"`` or ``"en"``)."""
        return getattr(self, f"caption_{check_lang(lang)}")



def _load() -> tuple[dict[str, FigureSpec], dict[str, str]]:
    specs, sizes = {}, {}
    for figure_id, node in catalogue()["figures"].items():
        specs[figure_id] = FigureSpec(figure_id, node["title"]["fr"], node["title"]["en"], node["caption"]["fr"],
                                      node["caption"]["en"], node["notebook"])
        sizes[figure_id] = node["size"]
    return specs, sizes


#: Every figure of the project, by id.
FIGURES, FIGURE_SIZES = _load()


def figure_specs(prefix: str) -> dict[str, FigureSpec]:
    """The specs of one family of figures (ids starting with ``prefix``: "C", "T", "M", "V", "Q")."""
    return {k: v for k, v in FIGURES.items() if re.fullmatch(rf"{re.escape(prefix)}\d+", k)}
