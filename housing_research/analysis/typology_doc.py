"""The typology tables rendered for papers: Markdown (``docs/typology.md``) and LaTeX (``docs/typology.tex``).

Both pages are drawn from the two processed tables that the ``typology``
step writes (``typology_classes.csv``, ``typology_membership.csv``), so they
show exactly the committed numbers, rounded for reading.

Examples
--------
>>> import pandas as pd
>>> classes = pd.DataFrame({"cluster": [1], "name_fr": ["Bailleur"], "name_en": ["Landlord"], "n": [2],
...     "pole_score": [-0.75], "pole_class": ["dispositif"], "mean_jaccard": [0.8], "defining_en": ["A; B"],
...     "defining_fr": ["A; B"], "example_ids": ["I000-001"], "example_names": ["Jardin & co"]})
>>> members = pd.DataFrame({"initiative_id": ["I000-001", "I000-002"], "name": ["Jardin & co", "Café"],
...     "carrier": ["Office", ""], "cluster": [1, 1]})
>>> typology_markdown(classes, members).splitlines()[0]
'# The typology as tables'
>>> print(latex_escape("50 % & 2_3"))
50 \\% \\& 2\\_3
"""

from __future__ import annotations

import pandas as pd

_LATEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
          "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def latex_escape(text) -> str:
    """``text`` with LaTeX's special characters escaped."""
    return "".join(_LATEX.get(ch, ch) for ch in str(text))


def _md(text) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _examples(row) -> str:
    ids = [i for i in str(row["example_ids"]).split("; ") if i]
    names = str(row["example_names"]).split("; ")
    return "; ".join(f"{i} {n}" for i, n in zip(ids, names))


def _class_rows(classes: pd.DataFrame) -> list[list[str]]:
    rows = []
    for _, row in classes.iterrows():
        rows.append([str(int(row["cluster"])), row["name_fr"], row["name_en"], str(int(row["n"])),
                     f"{row['pole_score']:.2f}", row["pole_class"], f"{row['mean_jaccard']:.2f}",
                     row["defining_en"], _examples(row)])
    return rows


CLASS_HEADERS = ["Class", "Name (FR)", "Name (EN)", "n", "Pole score", "Pole", "Stability (Jaccard)",
                 "Defining categories", "Examples (paragons)"]
MEMBER_HEADERS = ["Initiative", "Name", "Carrier", "Class"]


def _member_rows(members: pd.DataFrame) -> list[list[str]]:
    ordered = members.sort_values(["cluster", "initiative_id"], kind="stable")
    return [[r.initiative_id, "" if pd.isna(r.name) else r.name, "" if pd.isna(r.carrier) else r.carrier,
             str(int(r.cluster))] for r in ordered.itertuples(index=False)]


def _md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return lines


def typology_markdown(classes: pd.DataFrame, members: pd.DataFrame) -> str:
    """The Markdown page: the ideal types, then which initiative falls in which class."""
    lines = [
        "# The typology as tables", "",
        "Generated from `data/processed/typology_classes.csv` and `typology_membership.csv` by "
        "`housing-research docs`; do not edit by hand.", "",
        "Each class of the clustering of the specific MCA is named as an ideal type by its most "
        "over-represented category of each axis. The pole score is the mean of its initiatives "
        "(−1 dispositif, +1 initiative habitante); it is derived from the same codes as the active "
        "variables, so it reads the classes rather than tests them. Stability is the mean bootstrap "
        "Jaccard index (above 0.75 stable, below 0.5 dissolving). Defining categories are the active "
        "categories with the largest positive v-tests; the examples are the class's paragons.", "",
        f"## Ideal types ({len(classes)} classes, {int(classes['n'].sum())} initiatives)", "",
        *_md_table(CLASS_HEADERS, _class_rows(classes)), "",
        "## Which initiative falls in which class", "",
        *_md_table(MEMBER_HEADERS, _member_rows(members)), "",
    ]
    return "\n".join(lines)


def _tex_rows(rows: list[list[str]]) -> list[str]:
    return [" & ".join(latex_escape(" ".join(str(c).split())) for c in row) + r" \\" for row in rows]


def typology_latex(classes: pd.DataFrame, members: pd.DataFrame) -> str:
    """The LaTeX tables (``booktabs`` and ``longtable`` packages), ready to ``\\input``."""
    lines = [
        "% Generated from data/processed/typology_classes.csv and typology_membership.csv",
        "% by `housing-research docs`; do not edit by hand. Needs \\usepackage{booktabs,longtable}.",
        r"\begin{longtable}{@{}r p{2.6cm} p{2.6cm} r r l r p{3cm} p{3.4cm}@{}}",
        r"\caption{Ideal types of the typology}\label{tab:ideal-types}\\",
        r"\toprule", " & ".join(latex_escape(h) for h in CLASS_HEADERS) + r" \\", r"\midrule", r"\endhead",
        *_tex_rows(_class_rows(classes)),
        r"\bottomrule", r"\end{longtable}", "",
        r"\begin{longtable}{@{}l p{6.5cm} p{4.5cm} r@{}}",
        r"\caption{Class of each initiative}\label{tab:typology-membership}\\",
        r"\toprule", " & ".join(MEMBER_HEADERS) + r" \\", r"\midrule", r"\endhead",
        *_tex_rows(_member_rows(members)),
        r"\bottomrule", r"\end{longtable}", "",
    ]
    return "\n".join(lines)
