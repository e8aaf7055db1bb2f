"""The interactive typology map: one self-contained HTML page per language.

The page draws the first plane of the specific MCA as inline SVG: one disc
per position, its area growing with the number of initiatives that share it
(many initiatives have the same codes, hence the same coordinates), coloured
and shaped by class. Hovering over a disc, or focusing it with the keyboard,
shows each initiative's id, name, carrier and class (ideal type); clicking a
class in the legend hides or shows it. Everything is inline (CSS, a few lines
of JavaScript, SVG): the page opens offline, with no network request. Its
bytes depend only on the processed tables, so two builds give the same file.

Examples
--------
>>> import pandas as pd
>>> members = pd.DataFrame({"initiative_id": ["I000-001", "I000-002", "I000-003"],
...     "name": ["Jardin <partagé>", "Café", "Café bis"], "carrier": ["Office", "", "Amicale"],
...     "cluster": [1, 2, 2], "dim_1": [-0.5, 0.8, 0.8], "dim_2": [0.1, -0.2, -0.2]})
>>> classes = pd.DataFrame({"cluster": [1, 2], "name_fr": ["Bailleur", "Locataires"],
...     "name_en": ["Landlord", "Tenants"], "n": [1, 2]})
>>> axes = pd.DataFrame({"dimension": [1, 2], "percentage": [16.9, 8.4]})
>>> page = typology_page(members, classes, axes, lang="en")
>>> page.startswith("<!DOCTYPE html>"), "Jardin <partagé>" in page, "http" in page   # names are escaped
(True, False, False)
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from housing_research import paths
from housing_research.figures.style import PALETTE
from housing_research.i18n import LANGS, check_lang, number, text
from housing_research.tables import read_processed

#: Size of the plot in SVG units, and its margin.
WIDTH, HEIGHT, MARGIN = 880, 560, 56
#: Shapes drawn per class (the same order as the matplotlib markers): disc, square, triangle, diamond.
SHAPES = ("circle", "square", "triangle", "diamond", "circle", "square", "triangle", "diamond")

_CSS = """body{font-family:DejaVu Sans,Verdana,sans-serif;margin:1.5em;color:#222;background:#fff}
h1{font-size:1.3em;margin:0 0 .3em}p{max-width:60em;margin:.3em 0}
#map{display:flex;gap:1.5em;align-items:flex-start;flex-wrap:wrap}
svg{border:1px solid #ccc;background:#fff}.pt{stroke:#000;stroke-width:.6;fill-opacity:.8;cursor:pointer}
.pt:hover,.pt:focus{stroke-width:2;outline:none}.axis{stroke:#999;stroke-width:.8}
.lab{font-size:13px;fill:#333}.tick{font-size:11px;fill:#555}
#legend{list-style:none;padding:0;margin:0;max-width:22em}#legend li{margin:.3em 0;cursor:pointer}
#legend li.off{opacity:.35}#legend svg{border:none;vertical-align:middle}
#tip{position:fixed;display:none;background:#fffbe6;border:1px solid #888;padding:.4em .6em;
max-width:26em;font-size:13px;pointer-events:none}#tip ul{margin:.2em 0;padding-left:1.1em}"""

_JS = """(function(){var tip=document.getElementById('tip');
function show(e){var g=e.currentTarget;tip.innerHTML=g.getAttribute('data-tip');tip.style.display='block';
var x=(e.clientX||g.getBoundingClientRect().right)+14,y=(e.clientY||g.getBoundingClientRect().top)+14;
tip.style.left=Math.min(x,window.innerWidth-tip.offsetWidth-8)+'px';
tip.style.top=Math.min(y,window.innerHeight-tip.offsetHeight-8)+'px';}
function hide(){tip.style.display='none';}
document.querySelectorAll('.pt').forEach(function(p){p.addEventListener('mousemove',show);
p.addEventListener('focus',show);p.addEventListener('mouseleave',hide);p.addEventListener('blur',hide);});
document.querySelectorAll('#legend li').forEach(function(li){li.addEventListener('click',function(){
var k=li.getAttribute('data-k'),off=li.classList.toggle('off');
document.querySelectorAll('.pt[data-k="'+k+'"]').forEach(function(p){p.style.display=off?'none':'';});});});
})();"""


def _shape(kind: str, x: float, y: float, r: float, attrs: str) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {attrs}/>'
    if kind == "square":
        s = r * 0.89
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" {attrs}/>'
    if kind == "triangle":
        r = r * 1.2
        pts = [(x, y - r), (x + r * 0.866, y + r / 2), (x - r * 0.866, y + r / 2)]
    else:
        r = r * 1.15
        pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    return f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in pts)}" {attrs}/>'


def _scale(values: np.ndarray, lo: float, hi: float):
    vmin, vmax = float(values.min()), float(values.max())
    pad = 0.06 * (vmax - vmin or 1.0)
    vmin, vmax = vmin - pad, vmax + pad
    return lambda v: lo + (v - vmin) / (vmax - vmin) * (hi - lo), (vmin, vmax)


def _class_name(classes: pd.DataFrame, k: int, lang: str) -> str:
    row = classes.set_index("cluster").loc[k]
    return f"{text('typology.cluster', lang)} {k} — {row[f'name_{lang}']}"


def _tooltip(group: pd.DataFrame, classes: pd.DataFrame, lang: str) -> str:
    t = "typology_map"
    items = []
    for r in group.itertuples(index=False):
        carrier = r.carrier if isinstance(r.carrier, str) and r.carrier else text(f"{t}.no_carrier", lang)
        items.append(f"<li><b>{html.escape(r.initiative_id)}</b> {html.escape(str(r.name))}<br>"
                     f"{html.escape(text(f'{t}.carrier', lang))} {html.escape(carrier)}</li>")
    head = html.escape(_class_name(classes, int(group["cluster"].iloc[0]), lang))
    count = text(f"{t}.count", lang, n=len(group))
    return f"<b>{head}</b><br>{html.escape(count)}<ul>{''.join(items)}</ul>"


def _points(members: pd.DataFrame, classes: pd.DataFrame, lang: str) -> list[str]:
    sx, _ = _scale(members["dim_1"].to_numpy(), MARGIN, WIDTH - 16)
    sy, _ = _scale(members["dim_2"].to_numpy(), HEIGHT - MARGIN, 16)
    keys = members.assign(x=members["dim_1"].round(6), y=members["dim_2"].round(6))
    out = []
    groups = keys.groupby(["cluster", "x", "y"], sort=True)
    for (k, x, y), group in sorted(groups, key=lambda item: -len(item[1])):   # big discs first, small on top
        group = group.sort_values("initiative_id", kind="stable")
        r = 4.5 * np.sqrt(len(group))
        label = f"{text('typology.cluster', lang)} {k}: " + ", ".join(group["initiative_id"])
        attrs = (f'class="pt" data-k="{k}" tabindex="0" fill="{PALETTE[(k - 1) % len(PALETTE)]}" '
                 f'aria-label="{html.escape(label)}" data-tip="{html.escape(_tooltip(group, classes, lang))}"')
        out.append(_shape(SHAPES[(k - 1) % len(SHAPES)], sx(x), sy(y), r, attrs))
    return out


def _frame(members: pd.DataFrame, axes: pd.DataFrame, lang: str) -> list[str]:
    sx, (x0, x1) = _scale(members["dim_1"].to_numpy(), MARGIN, WIDTH - 16)
    sy, (y0, y1) = _scale(members["dim_2"].to_numpy(), HEIGHT - MARGIN, 16)
    pct = axes.set_index("dimension")["percentage"]
    out = [f'<line class="axis" x1="{sx(x0):.1f}" y1="{sy(0):.1f}" x2="{sx(x1):.1f}" y2="{sy(0):.1f}"/>',
           f'<line class="axis" x1="{sx(0):.1f}" y1="{sy(y0):.1f}" x2="{sx(0):.1f}" y2="{sy(y1):.1f}"/>']
    for v in np.arange(np.ceil(x0 * 2) / 2, x1, 0.5):
        out.append(f'<text class="tick" x="{sx(v):.1f}" y="{HEIGHT - MARGIN + 16}" text-anchor="middle">'
                   f'{number(v, lang, 1)}</text>')
    for v in np.arange(np.ceil(y0 * 2) / 2, y1, 0.5):
        out.append(f'<text class="tick" x="{MARGIN - 6}" y="{sy(v) + 4:.1f}" text-anchor="end">'
                   f'{number(v, lang, 1)}</text>')
    for d, x, y, rot in ((1, (MARGIN + WIDTH) / 2, HEIGHT - 12, ""), (2, 16, HEIGHT / 2, " rotate(-90)")):
        label = text("typology_map.dim", lang, d=d, pct=number(pct[d], lang, 1))
        out.append(f'<text class="lab" text-anchor="middle" transform="translate({x:.1f},{y:.1f}){rot}">'
                   f'{html.escape(label)}</text>')
    return out


def _legend(classes: pd.DataFrame, lang: str) -> list[str]:
    out = ['<ul id="legend">']
    for row in classes.sort_values("cluster").itertuples(index=False):
        k = int(row.cluster)
        icon = _shape(SHAPES[(k - 1) % len(SHAPES)], 9, 9, 6, f'fill="{PALETTE[(k - 1) % len(PALETTE)]}" '
                      'stroke="#000" stroke-width="0.6"')
        name = html.escape(f"{_class_name(classes, k, lang)} (n = {int(row.n)})")
        out.append(f'<li data-k="{k}"><svg width="18" height="18" aria-hidden="true">{icon}</svg> {name}</li>')
    out.append("</ul>")
    return out


def typology_page(members: pd.DataFrame, classes: pd.DataFrame, axes: pd.DataFrame, lang: str = "fr") -> str:
    """The HTML page of the typology map in ``lang``, as a string.

    Parameters
    ----------
    members : DataFrame
        ``typology_membership.csv``: ``initiative_id``, ``name``, ``carrier``,
        ``cluster``, ``dim_1``, ``dim_2``.
    classes : DataFrame
        ``typology_classes.csv``: ``cluster``, ``name_fr``, ``name_en``, ``n``.
    axes : DataFrame
        ``typology_axes.csv``: ``dimension``, ``percentage``.
    lang : {"fr", "en"}
        Language of the page.
    """
    check_lang(lang)
    t = "typology_map"
    other = [code for code in LANGS if code != lang][0]
    positions = members.groupby([members["dim_1"].round(6), members["dim_2"].round(6)]).ngroups
    intro = text(f"{t}.intro", lang, n=len(members), k=len(classes), p=positions)
    svg = [f'<svg id="plane" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-label="{html.escape(text(f"{t}.title", lang))}">', *_frame(members, axes, lang),
           *_points(members, classes, lang), "</svg>"]
    lines = ["<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{html.escape(text(f'{t}.title', lang))}</title>", f"<style>{_CSS}</style>", "</head>",
             "<body>", f"<h1>{html.escape(text(f'{t}.title', lang))}</h1>", f"<p>{html.escape(intro)}</p>",
             f'<p><a href="{paths.TYPOLOGY_MAP_NAME.format(lang=other)}" hreflang="{other}">'
             f"{html.escape(text(f'{t}.other_language', lang))}</a></p>",
             '<div id="map">', *svg, *_legend(classes, lang), "</div>", '<div id="tip" role="tooltip"></div>',
             f"<script>{_JS}</script>", "</body>", "</html>", ""]
    return "\n".join(lines)


def write_typology_maps(directory=None, processed=None) -> list:
    """Write ``typology_map_fr.html`` and ``typology_map_en.html`` into ``directory`` (default ``reports/``).

    The pages are drawn from the processed typology tables of ``processed``
    (default ``data/processed``); a file whose content is unchanged is not
    rewritten. Returns the paths written.
    """
    from pathlib import Path

    members = read_processed("typology_membership", processed, dtype={"initiative_id": str}, keep_default_na=False)
    classes = read_processed("typology_classes", processed)
    axes = read_processed("typology_axes", processed)
    folder = Path(directory) if directory is not None else paths.REPORTS
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGS:
        target = folder / paths.TYPOLOGY_MAP_NAME.format(lang=lang)
        page = typology_page(members, classes, axes, lang)
        if not target.exists() or target.read_text(encoding="utf-8") != page:
            target.write_text(page, encoding="utf-8", newline="\n")
        written.append(target)
    return written
