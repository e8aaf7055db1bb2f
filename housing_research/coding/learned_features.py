"""Features and targets of the supervised coder: what it reads and what it learns.

For each initiative the coder reads three things:

- ``text`` — its name, description and evolution (word and character n-grams);
- ``who`` — the who-fields (started_by, carrier, animated_by, managed_by,
  decided_by, funded_by), each word prefixed by its field;
- ``rules`` — the rule-based coder's codes (:func:`housing_research.coding.coder.derive`),
  as tokens such as ``gestion=institution`` and ``gestion_rule=G-OWN``.

Targets come from the final manual codes (principal period): one label per
dimension, and 0/1 indicators for the origin parties and the registers.

Examples
--------
>>> import pandas as pd
>>> clean = pd.DataFrame({"initiative_id": ["I000-001"], "name": ["Repas"], "description": ["Des voisins cuisinent."],
...                       "started_by": ["l'amicale"]})
>>> frame = feature_frame(clean)
>>> frame.loc["I000-001", "who"]
'started_by:l started_by:amicale'
"""

from __future__ import annotations

import pandas as pd

from housing_research.coding.codebook import DIMENSIONS, Codebook, codebook
from housing_research.coding.coder import derive
from housing_research.text import fold, split_multi

#: The who-fields read, with the prefix given to their words.
WHO_FIELDS = ("started_by", "carrier", "animated_by", "managed_by", "decided_by", "funded_by")
#: Axes learned as one label per initiative (the four dimensions) and as sets (origin, register).
SINGLE_AXES: tuple[str, ...] = DIMENSIONS
SET_AXES: tuple[str, ...] = ("origin", "register")


def _words(text: str) -> list[str]:
    return [w for w in "".join(c if c.isalnum() else " " for c in fold(text)).split() if w]


def feature_frame(clean: pd.DataFrame, organisations: pd.DataFrame | None = None,
                  cb: Codebook | None = None) -> pd.DataFrame:
    """One row per initiative (indexed by ``initiative_id``): columns ``text``, ``who``, ``rules``."""
    cb = cb or codebook()
    derived = derive(clean, organisations if organisations is not None else pd.DataFrame(), cb)
    tokens: dict[str, list[str]] = {}
    for iid, axis, code, field, indicator in derived[["initiative_id", "axis", "code", "field",
                                                      "indicator"]].itertuples(index=False):
        bag = tokens.setdefault(iid, [])
        bag.append(f"{axis}={code}")
        if field == "rule":
            bag.append(f"{axis}_rule={indicator.split(':')[0]}")
        elif field:
            bag.append(f"{axis}_field={field}")
    rows = {}
    for rec in clean.to_dict("records"):
        iid = rec["initiative_id"]
        text = " ".join(str(rec.get(c) or "") for c in ("name", "description", "evolution"))
        who = " ".join(f"{f}:{w}" for f in WHO_FIELDS for w in _words(str(rec.get(f) or "")))
        rows[iid] = {"text": text, "who": who, "rules": " ".join(dict.fromkeys(tokens.get(iid, [])))}
    return pd.DataFrame.from_dict(rows, orient="index", columns=["text", "who", "rules"]).rename_axis("initiative_id")


def targets(final: pd.DataFrame, cb: Codebook | None = None, period: str = "principal") -> pd.DataFrame:
    """Learning targets from final codes: one column per dimension, ``origin=<code>`` and ``register=<code>`` 0/1.

    Units left unresolved by the coders are not targets.
    """
    cb = cb or codebook()
    final = final[(final["period"] == period) & (final["status"] != "unresolved")]
    out = {}
    for (iid, axis), group in final.groupby(["initiative_id", "axis"], sort=True):
        row = out.setdefault(iid, {})
        codes = set(group["code"])
        if axis in SINGLE_AXES:
            row[axis] = next(iter(codes))
        else:
            for code in cb.codes(axis):
                row[f"{axis}={code}"] = int(code in codes)
    columns = [*SINGLE_AXES, *(f"{a}={c}" for a in SET_AXES for c in cb.codes(a))]
    return pd.DataFrame.from_dict(out, orient="index", columns=columns).rename_axis("initiative_id")


def document_of(inventory: pd.DataFrame) -> pd.Series:
    """Every source document of each initiative (a merged initiative belongs to several)."""
    return inventory.set_index("initiative_id")["source_docs"].map(lambda c: tuple(split_multi(c)))
