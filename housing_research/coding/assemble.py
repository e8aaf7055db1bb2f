"""The coded table: manual codes first, derived codes where no human has coded.

:func:`code` runs the rule-based coder (:func:`housing_research.coding.coder.derive`)
and :func:`assemble` merges its codes with the team's manual codes (the manual
code wins where it exists), then adds the institutionalisation degree and level,
one 0/1 column per register, and the pole score and class
(:mod:`housing_research.coding.scores`).

- **Periods.** Derived codes describe the ``principal`` period. A manual code
  for ``debut`` or ``covid`` creates a row for that period; its axes without a
  manual code for that period repeat the principal codes, with evidence
  prefixed by ``(principal)``.

Examples
--------
>>> import pandas as pd
>>> from housing_research import code
>>> clean = pd.DataFrame({
...     "initiative_id": ["I000-001"], "name": ["Courses solidaires"],
...     "description": ["Des voisins font les courses pour les aînés."],
...     "started_by": ["l'amicale"], "animated_by": ["des locataires bénévoles"],
...     "managed_by": ["l'amicale"], "decided_by": [""], "funded_by": ["le bailleur"]})
>>> row = code(clean, organisations=pd.DataFrame()).iloc[0]
>>> row["origin"], row["origin_evidence"]
('locataires', 'started_by: amicale*')
>>> row["institutionalisation_level"], row["pole_class"]
('faible', 'initiative_habitante')
"""

from __future__ import annotations

import pandas as pd

from housing_research.coding.codebook import DIMENSIONS, MANUAL_AXES, MULTI_AXES, PERIODS, Codebook, codebook
from housing_research.coding.coder import derive
from housing_research.coding.final_codes import resolve
from housing_research.coding.scores import institutionalisation, pole
from housing_research.inventory.reference import load_organisations
from housing_research.text import MULTI_SEP

#: Separator of several evidence items in one cell.
EVIDENCE_SEP = " | "


def _cell(codes, evidence, source, basis=""):
    return {"codes": list(codes), "evidence": EVIDENCE_SEP.join(evidence), "source": source, "basis": basis}


_INFERRED_FIELDS = {"carrier": "O-CARRIER", "carrier_kinds": "O-CARRIER"}


def _derived_basis(axis: str, evidence: dict) -> str:
    rules = []
    for item in evidence:
        field, _, indicator = item.partition(": ")
        if field == "rule":
            rules.append(indicator.split(":")[0].split(" + ")[0])
        elif field in _INFERRED_FIELDS and axis == "origin":
            rules.append(_INFERRED_FIELDS[field])
    if rules:
        return "inferred: " + "; ".join(dict.fromkeys(rules))
    return "stated" if evidence else ""


def _derived_cells(derived: pd.DataFrame) -> dict:
    grouped: dict = {}
    columns = [derived[c].tolist() for c in ("initiative_id", "axis", "code", "field", "indicator")]
    for iid, axis, code, field, indicator in zip(*columns):
        codes, evidence = grouped.setdefault((iid, axis), ({}, {}))
        codes.setdefault(code, None)
        if field:
            evidence.setdefault(f"{field}: {indicator}", None)
    return {key: _cell(list(codes), list(evidence), "derived", _derived_basis(key[1], evidence))
            for key, (codes, evidence) in grouped.items()}


def _manual_basis(group: pd.DataFrame) -> str:
    inferred = [r for b, r in zip(group["basis"], group["rule"]) if b == "inferred" and r]
    if inferred:
        return "inferred: " + "; ".join(dict.fromkeys(inferred))
    return "stated" if (group["basis"] == "stated").any() else ""


def _manual_cells(final: pd.DataFrame) -> dict:
    cells = {}
    for (iid, period, axis), group in final.groupby(["initiative_id", "period", "axis"], sort=False):
        first = group.iloc[0]
        who = first["decided_by"] if first["status"] == "adjudicated" else first["coders"]
        evidence = [f"manual ({first['status']}, {who}): " + " / ".join(dict.fromkeys(group["justification"]))]
        cells[(iid, period, axis)] = _cell(list(dict.fromkeys(group["code"])), evidence, "manual",
                                           _manual_basis(group))
    return cells


