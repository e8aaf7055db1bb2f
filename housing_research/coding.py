"""Coding the inventory along the three axes of the typology.

:func:`derive` reads the descriptive fields of the cleaned inventory and
produces, for every initiative, the codes that the codebook's indicators and
the organisation reference table support, each with its evidence (the field
and the indicator that produced it). :func:`code` merges these derived codes
with the team's manual codes (the manual code wins where it exists) and adds
the overall institutionalisation level and degree, one 0/1 column per register,
and the pole score and class.

Rules (also written in ``codebook.yaml`` and shown in ``docs/codebook.md``):

- **Actors.** A who-field (``started_by``, ``animated_by``, ``managed_by``,
  ``decided_by``, ``funded_by``) is read for organisation names and aliases of
  the reference table (coded by their kind: an Hlm body is ``bailleur``, a city,
  département or State service ``collectivite``, an association, company or
  foundation ``tiers``, a tenants' association or group of inhabitants
  ``locataires``) and for the origin indicators of the codebook. Overlapping
  matches are resolved in favour of the longest.
- **Origin.** The actors of ``started_by``; if it names none, the actors that
  follow a trigger phrase of the description ("à l'initiative de ..."); if
  still none, the actors of ``carrier`` (parenthesised remarks left out), then
  the organisation kinds of ``carrier_kinds``. Several actors = joint origin.
- **Dimensions.** Only inhabitants: ``habitants``; only institutions:
  ``institution``; both: ``partage``; none: ``inconnu``.
- **Degree and level.** Degree = mean over known dimensions of habitants 0,
  partage 0.5, institution 1; level ``faible`` below 1/3, ``fort`` above 2/3,
  ``moyen`` otherwise; no known dimension: empty degree and level ``inconnu``.
- **Registers.** Every register whose indicator appears in ``name`` or
  ``description``.
- **Pole.** Weighted mean of an origin component (mean of the origin values),
  an institutionalisation component (1 - 2 x degree) and a register component
  (mean of the registers' pole values), over the components that are known,
  weights rescaled; class ``initiative_habitante`` above the band,
  ``dispositif`` below minus the band, ``entre_deux`` in between.
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
('moyen', 'initiative_habitante')
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from housing_research import paths
from housing_research.codebook import DIMENSIONS, MANUAL_AXES, MULTI_AXES, Codebook, codebook

#: Order of the coded periods.
PERIODS: tuple[str, ...] = ("debut", "principal", "covid")
#: Separator of several codes or several evidence items in one cell.
SEP = "; "
EVIDENCE_SEP = " | "
_CLAUSE_END = re.compile(r"[.;:!?,()\n]")
_MAX_CLAUSE_WORDS = 8
_PARENTHESES = re.compile(r"\([^)]*\)")


def normalise(text) -> str:
    """Lower-case ``text`` without accents, with straight apostrophes.

    Examples
    --------
    >>> normalise("À l’initiative des Élus")
    "a l'initiative des elus"
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    text = str(text).replace("’", "'").replace("‘", "'").replace("`", "'")
    text = text.replace("œ", "oe").replace("Œ", "OE")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


def _pattern(indicator: str) -> str:
    core = normalise(indicator)
    prefix = core.endswith("*")
    core = core.rstrip("*").strip()
    return r"(?<!\w)" + re.escape(core) + (r"\w*" if prefix else r"(?!\w)")


class _Matcher:
    """Finds indicators in a text, the longest one winning where they overlap."""

    def __init__(self, entries):
        # entries: (indicator, code, evidence label); longest indicators first
        entries = sorted(entries, key=lambda e: (-len(normalise(e[0]).rstrip("*")), e[2]))
        self.entries = entries
        self.regex = (re.compile("|".join(f"(?P<g{i}>{_pattern(e[0])})"
                                          for i, e in enumerate(entries)))
                      if entries else None)

    def find(self, text: str) -> list[tuple[str, str]]:
        """Return the (code, label) pairs found in ``text``, in order, without repeats."""
        found = []
        if self.regex is None:
            return found
        for m in self.regex.finditer(normalise(text)):
            _, code, label = self.entries[int(m.lastgroup[1:])]
            if (code, label) not in found:
                found.append((code, label))
        return found


