"""Tables for the multivariate analysis of the typology.

The coded inventory (:func:`housing_research.code`) has one row per
initiative and period, with set-valued origin and registers. The multiple
correspondence analysis needs one categorical value per cell; this module
builds:

- :func:`active_table` — the three axes as active variables: ``origin`` (one
  category; a joint origin keeps its parties, named in codebook order as in
  ``bailleur+tiers``), the four institutionalisation dimensions (or the overall
  level), and one ``oui``/``non`` variable per core register;
- :func:`passive_categories` — the categories made passive in a specific MCA
  (FactoMineR's ``excl``): the ``non`` of every register (an initiative is
  characterised by the registers it has, not by the many it lacks, and this
  keeps the multi-label axis from outweighing the single-label ones) and
  ``inconnu`` (no evidence is not a property of the initiative);
- :func:`supplementary_table` — supplementary variables: Covid status, main
  region, first source document, main theme, pole class (to place the two
  poles on the map), and the quantitative year and pole score.

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({
...     "initiative_id": ["I000-001", "I000-002"], "period": ["principal"] * 2,
...     "origin": ["bailleur", "bailleur; locataires"],
...     "animation": ["institution", "habitants"], "gestion": ["institution", "partage"],
...     "decision": ["inconnu", "habitants"], "financement": ["institution", "institution"],
...     "institutionalisation_level": ["fort", "moyen"],
...     "register": ["partenariat", "entraide; mobilisation"]})
>>> active = active_table(coded)
>>> active.loc["I000-002", ["origin", "reg_entraide", "reg_partenariat"]].tolist()
['locataires+bailleur', 'oui', 'non']
"""

from __future__ import annotations

import pandas as pd

from housing_research.coding.codebook import DIMENSIONS, codebook
from housing_research.labels import NO, NOT_STATED, REGISTER_PREFIX, YES
from housing_research.text import split_multi


def core_registers() -> tuple[str, ...]:
    """The six core action registers, in codebook order."""
    return codebook().core_registers()


def _one_period(coded: pd.DataFrame, period: str) -> pd.DataFrame:
    if "period" in coded.columns:
        coded = coded[coded["period"] == period]
    if coded["initiative_id"].duplicated().any():
        dup = coded.loc[coded["initiative_id"].duplicated(), "initiative_id"].iloc[0]
        raise ValueError(f"initiative {dup!r} appears twice for period {period!r}")
    return coded.set_index("initiative_id")


#: Joins the parties of a joint origin in one category of the MCA.
JOINT_SEP = "+"


def single_origin(cell) -> str:
    """One origin category: the code itself, its parties joined by ``+`` when joint, ``inconnu`` for none.

    Examples
    --------
    >>> single_origin("locataires"), single_origin("tiers; bailleur"), single_origin("")
    ('locataires', 'bailleur+tiers', 'inconnu')
    """
    cb = codebook()
    codes = [c for c in cb.codes("origin") if c in set(split_multi(cell))]
    return JOINT_SEP.join(codes) if codes else cb.unknown


def active_table(coded: pd.DataFrame, period: str = "principal", institutionalisation: str = "dimensions") -> pd.DataFrame:
    """The active variables of the MCA, one row per initiative.

    Parameters
    ----------
    coded : DataFrame
        The coded inventory (one row per initiative and period).
    period : str
        Which coding to analyse (``principal`` by default).
    institutionalisation : {"dimensions", "level"}
        The four dimensions as four variables, or the overall level as one.

    Returns
    -------
    DataFrame of str
        Indexed by ``initiative_id``; columns ``origin``, the dimensions (or
        ``level``), then ``reg_<register>`` for each core register.
    """
    if institutionalisation not in ("dimensions", "level"):
        raise ValueError("institutionalisation must be 'dimensions' or 'level'")
    table = _one_period(coded, period)
    out = pd.DataFrame(index=table.index)
    out["origin"] = table["origin"].map(single_origin)
    if institutionalisation == "dimensions":
        for dim in DIMENSIONS:
            out[dim] = table[dim].fillna(codebook().unknown).astype(str)
    else:
        out["level"] = table["institutionalisation_level"].fillna(codebook().unknown).astype(str)
    registers = table["register"].map(split_multi)
    for reg in core_registers():
        out[REGISTER_PREFIX + reg] = registers.map(lambda codes, reg=reg: YES if reg in codes else NO)
    return out.astype(str)


def passive_categories(active: pd.DataFrame) -> list[tuple[str, str]]:
    """Categories made passive in the specific MCA: registers' ``non`` and every ``inconnu``.

    Only categories present in ``active`` are listed, as (variable, category) pairs.

    Examples
    --------
    >>> df = pd.DataFrame({"origin": ["bailleur", "inconnu"], "reg_entraide": ["oui", "non"]})
    >>> passive_categories(df)
    [('origin', 'inconnu'), ('reg_entraide', 'non')]
    """
    unknown = codebook().unknown
    out = []
    for column in active.columns:
        values = set(active[column])
        if unknown in values:
            out.append((column, unknown))
        if column.startswith(REGISTER_PREFIX) and NO in values:
            out.append((column, NO))
    return out


def _main(cell) -> str:
    parts = split_multi(cell)
    return parts[0] if parts else NOT_STATED


def supplementary_table(coded: pd.DataFrame, inventory: pd.DataFrame, period: str = "principal") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Supplementary qualitative and quantitative variables, aligned on the active table.

    Parameters
    ----------
    coded : DataFrame
        The coded inventory.
    inventory : DataFrame
        The cleaned inventory (``initiative_id``, ``covid_status``, ``regions``,
        ``source_docs``, ``themes``, ``year_start``).
    period : str
        The coding period analysed.

    Returns
    -------
    qualitative : DataFrame of str
        ``pole``, ``covid``, ``region``, ``document``, ``theme`` (missing values
        as ``non_renseigne``, Covid status missing as ``sans_information``).
    quantitative : DataFrame of float
        ``pole_score`` and ``year`` (missing years are left missing).
    """
    table = _one_period(coded, period)
    inv = inventory.set_index("initiative_id").reindex(table.index)
    quali = pd.DataFrame(index=table.index)
    quali["pole"] = table["pole_class"].fillna(codebook().unknown).astype(str)
    quali["covid"] = inv["covid_status"].fillna("").astype(str).replace("", "sans_information")
    quali["region"] = inv["regions"].map(_main)
    quali["document"] = inv["source_docs"].map(lambda c: "doc_" + _main(c))
    quali["theme"] = inv["themes"].map(_main)
    quanti = pd.DataFrame(index=table.index)
    quanti["pole_score"] = pd.to_numeric(table["pole_score"], errors="coerce")
    quanti["year"] = pd.to_numeric(inv["year_start"], errors="coerce")
    return quali.astype(str), quanti.astype(float)
