"""Services to tenants: is the landlord their operator or their facilitator, and who pays?

The 2023 article on low-demand areas (document 002) distinguishes the
landlord who *operates* a service itself from the one who *facilitates* it
(brings a provider or a partner). The inventory records, for every practice
that is a service, that role (``service_role``), how it is delivered
(``service_delivery``), who funds it (``service_funding``, several allowed)
and whether tenants pay (``tenant_billed``). :func:`service_table` gathers
those columns with the initiative's pole class, :func:`service_crosstab`
crosses two of them (a multi-valued funding counts under each funder).

Examples
--------
>>> import pandas as pd
>>> inv = pd.DataFrame({"initiative_id": ["a", "b", "c"], "scope": "pratique",
...                     "service_role": ["operateur", "facilitateur", ""], "service_delivery": ["interne", "", ""],
...                     "service_funding": ["fonds_propres", "subvention; partenaire", ""], "tenant_billed": ""})
>>> service_crosstab(service_table(inv), "service_role", "service_funding").loc["facilitateur"].tolist()
[0, 1, 1]
"""

from __future__ import annotations

import pandas as pd

from housing_research.text import split_multi

SERVICE_COLUMNS: tuple[str, ...] = ("service_role", "service_delivery", "service_funding", "tenant_billed")


def service_table(inventory: pd.DataFrame, coded: pd.DataFrame | None = None) -> pd.DataFrame:
    """In-scope initiatives described as a service (a role recorded), with their service columns and pole class."""
    table = inventory[inventory.get("scope", "pratique") == "pratique"] if "scope" in inventory else inventory
    table = table[table["service_role"].fillna("").astype(str).str.strip() != ""]
    out = table.set_index("initiative_id")[list(SERVICE_COLUMNS)].fillna("").replace("", "inconnu")
    if coded is not None:
        main = coded[coded["period"] == "principal"].set_index("initiative_id")
        out["pole_class"] = main["pole_class"].reindex(out.index)
        out["source_doc"] = inventory.set_index("initiative_id")["source_docs"].reindex(out.index) \
            if "source_docs" in inventory else ""
    return out


def service_crosstab(services: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Counts of ``a`` (rows) by ``b`` (columns); multi-valued cells count under each of their values."""
    pairs = [(x, y) for xs, ys in zip(services[a], services[b])
             for x in (split_multi(xs) or ["inconnu"]) for y in (split_multi(ys) or ["inconnu"])]
    frame = pd.DataFrame(pairs, columns=[a, b])
    return pd.crosstab(frame[a], frame[b])