def _kind_to_origin(cb: Codebook) -> dict[str, str]:
    return {kind: c.code for c in cb.categories("origin") for kind in c.extra.get("kinds", ())}


def _actor_matcher(cb: Codebook, organisations: pd.DataFrame | None) -> _Matcher:
    entries = [(ind, c.code, ind) for c in cb.categories("origin") for ind in c.indicators]
    if organisations is not None and len(organisations):
        kinds = _kind_to_origin(cb)
        for org in organisations.itertuples(index=False):
            origin = kinds.get(str(getattr(org, "kind", "")))
            if origin is None:
                continue
            names = [org.name] + re.split(r"[;|]", str(getattr(org, "aliases", "") or ""))
            for name in names:
                name = str(name).strip()
                if name and name.lower() != "nan" and len(normalise(name)) > 1:
                    entries.append((name, origin, f"{org.name} ({org.kind})"))
    return _Matcher(entries)


def _register_matcher(cb: Codebook) -> _Matcher:
    return _Matcher([(ind, c.code, ind) for c in cb.categories("register") for ind in c.indicators])


def _clauses_after_triggers(description: str, triggers) -> list[tuple[str, str]]:
    text = normalise(description)
    out = []
    for trigger in triggers:
        for m in re.finditer(r"(?<!\w)" + re.escape(normalise(trigger)) + r"\w*'?", text):
            rest = _CLAUSE_END.split(text[m.end():], maxsplit=1)[0]
            out.append((trigger, " ".join(rest.split()[:_MAX_CLAUSE_WORDS])))
    return out


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
    actors = _actor_matcher(cb, organisations)
    registers = _register_matcher(cb)
    origin_node = cb.raw["axes"]["origin"]
    dims = {d["code"]: d["field"] for d in cb.raw["axes"]["institutionalisation"]["dimensions"]}
    origin_order = cb.codes("origin")
    kinds = _kind_to_origin(cb)
    rows = []

    def add(iid, axis, code, field="", indicator=""):
        rows.append((iid, "principal", axis, code, field, indicator))

    for row in clean.to_dict("records"):
        iid = row["initiative_id"]
        # origin: started_by, else the clauses after trigger phrases of the description
        evidence = [(c, "started_by", lab) for c, lab in actors.find(_text(row, "started_by"))]
        if not evidence:
            for trigger, clause in _clauses_after_triggers(_text(row, "description"),
                                                           origin_node["description_triggers"]):
                evidence += [(c, "description", f"{trigger} + {lab}")
                             for c, lab in actors.find(clause)]
        if not evidence:
            carrier = _PARENTHESES.sub(" ", _text(row, "carrier"))
            evidence = [(c, "carrier", lab) for c, lab in actors.find(carrier)]
        if not evidence:
            listed = [k.strip() for k in _text(row, "carrier_kinds").split(";")]
            evidence = [(kinds[k], "carrier_kinds", k) for k in dict.fromkeys(listed)
                        if k in kinds]
        for code in _ordered([e[0] for e in evidence], origin_order):
            for c, fld, lab in evidence:
                if c == code:
                    add(iid, "origin", code, fld, lab)
        if not evidence:
            add(iid, "origin", cb.unknown)
        # the four dimensions of institutionalisation
        for dim, fld in dims.items():
            found = actors.find(_text(row, fld))
            dim_code = _dimension_code(c for c, _ in found)
            if dim_code is None:
                add(iid, dim, cb.unknown)
            for c, lab in found:
                add(iid, dim, dim_code, fld, lab)
        # registers: name then description
        evidence = [(c, fld, lab) for fld in ("name", "description")
                    for c, lab in registers.find(_text(row, fld))]
        for code in _ordered([e[0] for e in evidence], cb.codes("register")):
            for c, fld, lab in evidence:
                if c == code:
                    add(iid, "register", code, fld, lab)
        if not evidence:
            add(iid, "register", cb.unknown)
    return pd.DataFrame(rows, columns=["initiative_id", "period", "axis", "code", "field",
                                       "indicator"]).astype(str)


