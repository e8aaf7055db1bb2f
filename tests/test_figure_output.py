"""Figure output: reproducible files, manifest, data checksums, languages, theme."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import housing_research as hr
from housing_research.figures.output import MANIFEST_COLUMNS
from housing_research import FigureSpec, data_checksum, read_manifest, save_figure, theme
from housing_research.figures.style import HATCHES, LINESTYLES, MARKERS, PALETTE, SIZES, series_style
from housing_research.figures.ticks import localise_ticks

SPEC = FigureSpec(
    "Z1",
    "Répondants par groupe",
    "Respondents by group",
    "Nombre de répondants par groupe.",
    "Number of respondents by group.",
    "99-test.ipynb",
)
DATA = pd.DataFrame({"group": ["hlm", "locataires", "tiers"], "count": [14, 6, 3]})


def _draw(data=DATA, lang="fr"):
    with theme("column"):
        fig, ax = plt.subplots()
        ax.barh(data["group"], data["count"], color=PALETTE[0], hatch=HATCHES[1])
        ax.plot([0, 14], [0, 2], marker=MARKERS[0], linestyle=LINESTYLES[1])
        ax.set_title(SPEC.title(lang))
        ax.set_xlabel("effectif" if lang == "fr" else "count")
        localise_ticks(fig, lang)
    return fig


def test_same_figure_saved_twice_gives_identical_bytes(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    fig = _draw()
    paths_a = save_figure(fig, SPEC, lang="fr", data=DATA, directory=first)
    plt.close(fig)
    fig = _draw()  # a new figure object, drawn again from scratch
    paths_b = save_figure(fig, SPEC, lang="fr", data=DATA, directory=second)
    plt.close(fig)
    assert [p.name for p in paths_a] == ["Z1_fr.pdf", "Z1_fr.svg", "Z1_fr.png"]
    for a, b in zip(paths_a, paths_b):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert (first / "manifest.csv").read_bytes() == (second / "manifest.csv").read_bytes()


def test_files_carry_no_date_and_fixed_software(tmp_path):
    fig = _draw()
    pdf, svg, png = save_figure(fig, SPEC, lang="fr", data=DATA, directory=tmp_path)
    plt.close(fig)
    assert b"CreationDate" not in pdf.read_bytes()
    assert b"housing-research" in pdf.read_bytes()
    assert b"<dc:date>" not in svg.read_bytes()
    assert png.read_bytes().startswith(b"\x89PNG")
    assert b"Matplotlib version" not in png.read_bytes()


def test_png_is_300_dpi(tmp_path):
    fig = _draw()
    (png,) = save_figure(fig, SPEC, lang="en", data=DATA, directory=tmp_path, formats=("png",))
    plt.close(fig)
    image = matplotlib.image.imread(png)
    assert image.shape[1] == round(SIZES["column"][0] * 300)


def test_manifest_upsert_and_natural_sort(tmp_path):
    fig = _draw()
    for figure_id in ["Q10", "Q2", "A1"]:
        spec = FigureSpec(figure_id, "t", "t", "c", "c", "99-test.ipynb")
        for lang in ["fr", "en"]:
            save_figure(fig, spec, lang=lang, data=DATA, directory=tmp_path, formats=("svg",))
    # saving Q2/en again with other data replaces its row, and only it
    changed = DATA.assign(count=[1, 2, 3])
    save_figure(fig, FigureSpec("Q2", "t", "t", "c", "c", "99-test.ipynb"), lang="en", data=changed,
                directory=tmp_path, formats=("svg",))
    plt.close(fig)
    manifest = read_manifest(tmp_path)
    assert list(zip(manifest["figure_id"], manifest["lang"])) == [
        ("A1", "en"), ("A1", "fr"), ("Q2", "en"), ("Q2", "fr"), ("Q10", "en"), ("Q10", "fr"),
    ]
    q2 = manifest.set_index(["figure_id", "lang"]).loc["Q2"]
    assert q2.loc["en", "data_sha256"] == data_checksum(changed)
    assert q2.loc["fr", "data_sha256"] == data_checksum(DATA)
    assert manifest.columns.tolist() == MANIFEST_COLUMNS
    assert manifest["files"].iloc[0] == "A1_en.svg"
    assert manifest["width_in"].iloc[0] == SIZES["column"][0]
    text = (tmp_path / "manifest.csv").read_bytes()
    assert b"\r\n" not in text and str(tmp_path).encode() not in text


def test_default_directory_comes_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("HOUSING_RESEARCH_FIGURES_DIR", str(tmp_path / "env"))
    fig = _draw()
    out = save_figure(fig, SPEC, lang="en", data=DATA, formats=("svg",))
    plt.close(fig)
    assert out == [tmp_path / "env" / "Z1_en.svg"]
    assert read_manifest()["figure_id"].tolist() == ["Z1"]


def test_checksum_changes_with_data():
    base = data_checksum(DATA)
    assert data_checksum(DATA.assign(count=[14, 6, 4])) != base
    assert data_checksum(DATA.rename(columns={"count": "n"})) != base
    assert data_checksum(DATA.iloc[::-1]) != base  # a different order is a different table
    assert data_checksum(DATA.astype({"count": "float64"})) != base  # 14 vs 14.0
    assert data_checksum({"a": DATA}) != data_checksum({"b": DATA})


def test_checksum_ignores_memory_layout():
    values = np.arange(12, dtype=float).reshape(4, 3) / 7
    c_order = pd.DataFrame(np.ascontiguousarray(values), columns=list("xyz"))
    f_order = pd.DataFrame(np.asfortranarray(values), columns=list("xyz"))
    # same logical rows, reached through a shuffle and a sort
    shuffled = c_order.sample(frac=1, random_state=0).sort_index()
    by_column = pd.DataFrame({c: c_order[c].to_numpy().copy() for c in "xyz"})
    assert len({data_checksum(t) for t in (c_order, f_order, shuffled, by_column)}) == 1
    strings = pd.DataFrame({"s": pd.array(["a", "b"], dtype="str")})
    assert data_checksum(strings) == data_checksum(pd.DataFrame({"s": np.array(["a", "b"], dtype=object)}))
    assert data_checksum({"b": DATA, "a": c_order}) == data_checksum({"a": c_order, "b": DATA})


def test_checksum_refuses_other_objects():
    with pytest.raises(TypeError, match="DataFrame"):
        data_checksum([1, 2, 3])


def test_bad_language_is_refused_clearly(tmp_path):
    fig = _draw()
    with pytest.raises(ValueError, match=r"unknown language 'de'.*'fr', 'en'"):
        save_figure(fig, SPEC, lang="de", data=DATA, directory=tmp_path)
    plt.close(fig)
    with pytest.raises(ValueError, match="unknown language"):
        SPEC.title("english")
    assert not any(tmp_path.iterdir())


def test_bad_spec_and_format_are_refused(tmp_path):
    with pytest.raises(ValueError, match="underscore"):
        FigureSpec("Q_1", "t", "t", "c", "c", "nb.ipynb")
    with pytest.raises(ValueError, match="caption_en"):
        FigureSpec("Q1", "t", "t", "c", " ", "nb.ipynb")
    fig = _draw()
    with pytest.raises(ValueError, match="format"):
        save_figure(fig, SPEC, lang="fr", data=DATA, directory=tmp_path, formats=("jpg",))
    plt.close(fig)


def test_spec_is_frozen():
    with pytest.raises(AttributeError):
        SPEC.figure_id = "Z2"


def test_theme_applies_only_inside_block():
    before = matplotlib.rcParams["svg.hashsalt"], matplotlib.rcParams["figure.figsize"]
    with theme("slide"):
        assert matplotlib.rcParams["svg.hashsalt"] == "housing-research"
        assert matplotlib.rcParams["pdf.fonttype"] == 42
        assert tuple(matplotlib.rcParams["figure.figsize"]) == SIZES["slide"]
    assert (matplotlib.rcParams["svg.hashsalt"], matplotlib.rcParams["figure.figsize"]) == before
    with pytest.raises(ValueError, match="column"):
        with theme("poster"):
            pass


def test_palette_and_black_and_white_helpers():
    assert PALETTE[:2] == ["#0072B2", "#E69F00"] and len(set(PALETTE)) == 8
    assert len(MARKERS) == len(HATCHES) == len(LINESTYLES) == len(PALETTE)
    assert series_style(9) == series_style(1)
    assert SIZES["slide"][0] / SIZES["slide"][1] == pytest.approx(16 / 9)


# ------------------------------------------- checksums that do not depend on the machine
def test_checksum_ignores_perturbations_below_its_precision():
    """Noise of the size BLAS builds leave in the last bits (1e-13 relative) changes no checksum."""
    rng = np.random.default_rng(5)
    values = pd.DataFrame(rng.normal(size=(200, 4)), columns=list("abcd"))
    noisy = values * (1 + rng.uniform(-1e-13, 1e-13, size=values.shape))
    assert not noisy.equals(values)
    assert data_checksum(noisy) == data_checksum(values)
    assert data_checksum(values + 1e-6) != data_checksum(values)      # a real change still counts


def test_typology_figure_checksums_do_not_depend_on_the_linear_algebra_route(monkeypatch):
    """The dense SVD and the Burt-table routes of the MCA differ in their last bits, as two machines do.

    On the project's data this is enough to swap two Ward merges of equal gain, so the
    linkage matrices differ; the data of every typology figure, hence its checksum, must not.
    """
    from housing_research.figures import typology as tp
    from housing_research.multivariate.mca import MCA

    coded = hr.read_processed("coded_inventory", dtype={"initiative_id": str})
    inventory = hr.read_processed("inventory", dtype=str)
    burt = hr.analyse_typology(coded, inventory, n_resamples=10)
    monkeypatch.setattr(MCA, "_dense_route", lambda self, n, K, Q: True)
    dense = hr.analyse_typology(coded, inventory, n_resamples=10)
    assert not np.array_equal(burt.mca.row_coordinates_, dense.mca.row_coordinates_)
    for figure_id in ("M1", "M2", "M3", "M4", "M5"):
        assert data_checksum(tp.figure_data(figure_id, burt)) == data_checksum(tp.figure_data(figure_id, dense)), \
            figure_id
