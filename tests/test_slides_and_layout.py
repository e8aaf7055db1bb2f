"""Text that fits (nothing clipped, nothing overlapping), the decimal comma, slide versions and decks.

The layout check runs inside ``save_figure``: the notebooks, run by nbval in
this session, save every journal figure through it, so a clipped or
overlapping text makes them fail. These tests pin the rule down on small
figures, and check the committed slide files and decks themselves.
"""

import re
import zlib

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from housing_research import paths
from housing_research.figures.catalogue import FIGURES, FigureSpec
from housing_research.figures.deck import DECK_ORDER, build_deck, deck_order
from housing_research.figures.layout_check import LayoutError, layout_problems
from housing_research.figures.output import read_manifest, save_figure
from housing_research.figures.style import SIZES, theme
from housing_research.figures.text_fit import SLIDE_MIN_POINTS, finish_figure
from housing_research.figures.ticks import localise_ticks
from housing_research.i18n import LANGS

SPEC = FigureSpec("Z3", "Essai", "Test", "Essai.", "Test.", "99-test.ipynb")


def _figure(**kwargs):
    return plt.subplots(figsize=(3, 2), layout="constrained", **kwargs)


def _kinds(fig, **kwargs):
    return sorted({p.kind for p in layout_problems(fig, **kwargs)})


def test_clean_figure_passes_and_empty_or_hidden_text_is_ignored():
    fig, ax = _figure()
    ax.set_title("")
    ax.set_xlabel("x")
    ax.text(0.5, 0.5, "hidden", visible=False, transform=ax.transAxes)
    ax.text(0.5, 0.5, "transparent", alpha=0, transform=ax.transAxes)
    ax.text(0.5, 0.5, "   ", transform=ax.transAxes)
    ax.text(0.52, 0.5, "shown", transform=ax.transAxes)
    assert layout_problems(fig) == []
    plt.close(fig)


def test_overlapping_tick_labels_and_clipped_title_are_found():
    fig, ax = _figure()
    ax.set_xticks(range(6), ["a long label"] * 6)
    problems = layout_problems(fig)
    assert {p.kind for p in problems} == {"overlap"}
    assert all(p.text == p.other == "a long label" for p in problems)
    plt.close(fig)
    fig, ax = _figure()
    ax.set_title("a title much longer than the narrow figure that holds it", loc="left")
    assert _kinds(fig) == ["clipped"]
    plt.close(fig)


def test_slanted_neighbours_that_do_not_touch_pass():
    fig, ax = plt.subplots(figsize=(6, 3), layout="constrained")
    ax.set_xticks(range(5), ["Institutionalisation"] * 5, rotation=35, ha="right")
    assert layout_problems(fig) == []        # their upright boxes would all intersect
    plt.close(fig)


def test_legend_covering_a_text_or_a_bar_is_found():
    fig, ax = _figure()
    ax.bar([0, 1], [1, 1], label="bars")
    ax.legend(loc="center")
    assert _kinds(fig) == ["overlap"]
    plt.close(fig)


def test_small_text_and_decimal_point_are_found():
    fig, ax = _figure()
    ax.plot([0, 1], [0, 1])
    ax.set_xlabel("tiny", fontsize=5)
    assert "small" in _kinds(fig, min_points=6)
    assert "decimal" in _kinds(fig, lang="fr") and "decimal" not in _kinds(fig, lang="en")
    localise_ticks(fig, "fr")
    assert "decimal" not in _kinds(fig, lang="fr")
    plt.close(fig)


@pytest.mark.parametrize("lang, mark, other", [("fr", ",", "."), ("en", ".", ",")])
def test_tick_labels_follow_the_language(lang, mark, other):
    with theme("page"):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 0.5])
        finish_figure(fig, "page", lang)
    labels = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    assert any(re.search(rf"\d{re.escape(mark)}\d", s) for s in labels)
    assert not any(re.search(rf"\d{re.escape(other)}\d", s) for s in labels), labels
    plt.close(fig)


def test_save_figure_refuses_overlapping_text_and_writes_nothing(tmp_path):
    fig, ax = _figure()
    ax.text(0.5, 0.5, "over", transform=ax.transAxes)
    ax.text(0.52, 0.5, "lapping", transform=ax.transAxes)
    with pytest.raises(LayoutError, match="overlap: 'over' and 'lapping'"):
        save_figure(fig, SPEC, lang="en", data={}, directory=tmp_path)
    assert not any(tmp_path.iterdir())
    plt.close(fig)


def test_slide_floor_raises_every_text_to_18_points():
    with theme("slide"):
        fig, ax = plt.subplots()
        ax.set_title("title", fontsize="xx-small")
        ax.set_yticks([0, 1], ["a", "b"], fontsize="xx-small")
        ax.set_xticks([])
        finish_figure(fig, "slide", "en", "Q1")
    assert layout_problems(fig, min_points=SLIDE_MIN_POINTS) == []
    assert fig.get_suptitle() == FIGURES["Q1"].title_en
    plt.close(fig)