def institutionalisation(dimension_codes, cb: Codebook | None = None) -> tuple[float, str]:
    """Degree and level of institutionalisation from the four dimension codes.

    Parameters
    ----------
    dimension_codes : iterable of str
        Codes of the dimensions (``inconnu`` ones are left out).

    Returns
    -------
    degree : float
        Mean value of the known dimensions (habitants 0, partage 0.5,
        institution 1); NaN if none is known.
    level : str
        ``faible`` (degree < 1/3), ``moyen``, ``fort`` (degree > 2/3) or ``inconnu``.

    Examples
    --------
    >>> institutionalisation(["habitants", "institution", "inconnu", "partage"])
    (0.5, 'moyen')
    >>> institutionalisation(["inconnu"] * 4)
    (nan, 'inconnu')
    """
    cb = cb or codebook()
    values = {c.code: c.extra["value"] for c in cb.categories("gestion")}
    known = [values[c] for c in dimension_codes if c in values]
    if not known:
        return float("nan"), cb.unknown
    degree = round(float(np.mean(known)), 12)
    low, mid, high = cb.categories("level")
    if degree < low.extra["upper"] - 1e-9:
        return degree, low.code
    if degree > mid.extra["upper"] + 1e-9:
        return degree, high.code
    return degree, mid.code


def pole(origin_codes, degree: float, register_codes, cb: Codebook | None = None):
    """Pole score in [-1, 1] and class, from the three axes.

    Parameters
    ----------
    origin_codes : iterable of str
        Origin code(s); ``inconnu`` is ignored.
    degree : float
        Institutionalisation degree (NaN when unknown).
    register_codes : iterable of str
        Register code(s); ``inconnu`` is ignored.

    Returns
    -------
    score : float
        Weighted mean of the known components (positive = inhabitants); NaN if
        no component is known.
    klass : str
        ``initiative_habitante`` if score > band, ``dispositif`` if
        score < -band, ``entre_deux`` otherwise, ``inconnu`` if score is NaN.

    Examples
    --------
    >>> pole(["locataires"], 0.0, ["entraide"])
    (1.0, 'initiative_habitante')
    >>> pole(["bailleur"], float("nan"), ["inconnu"])
    (-1.0, 'dispositif')
    >>> pole(["locataires", "bailleur"], 0.5, ["collaboration"])
    (0.0, 'entre_deux')
    """
    cb = cb or codebook()
    settings = cb.raw["pole"]
    reg_values = {c.code: c.extra["pole"] for c in cb.categories("register")}
    origins = [settings["origin_values"][c] for c in origin_codes if c in settings["origin_values"]]
    regs = [reg_values[c] for c in register_codes if c in reg_values]
    parts = {
        "origin": np.mean(origins) if origins else np.nan,
        "institutionalisation": 1 - 2 * degree if not np.isnan(degree) else np.nan,
        "register": np.mean(regs) if regs else np.nan,
    }
    weights = {k: settings["weights"][k] for k, v in parts.items() if not np.isnan(v)}
    if not weights or sum(weights.values()) == 0:
        return float("nan"), cb.unknown
    score = float(sum(parts[k] * w for k, w in weights.items()) / sum(weights.values()))
    score = round(score, 12)
    band = settings["band"]
    if score > band:
        return score, "initiative_habitante"
    if score < -band:
        return score, "dispositif"
    return score, "entre_deux"


def _final_manual(manual: pd.DataFrame) -> pd.DataFrame:
    """Keep, per initiative, period and axis, the codes of the latest coding."""
    if manual is None or manual.empty:
        return pd.DataFrame(columns=["initiative_id", "period", "axis", "code", "coder", "date",
                                     "justification"])
    keys = ["initiative_id", "period", "axis"]
    latest = (manual.sort_values([*keys, "date", "coder"], ascending=[True, True, True, False,
                                                                         True])
              .drop_duplicates(keys)[[*keys, "date", "coder"]])
    return manual.merge(latest, on=[*keys, "date", "coder"])


def _cell(codes, evidence, source):
    return {"codes": list(codes), "evidence": EVIDENCE_SEP.join(evidence), "source": source}


def _derived_cells(derived: pd.DataFrame) -> dict:
    cells = {}
    for (iid, axis), group in derived.groupby(["initiative_id", "axis"], sort=False):
        codes = list(dict.fromkeys(group["code"]))
        evidence = [f"{f}: {i}" for f, i in zip(group["field"], group["indicator"]) if f]
        cells[(iid, axis)] = _cell(codes, list(dict.fromkeys(evidence)), "derived")
    return cells


