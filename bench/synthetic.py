"""Synthetic inventories for the benchmarks: distinct initiatives that look like the real ones.

Carriers, partners and places are drawn from the committed reference tables,
so that the cleaning matches them as it does real rows; names combine a few
common words of the field with distinctive ones (a place-like word and a
made-up proper noun), as real initiative names do; who-fields use the
phrases the real inventory uses. Every draw comes from one seeded generator.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from housing_research.inventory.reference import load_organisations, load_places

COMMON = ("jardin atelier repas colis appels radio fête marché chantier café collectif voisins aînés jeunes "
          "masques courses soutien écoute numérique concertation solidarité entraide").split()
SYLLABLES = "ba be bi bo bu ca ce co cu da de di do fa fe fi la le li lo lu ma me mi mo na ne ni no pa pe " \
            "pi po ra re ri ro sa se si so ta te ti to va ve vi vo".split()
WHO = ("le bailleur", "l'amicale des locataires", "des bénévoles", "la ville", "une association", "",
       "les locataires et le bailleur", "le centre social")
KINDS = ("action", "dispositif", "projet", "service", "collectif", "association")
DOCS = ("000", "001", "002", "003", "004")


def synthetic_inventory(n: int, seed: int = 0) -> pd.DataFrame:
    """A raw inventory of ``n`` distinct synthetic initiatives (ids ``I<doc>-<6 digits>``)."""
    rng = np.random.default_rng(seed)
    orgs = load_organisations()["name"].to_numpy()
    places = load_places()["place"].to_numpy()
    proper = np.array(["".join(rng.choice(SYLLABLES, 3)).capitalize() for _ in range(max(50, n // 3))])
    pick = lambda values, size=n: values[rng.integers(len(values), size=size)]  # noqa: E731
    names = [f"{a} {b} {c}" for a, b, c in zip(pick(np.array(COMMON)), pick(np.array(COMMON)), pick(proper))]
    description = [f"Les habitants et {w or 'le bailleur'} organisent {a} et {b} ({p})." for w, a, b, p in
                   zip(pick(np.array(WHO)), pick(np.array(COMMON)), pick(proper), pick(places))]
    docs = np.array(DOCS)[np.arange(n) % len(DOCS)]
    return pd.DataFrame({
        "raw_id": [f"I{d}-{i:06d}" for i, d in enumerate(docs)], "name": names, "kind": pick(np.array(KINDS)),
        "carrier": pick(orgs), "partners": pick(orgs), "place": pick(places), "region": "",
        "period": (2010 + rng.integers(0, 14, n)).astype(str), "public": "locataires",
        "themes": "lien_social; isolement", "description": description, "started_by": pick(np.array(WHO)),
        "animated_by": pick(np.array(WHO)), "managed_by": pick(np.array(WHO)), "decided_by": pick(np.array(WHO)),
        "funded_by": pick(np.array(WHO)), "covid_status": "", "evolution": "", "source_doc": docs,
        "source_section": "1",
    }).replace("", None)
