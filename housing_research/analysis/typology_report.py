"""The typology as tables: one row per ideal type, and which initiative falls in which class.

:func:`class_table` summarises each class of :func:`~housing_research.analysis.typology.analyse_typology`
as an ideal type: its names in French and English, its size, its mean pole
score, its bootstrap stability, the categories that define it (the active
categories most over-represented in it, by catdes v-test) and its first
paragons as examples. :func:`membership_table` lists every initiative of the
analysis with its carrier, its class and its place on the first MCA plane.
:func:`build_typology` is the pipeline step ``typology``: it runs the analysis
on the processed tables and writes both tables.

Examples
--------
>>> import tempfile
>>> build_typology(tempfile.mkdtemp())  # doctest: +SKIP
'typology_classes.csv (6 ideal types), typology_membership.csv (132 initiatives), typology_axes.csv'
"""

from __future__ import annotations

import pandas as pd

from housing_research import paths
from housing_research.analysis.typology import TypologyResult, analyse_typology
from housing_research.i18n import LANGS
from housing_research.labels import NO, category_label
from housing_research.tables import read_processed, write_table

#: Defining categories kept per class.
N_DEFINING = 4
#: Example initiatives (paragons) kept per class.
N_EXAMPLES = 3
#: Categories that never define a class: the absence of a register and missing evidence.
NOT_DEFINING = (f"={NO}", "=inconnu")


def defining_categories(result: TypologyResult, cluster: int, n: int = N_DEFINING) -> list[tuple[str, str]]:
    """The ``n`` active categories most over-represented in ``cluster`` (positive catdes v-test).

    A register's "non" and the "inconnu" categories are left out: they say
    what a class lacks or what the documents do not say.

    Returns
    -------
    list of (variable, category)
        In decreasing order of v-test.
    """
    table = result.description.category.get(cluster, pd.DataFrame(columns=["v.test"]))
    active = set(result.active.columns)
    out = []
    for label, vtest in table["v.test"].items():
        variable, _, category = label.partition("=")
        if vtest > 0 and variable in active and not label.endswith(NOT_DEFINING):
            out.append((variable, category))
    return out[:n]


def first_paragons(result: TypologyResult, cluster: int, n: int = N_EXAMPLES) -> list[str]:
    """The ``n`` initiatives closest to the centre of ``cluster``; ties (to 1e-9) broken by id.

    Rounding the distances first keeps the last bits of a floating-point
    result from reordering tied paragons between machines.
    """
    distance = result.hcpc.paragons_[cluster].round(9)
    frame = pd.DataFrame({"distance": distance.to_numpy(), "id": distance.index.astype(str)})
    return frame.sort_values(["distance", "id"], kind="stable")["id"].head(n).tolist()


def class_table(result: TypologyResult, inventory: pd.DataFrame) -> pd.DataFrame:
    """One row per ideal type: names, size, pole score, stability, defining categories, examples.

    Parameters
    ----------
    result : TypologyResult
        The typology analysis.
    inventory : DataFrame
        The cleaned inventory (for the names of the example initiatives).

    Returns
    -------
    DataFrame
        Columns ``cluster``, ``name_fr``, ``name_en``, ``n``, ``pole_score``,
        ``pole_class``, ``mean_jaccard`` (bootstrap stability),
        ``defining`` (``variable=category`` codes joined by ``; ``),
        ``defining_fr``, ``defining_en`` (their labels), ``example_ids`` and
        ``example_names`` (the class's first paragons, joined by ``; ``).
    """
    names = inventory.set_index("initiative_id")["name"]
    ideal = result.ideal_types
    rows = []
    for k in ideal.index:
        cats = defining_categories(result, k)
        examples = first_paragons(result, k)
        row = {"cluster": int(k), "name_fr": ideal.loc[k, "name_fr"], "name_en": ideal.loc[k, "name_en"],
               "n": int(ideal.loc[k, "size"]), "pole_score": float(ideal.loc[k, "pole_score"]),
               "pole_class": ideal.loc[k, "pole_class"], "mean_jaccard": float(ideal.loc[k, "mean_jaccard"]),
               "defining": "; ".join(f"{v}={c}" for v, c in cats)}
        for lang in LANGS:
            row[f"defining_{lang}"] = "; ".join(category_label(v, c, lang) for v, c in cats)
        row["example_ids"] = "; ".join(examples)
        row["example_names"] = "; ".join(str(names.get(i, i)) for i in examples)
        rows.append(row)
    return pd.DataFrame(rows)


def membership_table(result: TypologyResult, inventory: pd.DataFrame) -> pd.DataFrame:
    """Every initiative of the analysis: name, carrier, class and coordinates on the first plane.

    Returns
    -------
    DataFrame
        Columns ``initiative_id``, ``name``, ``carrier``, ``cluster``,
        ``dim_1``, ``dim_2`` (MCA row coordinates), in the order of the
        analysis.
    """
    info = inventory.set_index("initiative_id").reindex(result.clusters.index)
    coords = result.mca.row_coordinates_
    return pd.DataFrame({
        "initiative_id": result.clusters.index.astype(str),
        "name": info["name"].fillna("").to_numpy(),
        "carrier": info["carrier"].fillna("").to_numpy(),
        "cluster": result.clusters.astype(int).to_numpy(),
        "dim_1": coords["Dim 1"].astype(float).to_numpy(),
        "dim_2": coords["Dim 2"].astype(float).to_numpy(),
    })


def axes_table(result: TypologyResult) -> pd.DataFrame:
    """The dimensions kept by the MCA: ``dimension`` (1, 2, ...), ``eigenvalue``, ``percentage`` of inertia."""
    eig = result.mca.eigenvalues_.head(result.mca.n_components)
    return pd.DataFrame({"dimension": range(1, len(eig) + 1), "eigenvalue": eig["eigenvalue"].to_numpy(),
                         "percentage": eig["percentage"].to_numpy()})


def build_typology(directory=None) -> str:
    """Run the typology on the processed tables of ``directory`` and write its two tables there.

    Reads ``coded_inventory.csv`` and ``inventory.csv`` from ``directory``
    (default ``data/processed``) and writes ``typology_classes.csv``
    (:func:`class_table`) and ``typology_membership.csv``
    (:func:`membership_table`) and ``typology_axes.csv`` (:func:`axes_table`) beside them.

    Returns
    -------
    str
        A one-line summary.
    """
    coded = read_processed("coded_inventory", directory, dtype={"initiative_id": str})
    inventory = read_processed("inventory", directory, dtype=str)
    result = analyse_typology(coded, inventory)
    classes = class_table(result, inventory)
    members = membership_table(result, inventory)
    write_table(classes, paths.processed("typology_classes", directory))
    write_table(members, paths.processed("typology_membership", directory))
    write_table(axes_table(result), paths.processed("typology_axes", directory))
    return (f"typology_classes.csv ({len(classes)} ideal types), "
            f"typology_membership.csv ({len(members)} initiatives), typology_axes.csv")
