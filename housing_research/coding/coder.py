"""The rule-based coder: codes and their evidence from the descriptive fields.

:func:`derive` reads the descriptive fields of the cleaned inventory and
produces, for every initiative, the codes that the codebook's indicators and
the organisation reference table support, each with its evidence (the field
and the indicator that produced it). It never guesses: an axis without
evidence and without an applicable decision rule is ``inconnu``.

- **Actors.** A who-field (``started_by``, ``animated_by``, ``managed_by``,
  ``decided_by``, ``funded_by``) is read for organisation names and aliases of
  the reference table (coded by their kind) and for the origin indicators of
  the codebook; overlapping matches go to the longest.
- **Origin.** The actors of ``started_by``; if it names none, the actors that
  follow a trigger phrase of the description ("à l'initiative de ..."); if
  still none, the actors of ``carrier`` (parenthesised remarks left out), then
  the organisation kinds of ``carrier_kinds``. Several actors = joint origin.
- **Dimensions.** Only inhabitants: ``habitants``; only institutions:
  ``institution``; both: ``partage``. A dimension the who-fields leave
  silent gets the code of a decision rule of the codebook when one applies
  (:mod:`housing_research.coding.inference`; evidence field ``rule``), else
  ``inconnu``.
- **Registers.** Every register whose indicator appears in ``name`` or
  ``description``.

Examples
--------
>>> import pandas as pd
>>> clean = pd.DataFrame({"initiative_id": ["I000-001"], "managed_by": ["la ville"]})
>>> d = derive(clean)
>>> d.loc[d.axis == "gestion", ["code", "field", "indicator"]].values.tolist()
[['institution', 'managed_by', 'ville']]
"""

from __future__ import annotations

import re

import pandas as pd

from housing_research.coding.codebook import Codebook, codebook
from housing_research.coding.indicators import actor_matcher, clauses_after_triggers, register_matcher
from housing_research.coding.inference import infer_dimensions
from housing_research.text import is_missing

_PARENTHESES = re.compile(r"\([^)]*\)")


def _ordered(codes, order) -> list[str]:
    return [c for c in order if c in set(codes)]


def _dimension_code(actor_codes) -> str | None:
    actor_codes = set(actor_codes)
    if not actor_codes:
        return None
    if actor_codes == {"locataires"}:
        return "habitants"
    return "partage" if "locataires" in actor_codes else "institution"


def _text(row, column) -> str:
    value = row.get(column, "")
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def derive(clean: pd.DataFrame, organisations: pd.DataFrame | None = None,
           cb: Codebook | None = None) -> pd.DataFrame:
    """Derive codes and their evidence from the descriptive fields.

    Parameters
    ----------
    clean : DataFrame
        Cleaned inventory with ``initiative_id`` and the descriptive fields
        (``started_by``, ``animated_by``, ``managed_by``, ``decided_by``,
        ``funded_by``, ``name``, ``description``, ``carrier``,
        ``carrier_kinds``); missing fields count as empty.
    organisations : DataFrame, optional
        Organisation reference table (``name``, ``aliases``, ``kind``); None or
        empty means indicators only.
    cb : Codebook, optional

    Returns
    -------
    DataFrame
        Long table, one row per initiative, axis, code and piece of evidence:
        ``initiative_id``, ``period`` (always ``principal``), ``axis``, ``code``,
        ``field``, ``indicator``. Axes without evidence get one row with code
        ``inconnu`` and empty field and indicator.

    Examples
    --------
    >>> import pandas as pd
    >>> clean = pd.DataFrame({"initiative_id": ["I000-001"], "managed_by": ["la ville"]})
    >>> d = derive(clean)
    >>> d.loc[d.axis == "gestion", ["code", "field", "indicator"]].values.tolist()
    [['institution', 'managed_by', 'ville']]
    """
    cb = cb or codebook()
    actors, registers = actor_matcher(cb, organisations), register_matcher(cb)
    kinds = cb.kind_to_origin()
    rows = []
    for row in clean.to_dict("records"):
        iid = row["initiative_id"]
        origin = _origin_evidence(row, actors, cb, kinds)
        rows += _axis_rows(iid, "origin", origin, cb.codes("origin"), cb)
        stated, found_by_dim = {}, {}
        for dim in cb.dimensions:
            found = actors.find(_text(row, dim.field))
            dim_code = _dimension_code(c for c, _ in found)
            if dim_code is not None:
                stated[dim.code], found_by_dim[dim.code] = dim_code, found
        text = f"{_text(row, 'name')}. {_text(row, 'description')}"
        inferred = infer_dimensions(text, {c for c, _, _ in origin}, stated, cb)
        for dim in cb.dimensions:
            if dim.code in stated:
                rows += [(iid, "principal", dim.code, stated[dim.code], dim.field, lab) for _, lab in found_by_dim[dim.code]]
            elif dim.code in inferred:
                rows.append((iid, "principal", dim.code, inferred[dim.code][0], "rule", inferred[dim.code][1]))
            else:
                rows.append((iid, "principal", dim.code, cb.unknown, "", ""))
        evidence = [(c, fld, lab) for fld in ("name", "description") for c, lab in registers.find(_text(row, fld))]
        rows += _axis_rows(iid, "register", evidence, cb.codes("register"), cb)
    return pd.DataFrame(rows, columns=["initiative_id", "period", "axis", "code", "field",
                                       "indicator"]).astype(str)


def _origin_evidence(row, actors, cb: Codebook, kinds) -> list[tuple[str, str, str]]:
    """(code, field, label) of the origin: started_by, trigger clauses, carrier, carrier kinds, in turn."""
    evidence = [(c, "started_by", lab) for c, lab in actors.find(_text(row, "started_by"))]
    if not evidence:
        for trigger, clause in clauses_after_triggers(_text(row, "description"), cb.origin_triggers):
            evidence += [(c, "description", f"{trigger} + {lab}") for c, lab in actors.find(clause)]
    if not evidence:
        carrier = _PARENTHESES.sub(" ", _text(row, "carrier"))
        evidence = [(c, "carrier", lab) for c, lab in actors.find(carrier)]
    if not evidence:
        listed = [k.strip() for k in _text(row, "carrier_kinds").split(";")]
        evidence = [(kinds[k], "carrier_kinds", k) for k in dict.fromkeys(listed) if k in kinds]
    return evidence


def _axis_rows(iid, axis, evidence, order, cb: Codebook) -> list[tuple]:
    """Long rows of a multi-code axis, codes in codebook order; ``inconnu`` without evidence."""
    rows = [(iid, "principal", axis, code, fld, lab)
            for code in _ordered([e[0] for e in evidence], order)
            for c, fld, lab in evidence if c == code]
    return rows or [(iid, "principal", axis, cb.unknown, "", "")]
