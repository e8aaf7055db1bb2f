"""Services to tenants: operator or facilitator."""

import pandas as pd

from housing_research import paths
from housing_research.analysis.services import SERVICE_COLUMNS, service_crosstab, service_table


def test_only_in_scope_services_are_kept_and_blanks_read_as_unknown():
    inv = pd.DataFrame({"initiative_id": ["a", "b", "c"], "scope": ["pratique", "contexte", "pratique"],
                        "service_role": ["operateur", "operateur", ""], "service_delivery": ["", "interne", ""],
                        "service_funding": ["usager", "", ""], "tenant_billed": ["oui", "", ""]})
    table = service_table(inv)
    assert table.index.tolist() == ["a"] and table.loc["a", "service_delivery"] == "inconnu"


def test_the_committed_services_add_up():
    inv = pd.read_csv(paths.processed("inventory"), dtype=str, keep_default_na=False)
    services = service_table(inv)
    in_scope = inv[(inv["scope"] == "pratique") & (inv["service_role"] != "")]
    assert len(services) == len(in_scope) > 0
    table = service_crosstab(services, "service_role", "service_delivery")
    assert table.to_numpy().sum() == len(services)          # one delivery per service
    assert set(SERVICE_COLUMNS) <= set(services.columns)