def _manual_cells(manual: pd.DataFrame) -> dict:
    cells = {}
    for (iid, period, axis), group in manual.groupby(["initiative_id", "period", "axis"],
                                                     sort=False):
        first = group.iloc[0]
        evidence = [f"manual: {first['coder']} {first['date']}: " + " / ".join(
            dict.fromkeys(group["justification"]))]
        cells[(iid, period, axis)] = _cell(list(dict.fromkeys(group["code"])), evidence, "manual")
    return cells


def _default_organisations():
    if paths.ORGANISATIONS.exists():
        return pd.read_csv(paths.ORGANISATIONS, dtype=str, keep_default_na=False)
    return None


def code(clean: pd.DataFrame, organisations: pd.DataFrame | None = None,
         manual: pd.DataFrame | None = None, cb: Codebook | None = None) -> pd.DataFrame:
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
        Where several codings exist for the same initiative, period and axis,
        the latest date wins (ties: first coder in alphabetical order).
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
          ``<axis>_source`` (``manual`` or ``derived``) and ``<axis>_evidence``
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
        organisations = _default_organisations()
    return assemble(derive(clean, organisations, cb), manual, cb)


def assemble(derived: pd.DataFrame, manual: pd.DataFrame | None = None,
             cb: Codebook | None = None) -> pd.DataFrame:
    """Build the coded table from derived codes (:func:`derive`) and manual codes.

    This is the second half of :func:`code`, for callers that also need the
    long table of derived codes (the build step) and should not derive twice.

    Examples
    --------
    >>> import pandas as pd
    >>> derived = derive(pd.DataFrame({"initiative_id": ["I000-001"],
    ...                                "funded_by": ["la ville"]}))
    >>> assemble(derived).loc[0, ["financement", "institutionalisation_level"]].tolist()
    ['institution', 'fort']
    """
    cb = cb or codebook()
    derived_cells = _derived_cells(derived)
    manual_cells = _manual_cells(_final_manual(manual))
    ids = list(dict.fromkeys(derived["initiative_id"].astype(str)))
    units = {(iid, "principal") for iid in ids}
    units |= {(iid, period) for iid, period, _ in manual_cells}
    order = {p: i for i, p in enumerate(PERIODS)}
    rows = []
    for iid, period in sorted(units, key=lambda u: (u[0], order[u[1]])):
        out = {"initiative_id": iid, "period": period}
        for axis in MANUAL_AXES:
            cell = (manual_cells.get((iid, period, axis))
                    or (derived_cells.get((iid, axis)) if period == "principal" else None))
            if cell is None:  # another period: repeat the principal code
                base = manual_cells.get((iid, "principal", axis)) or derived_cells[(iid, axis)]
                evidence = EVIDENCE_SEP.join(f"(principal) {e}"
                                             for e in base["evidence"].split(EVIDENCE_SEP) if e)
                cell = {**base, "evidence": evidence}
            order_codes = cb.codes(axis) if axis in MULTI_AXES else None
            codes = _ordered(cell["codes"], order_codes) if order_codes else cell["codes"]
            out[axis] = SEP.join(codes or [cb.unknown])
            out[f"{axis}_source"] = cell["source"]
            out[f"{axis}_evidence"] = cell["evidence"]
        degree, level = institutionalisation([out[d] for d in DIMENSIONS], cb)
        out["institutionalisation_degree"] = degree
        out["institutionalisation_level"] = level
        registers = out["register"].split(SEP)
        for reg in cb.codes("register"):
            out[f"register_{reg}"] = int(reg in registers)
        out["pole_score"], out["pole_class"] = pole(out["origin"].split(SEP), degree,
                                                    registers, cb)
        out["codebook_version"] = cb.version
        rows.append(out)
    return pd.DataFrame(rows, columns=_columns(cb))


def _columns(cb: Codebook) -> list[str]:
    """Columns of the coded table, in order."""
    per_axis = [c for axis in MANUAL_AXES for c in (axis, f"{axis}_source", f"{axis}_evidence")]
    return ["initiative_id", "period", *per_axis, "institutionalisation_degree",
            "institutionalisation_level", *(f"register_{r}" for r in cb.codes("register")),
            "pole_score", "pole_class", "codebook_version"]
