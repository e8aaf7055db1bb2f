"""The columns of a coder sheet: what each holds, its header in French or English, its choices.

A coder sheet (:mod:`housing_research.coding.sheets`) has one row per
initiative and these columns, in order:

- five columns describing the initiative, never to be edited: id, name,
  description, carrier, source (document and section);
- for each period (:data:`SHEET_PERIODS`: ``principal`` first, then
  ``debut`` and ``covid``) and each axis coded
  in it (origin in the ``principal`` period only, rule O-FIXED; the four
  dimensions; the registers), a **group** of columns:

  - the code: one column for a dimension (one code per coding); for origin
    and register, which take several codes, :data:`SLOTS` columns
    ("Registre 1", "Registre 2"...) each holding one code, filled from the
    left;
  - the basis (``stated`` / ``inferred``), the decision rule (an id of the
    codebook's rules for that axis, required when the basis is inferred)
    and the justification, shared by the codes of the group.

Every code, basis and rule cell offers a drop-down list of the codebook's
choices. A period left empty is not coded; ``debut`` and ``covid`` are
filled only when the initiative was different then.

Examples
--------
>>> from housing_research.coding.codebook import codebook
>>> columns = sheet_columns(codebook(), "en")
>>> [c.header for c in columns[:2]], columns[5].header, columns[5].choices[:2]
(['Id', 'Name'], 'Functioning described · Origin 1', ('locataires', 'bailleur'))
>>> [c.key for c in columns if c.period == "principal" and c.axis == "gestion"]
['principal/gestion/code', 'principal/gestion/basis', 'principal/gestion/rule', 'principal/gestion/justification']
"""

from __future__ import annotations

from dataclasses import dataclass

from housing_research.coding.codebook import MANUAL_AXES, MULTI_AXES, PERIODS, Codebook
from housing_research.coding.manual_codes import BASES
from housing_research.i18n import text

#: Columns describing the initiative, in order, and the inventory column each comes from.
INFO_COLUMNS: dict[str, str] = {"initiative_id": "initiative_id", "name": "name", "description": "description",
                                "carrier": "carrier", "source": "source_sections"}
#: Periods in the order of the sheet: the functioning described first, then the changes.
SHEET_PERIODS: tuple[str, ...] = ("principal", *(p for p in PERIODS if p != "principal"))
#: Code columns of the axes that take several codes.
SLOTS: dict[str, int] = {"origin": 3, "register": 4}
#: Width of each kind of column, in characters.
WIDTH: dict[str, int] = {"initiative_id": 11, "name": 30, "description": 60, "carrier": 20, "source": 24,
                         "code": 16, "basis": 11, "rule": 12, "justification": 30}


@dataclass(frozen=True)
class SheetColumn:
    """One column of a coder sheet.

    Attributes
    ----------
    key : str
        Stable name: an info column's name, or ``period/axis/role`` with role
        ``code``, ``code2``... (slots), ``basis``, ``rule`` or ``justification``.
    header : str
        What the sheet shows in row 1, in the sheet's language.
    role : str
        ``info``, ``code``, ``basis``, ``rule`` or ``justification``.
    period, axis : str or None
        The coded moment and axis (None for the info columns).
    choices : tuple of str
        Values of the drop-down list (empty: free text).
    width : int
        Column width in characters.
    """

    key: str
    header: str
    role: str
    period: str | None = None
    axis: str | None = None
    choices: tuple[str, ...] = ()
    width: int = 14


def period_axes(period: str) -> tuple[str, ...]:
    """Axes coded in ``period``: origin only in the principal period (rule O-FIXED).

    Examples
    --------
    >>> period_axes("covid")
    ('animation', 'gestion', 'decision', 'financement', 'register')
    """
    return tuple(a for a in MANUAL_AXES if a != "origin" or period == "principal")


def _group(cb: Codebook, lang: str, period: str, axis: str) -> list[SheetColumn]:
    names = {"period": text(f"typology.period.{period}", lang).capitalize(), "axis": cb.axis_label(axis, lang)}
    codes = (*cb.codes(axis), cb.unknown)
    columns = []
    if axis in MULTI_AXES:
        for n in range(1, SLOTS[axis] + 1):
            columns.append(SheetColumn(f"{period}/{axis}/code{n if n > 1 else ''}", text("sheets.slot", lang, n=n,
                                       **names), "code", period, axis, codes, WIDTH["code"]))
    else:
        columns.append(SheetColumn(f"{period}/{axis}/code", text("sheets.code", lang, **names), "code", period,
                                   axis, codes, WIDTH["code"]))
    rules = tuple(r.id for r in cb.rules if r.axis == axis)
    for role, choices in (("basis", BASES), ("rule", rules), ("justification", ())):
        columns.append(SheetColumn(f"{period}/{axis}/{role}", text(f"sheets.{role}", lang, **names), role, period,
                                   axis, choices, WIDTH[role]))
    return columns


def sheet_columns(cb: Codebook, lang: str = "fr") -> tuple[SheetColumn, ...]:
    """Every column of a coder sheet, in order (see the module docstring)."""
    columns = [SheetColumn(key, text(f"sheets.{key}", lang), "info", width=WIDTH[key]) for key in INFO_COLUMNS]
    for period in SHEET_PERIODS:
        for axis in period_axes(period):
            columns += _group(cb, lang, period, axis)
    return tuple(columns)


def code_columns(columns, period: str, axis: str) -> list[SheetColumn]:
    """The code columns (one, or the slots) of one period and axis."""
    return [c for c in columns if c.role == "code" and c.period == period and c.axis == axis]