def code(clean: pd.DataFrame, organisations: pd.DataFrame | None = None,
         manual: pd.DataFrame | None = None, cb: Codebook | None = None,
         adjudication: pd.DataFrame | None = None) -> pd.DataFrame:
    """Code every initiative (and coded period) along the three axes.

    Parameters
    ----------
    clean : DataFrame
        Cleaned inventory (``initiative_id`` plus the descriptive fields).
    organisations : DataFrame, optional
        Organisation reference table; by default ``data/reference/organisations.csv``
        when it exists. Pass an empty DataFrame to use the indicators alone.
    manual : DataFrame, optional
        Manual codes as returned by :func:`housing_research.read_manual_codes`
        (columns initiative_id, period, axis, code, coder, date, justification).
        Each coder's latest coding counts; coders who disagree are resolved by
        ``adjudication`` (:func:`housing_research.coding.final_codes.resolve`),
        and a disagreement left unresolved is coded ``inconnu``.
    cb : Codebook, optional

    Returns
    -------
    DataFrame
        One row per initiative and period (``principal`` for every initiative,
        plus ``debut``/``covid`` where the manual table codes them), sorted by
        initiative and period order, with columns

        - ``initiative_id``, ``period``;
        - for each of origin, animation, gestion, decision, financement and
          register: the final code(s) (several joined by ``"; "``),
          ``<axis>_source`` (``manual`` or ``derived``), ``<axis>_basis``
          (``stated``, or ``inferred: <rule ids>``; empty for ``inconnu``) and ``<axis>_evidence``
          (``"field: indicator"`` items joined by ``" | "``; empty for ``inconnu``);
        - ``institutionalisation_degree`` (float in [0, 1]) and
          ``institutionalisation_level``;
        - ``register_<code>``: 0/1 for each register;
        - ``pole_score`` (float in [-1, 1]) and ``pole_class``;
        - ``codebook_version``.

    Examples
    --------
    >>> import pandas as pd
    >>> clean = pd.DataFrame({"initiative_id": ["I003-001"],
    ...     "name": ["Appels aux aînés"], "started_by": ["le bailleur"],
    ...     "description": ["Les gardiens appellent les locataires isolés."]})
    >>> row = code(clean, organisations=pd.DataFrame()).iloc[0]
    >>> row["origin"], row["register"], row["pole_class"]
    ('bailleur', 'accompagnement', 'dispositif')
    """
    cb = cb or codebook()
    if organisations is None:
        organisations = load_organisations()
    return assemble(derive(clean, organisations, cb), manual, cb, adjudication)


def assemble(derived: pd.DataFrame, manual: pd.DataFrame | None = None,
             cb: Codebook | None = None, adjudication: pd.DataFrame | None = None) -> pd.DataFrame:
    """Build the coded table from derived codes (:func:`derive`) and manual codes.

    This is the second half of :func:`code`, for callers that also need the
    long table of derived codes (the build step) and should not derive twice.

    Examples
    --------
    >>> import pandas as pd
    >>> derived = derive(pd.DataFrame({"initiative_id": ["I000-001"],
    ...                                "funded_by": ["la ville"]}))
    >>> assemble(derived).loc[0, ["financement", "institutionalisation_level"]].tolist()
    ['institution', 'inconnu']
    """
    cb = cb or codebook()
    derived_cells = _derived_cells(derived)
    manual_cells = _manual_cells(resolve(manual, adjudication)[0])
    ids = list(dict.fromkeys(derived["initiative_id"].astype(str)))
    units = {(iid, "principal") for iid in ids}
    units |= {(iid, period) for iid, period, _ in manual_cells}
    order = {p: i for i, p in enumerate(PERIODS)}
    rows = []
    for iid, period in sorted(units, key=lambda u: (u[0], order[u[1]])):
        out = {"initiative_id": iid, "period": period}
        for axis in MANUAL_AXES:
            cell = _final_cell(iid, period, axis, manual_cells, derived_cells)
            codes = [c for c in cb.codes(axis) if c in cell["codes"]] if axis in MULTI_AXES else cell["codes"]
            out[axis] = MULTI_SEP.join(codes or [cb.unknown])
            out[f"{axis}_source"] = cell["source"]
            out[f"{axis}_evidence"] = cell["evidence"]
            out[f"{axis}_basis"] = cell["basis"] if out[axis] != cb.unknown else ""
        rows.append(_with_scores(out, cb))
    return pd.DataFrame(rows, columns=_columns(cb))


def _final_cell(iid, period, axis, manual_cells, derived_cells) -> dict:
    """The manual cell of this period, else (principal period) the derived one, else the principal repeated."""
    cell = (manual_cells.get((iid, period, axis))
            or (derived_cells.get((iid, axis)) if period == "principal" else None))
    if cell is not None:
        return cell
    base = manual_cells.get((iid, "principal", axis)) or derived_cells[(iid, axis)]
    evidence = EVIDENCE_SEP.join(f"(principal) {e}" for e in base["evidence"].split(EVIDENCE_SEP) if e)
    return {**base, "evidence": evidence}


def _with_scores(out: dict, cb: Codebook) -> dict:
    """Add degree, level, register indicators, pole score and class, codebook version to a coded row."""
    degree, level = institutionalisation([out[d] for d in DIMENSIONS], cb)
    out["institutionalisation_degree"] = degree
    out["institutionalisation_level"] = level
    registers = out["register"].split(MULTI_SEP)
    for reg in cb.codes("register"):
        out[f"register_{reg}"] = int(reg in registers)
    out["pole_score"], out["pole_class"] = pole({d: out[d] for d in DIMENSIONS}, cb)
    out["codebook_version"] = cb.version
    return out


def _columns(cb: Codebook) -> list[str]:
    """Columns of the coded table, in order."""
    per_axis = [c for axis in MANUAL_AXES for c in (axis, f"{axis}_source", f"{axis}_basis", f"{axis}_evidence")]
    return ["initiative_id", "period", *per_axis, "institutionalisation_degree",
            "institutionalisation_level", *(f"register_{r}" for r in cb.codes("register")),
            "pole_score", "pole_class", "codebook_version"]