def test_a_slide_that_overlaps_is_refused_like_a_journal_figure(tmp_path):
    """Slides pass the whole layout check: a clash that only appears at 18 pt stops the save."""
    from housing_research.figures.output import draw_and_save

    def draw(figure_id, lang="fr", size=None):
        with theme(size or "page"):
            fig, ax = plt.subplots()
            right = 0.65 if size != "slide" else 0.12      # apart on the page, on top of each other on the slide
            ax.text(0.1, 0.5, "left label", transform=ax.transAxes)
            ax.text(right, 0.5, "right", transform=ax.transAxes)
            ax.set_xticks([]), ax.set_yticks([])
            finish_figure(fig, size or "page", lang, figure_id)
        return fig, {"t": pd.DataFrame({"x": [1]})}

    with pytest.raises(LayoutError, match=r"Q1_en: .*overlap: 'left label' and 'right'"):
        draw_and_save(draw, "Q1", directory=tmp_path)
    assert not list((tmp_path / "slides").glob("*.png"))


def test_french_wrapping_never_breaks_before_a_semicolon():
    from housing_research.i18n import unbreakable_spaces
    import textwrap

    text = unbreakable_spaces("un texte assez long pour couper ; « ici »", "fr")
    assert all(not line.startswith((";", "»")) for width in range(8, 40)
               for line in textwrap.fill(text, width).splitlines())


# ----------------------------------------------------------------- committed slide files and decks
def _pdf_streams(data: bytes):
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            yield zlib.decompress(match.group(1))
        except zlib.error:
            continue


def _font_sizes(pdf: bytes) -> list[float]:
    return [float(m) for s in _pdf_streams(pdf) for m in re.findall(rb"/F\d+ ([\d.]+) Tf", s)]


def _pages(pdf: bytes) -> list[tuple[float, ...]]:
    count = len(re.findall(rb"/Type /Page\b(?!s)", pdf))
    boxes = [tuple(float(v) for v in m.split()) for m in re.findall(rb"/MediaBox \[ ?([\d. ]+?) ?\]", pdf)]
    return [boxes[0]] * count if len(set(boxes)) == 1 else boxes


SLIDE_POINTS = tuple(round(v * 72, 3) for v in SIZES["slide"])


def test_slide_size_is_16_9_at_projection_size():
    assert SIZES["slide"][0] / SIZES["slide"][1] == pytest.approx(16 / 9)
    assert SIZES["slide"] == pytest.approx((13.333, 7.5), abs=1e-3)


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_has_a_slide_with_no_text_under_18_points(lang):
    manifest = read_manifest(paths.SLIDES)
    ids = set(manifest.loc[manifest["lang"] == lang, "figure_id"])
    assert ids == set(FIGURES), "a figure has no slide version (run `make`)"
    for figure_id in sorted(ids):
        pdf = (paths.SLIDES / f"{figure_id}_{lang}.pdf").read_bytes()
        sizes = _font_sizes(pdf)
        assert sizes, f"{figure_id}_{lang}.pdf: no text found"
        assert min(sizes) >= SLIDE_MIN_POINTS - 1e-6, f"{figure_id}_{lang}: text at {min(sizes)} pt"
        (box,) = _pages(pdf)
        assert tuple(round(v, 3) for v in box[2:]) == pytest.approx(SLIDE_POINTS, abs=0.01)


@pytest.mark.parametrize("lang", LANGS)
def test_deck_has_one_slide_size_page_per_figure(lang):
    pdf = (paths.DECKS / f"seminar_{lang}.pdf").read_bytes()
    pages = _pages(pdf)
    assert len(pages) == len(FIGURES)
    assert all(b[2:] == pytest.approx(SLIDE_POINTS, abs=0.01) for b in pages)
    assert b"CreationDate" not in pdf


@pytest.mark.parametrize("lang", LANGS)
def test_deck_is_made_of_the_vector_slides_and_stays_small(lang):
    pdf = (paths.DECKS / f"seminar_{lang}.pdf").read_bytes()
    assert len(pdf) < 1_500_000, f"seminar_{lang}.pdf is {len(pdf)} bytes: raster pages again?"
    # the slides' text is text, not pixels: the deck carries every slide's fonts' size operators
    assert min(_font_sizes(pdf)) >= SLIDE_MIN_POINTS - 1e-6
    assert len(re.findall(rb"/Subtype /Image", pdf)) < len(FIGURES)     # images only where a figure has one
    assert b"/ID" not in pdf                                            # no random file id: same bytes each build


def test_deck_order_covers_every_figure_once():
    assert sorted(deck_order(FIGURES)) == sorted(FIGURES)
    assert len(set(DECK_ORDER)) == len(DECK_ORDER)
    assert deck_order(["M5", "C1", "NEW1"]) == ["C1", "M5", "NEW1"]


def test_deck_rebuilt_from_committed_slides_is_identical(tmp_path):
    for lang in LANGS:
        built = build_deck(lang, slides_dir=paths.SLIDES, out_dir=tmp_path)
        assert built.read_bytes() == (paths.DECKS / built.name).read_bytes(), f"{built.name} is stale (run `make`)"


def test_deck_without_slides_says_what_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="housing-research notebooks"):
        build_deck("fr", slides_dir=tmp_path, out_dir=tmp_path)
