"""Labels of the typology map (M2): categories that coincide share a label; a legend moved beside a slide.

Examples
--------
>>> import pandas as pd
>>> cats = pd.DataFrame({"Dim 1": [1.0, 1.01, 3.0], "Dim 2": [0.0, 0.0, 1.0]},
...                     index=pd.MultiIndex.from_tuples([("origin", "bailleur"), ("origin", "tiers"),
...                                                      ("origin", "locataires")]))
>>> list(neighbour_labels(cats, ("Dim 1", "Dim 2"), "en").values())
[['Social landlord', 'Third party (association, company, foundation)'], ['Tenants and inhabitants']]
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from housing_research.figures.text_fit import legend_beside
from housing_research.labels import category_label

#: Categories closer than this share of the map's extent are labelled together.
NEIGHBOUR_SHARE = 0.06


def neighbour_labels(cats: pd.DataFrame, dims, lang: str = "fr") -> dict:
    """The categories' labels grouped by place: categories that almost coincide on the map share one label.

    Returns ``{(x, y): [label, ...]}``, in the order of ``cats`` (most
    contributing first); ``(x, y)`` is where the group's first category sits,
    and a category joins a group when it lies within :data:`NEIGHBOUR_SHARE`
    of the extent of the categories on both axes.

    Examples
    --------
    >>> cats = pd.DataFrame({"Dim 1": [2.50, 2.51, -0.3], "Dim 2": [0.10, 0.11, 1.0]},
    ...                     index=pd.MultiIndex.from_tuples([("animation", "habitants"), ("gestion", "habitants"),
    ...                                                      ("origin", "bailleur")]))
    >>> neighbour_labels(cats, ("Dim 1", "Dim 2"), "en")
    {(2.5, 0.1): ['Running the activities: Inhabitants', 'Management: Inhabitants'], (-0.3, 1.0): ['Social landlord']}
    """
    xy = cats[list(dims)].to_numpy(dtype=float)
    reach = NEIGHBOUR_SHARE * np.maximum(np.ptp(xy, axis=0), 1e-12)
    groups: dict = {}
    for (var, cat), point in zip(cats.index, xy):
        key = next((k for k in groups if np.all(np.abs(np.array(k) - point) <= reach)), None)
        if key is None:
            key = (float(point[0]), float(point[1]))
            groups[key] = []
        groups[key].append(category_label(var, cat, lang))
    return groups


def legend_beside_wrapped(fig, ax, width: int) -> None:
    """Move ``ax``'s legend beside the figure (:func:`legend_beside`), its title and entries wrapped to ``width``."""
    legend = ax.get_legend()
    legend.set_title(textwrap.fill(legend.get_title().get_text(), width))
    for entry in legend.get_texts():
        entry.set_text(textwrap.fill(entry.get_text(), width))
    legend_beside(fig, ax)
    fig.legends[-1].get_title().set_horizontalalignment("left")
