"""The interactive typology map: a self-contained page, every initiative in it, rendered by a real browser.

The browser test drives Debian's ``chromium`` in headless mode through its
command line: ``--screenshot`` writes what the page shows (it must not be
blank) and ``--enable-logging=stderr`` prints every console message as an
``INFO:CONSOLE`` line (there must be none: no error, no warning, no log). It
is skipped, with the reason, when Chromium is not installed (``.ci/run``
installs it).
"""

import html
import re
import shutil
import subprocess
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from housing_research import paths, read_processed
from housing_research.figures.typology_html import typology_page, write_typology_maps

LANGS = ("fr", "en")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _page(lang: str) -> str:
    return (paths.REPORTS / paths.TYPOLOGY_MAP_NAME.format(lang=lang)).read_text(encoding="utf-8")


class _Resources(HTMLParser):
    """Every URL a page would load: src of scripts, images, frames; href of stylesheets and links."""

    def __init__(self):
        super().__init__()
        self.loads, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.loads.append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


@pytest.mark.parametrize("lang", LANGS)
def test_page_is_self_contained(lang):
    page = _page(lang)
    parser = _Resources()
    parser.feed(page)
    assert parser.loads == [], f"the page loads external resources: {parser.loads}"
    assert not re.search(r"https?://|//cdn|@import|url\(", page), "the page refers to the network"
    assert parser.links == [paths.TYPOLOGY_MAP_NAME.format(lang=[x for x in LANGS if x != lang][0])]
    assert f'<html lang="{lang}">' in page and "<script>" in page and "<svg" in page


@pytest.mark.parametrize("lang", LANGS)
def test_every_initiative_is_in_the_page_with_name_carrier_and_class(lang):
    page = html.unescape(html.unescape(_page(lang)))      # tooltips are HTML inside an attribute
    members = read_processed("typology_membership", dtype={"initiative_id": str}, keep_default_na=False)
    classes = read_processed("typology_classes")
    for row in members.itertuples(index=False):
        assert f"<b>{row.initiative_id}</b> {row.name}" in page, row.initiative_id
        if row.carrier:
            assert row.carrier in page
    for row in classes.itertuples(index=False):
        assert getattr(row, f"name_{lang}") in page
    tips = re.findall(r'data-tip="([^"]*)"', _page(lang))
    held = sum(len(re.findall(r"<li>", html.unescape(t))) for t in tips)
    assert held == len(members), "each initiative is in exactly one disc's tooltip"


def test_pages_are_rebuilt_byte_identical(tmp_path):
    first = [p.read_bytes() for p in write_typology_maps(tmp_path / "a")]
    second = [p.read_bytes() for p in write_typology_maps(tmp_path / "b")]
    assert first == second
    assert first == [_page(lang).encode("utf-8") for lang in LANGS]


def test_page_escapes_names_and_groups_overlapping_initiatives():
    members = pd.DataFrame({"initiative_id": ["I000-001", "I000-002", "I000-003"],
                            "name": ['<script>alert("x")</script>', "Café", "Café & co"],
                            "carrier": ["", "Office", "Amicale"], "cluster": [1, 2, 2],
                            "dim_1": [-0.5, 0.8, 0.8], "dim_2": [0.1, -0.2, -0.2]})
    classes = pd.DataFrame({"cluster": [1, 2], "name_fr": ["Bailleur", "Locataires"],
                            "name_en": ["Landlord", "Tenants"], "n": [1, 2]})
    axes = pd.DataFrame({"dimension": [1, 2], "percentage": [16.9, 8.4]})
    page = typology_page(members, classes, axes, lang="fr")
    assert "<script>alert" not in page
    assert page.count('class="pt"') == 2                   # two initiatives share one position
    assert "16,9 %" in page and "2 initiative(s) à cette position" in html.unescape(page)


def _render(path, tmp_path):
    shot = tmp_path / f"{path.stem}.png"
    run = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         "--enable-logging=stderr", "--v=0", f"--user-data-dir={tmp_path / 'profile'}",
         "--window-size=1400,900", f"--screenshot={shot}", path.resolve().as_uri()],
        capture_output=True, text=True, timeout=120)
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line]
    return shot, console


def _not_blank(png) -> float:
    import matplotlib.image as mpimg

    pixels = mpimg.imread(png)[..., :3]
    return float((np.abs(pixels - pixels[0, 0]).sum(axis=2) > 0.1).mean())


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install -y chromium); "
                                              ".ci/run installs it")
@pytest.mark.parametrize("lang", LANGS)
def test_page_renders_in_headless_chromium_without_console_messages(lang, tmp_path):
    shot, console = _render(paths.REPORTS / paths.TYPOLOGY_MAP_NAME.format(lang=lang), tmp_path)
    assert shot.exists(), "Chromium wrote no screenshot"
    assert console == [], f"console messages: {console}"
    assert _not_blank(shot) > 0.02, "the screenshot is blank"


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install -y chromium)")
def test_the_browser_check_catches_a_console_error(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><p>x</p><script>notDefined();</script>", encoding="utf-8")
    _, console = _render(bad, tmp_path)
    assert any("notDefined" in line for line in console)
