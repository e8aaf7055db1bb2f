"""The codebook's decision rules applied by the rule-based coder where the who-fields are silent.

:func:`derive` first reads the who-fields (``animated_by``, ``managed_by``,
``decided_by``, ``funded_by``): a code found there is *stated*. For a
dimension still unknown, :func:`infer_dimensions` applies, in order, the
decision rules of the codebook that a text can support, and records the rule:

- ``A-STAFF`` / ``A-INHABITANTS`` — the description names staff doing the
  activities (caretakers, social workers, a provider...) or inhabitants
  running them (volunteers, neighbours, an amicale): animation
  ``institution`` / ``habitants``, ``partage`` when both appear;
- ``D-CONSULT`` — a consultation (council, survey, focus group): decision
  ``institution``;
- ``G-OWN``, ``D-OWN``, ``F-OWN`` — one organisation's own action (a single
  institutional origin, and no inhabitants in the animation): management,
  decision and funding ``institution``; a tenants' group's own action (origin
  ``locataires`` only, animation not held by an institution): management and
  decision ``habitants``, and funding ``habitants`` by ``F-INHABITANTS``.

The indicators of ``A-STAFF``, ``A-INHABITANTS`` and ``D-CONSULT`` are listed
in the codebook with the rules. Nothing else is guessed.

Examples
--------
>>> from housing_research.coding.codebook import codebook
>>> infer_dimensions("Les gardiens appellent les locataires âgés.", {"bailleur"}, {}, codebook())
{'animation': ('institution', 'A-STAFF: gardien*'), 'gestion': ('institution', 'G-OWN'), \
'decision': ('institution', 'D-OWN'), 'financement': ('institution', 'F-OWN')}
"""

from __future__ import annotations

from housing_research.coding.codebook import Codebook
from housing_research.coding.indicators import IndicatorMatcher

_MATCHERS: dict = {}


def _matcher(cb: Codebook, rule_id: str) -> IndicatorMatcher:
    key = (id(cb), rule_id)
    if key not in _MATCHERS:
        rule = cb.rule(rule_id)
        _MATCHERS[key] = IndicatorMatcher([(i, rule_id, i) for i in rule.indicators])
    return _MATCHERS[key]


def _animation(text: str, cb: Codebook) -> tuple[str, str] | None:
    staff = _matcher(cb, "A-STAFF").find(text)
    inhabitants = _matcher(cb, "A-INHABITANTS").find(text)
    if staff and inhabitants:
        return "partage", f"A-STAFF: {staff[0][1]} + A-INHABITANTS: {inhabitants[0][1]}"
    if staff:
        return "institution", f"A-STAFF: {staff[0][1]}"
    if inhabitants:
        return "habitants", f"A-INHABITANTS: {inhabitants[0][1]}"
    return None


def infer_dimensions(text: str, origin: set[str], stated: dict, cb: Codebook) -> dict[str, tuple[str, str]]:
    """Codes the decision rules give to the dimensions ``stated`` leaves unknown: ``{dim: (code, rule)}``.

    Parameters
    ----------
    text : str
        The initiative's name and description.
    origin : set of str
        Its origin codes (``inconnu`` left out).
    stated : dict
        Dimension codes read from the who-fields (missing = unknown).
    cb : Codebook
    """
    out: dict[str, tuple[str, str]] = {}
    if "animation" not in stated:
        found = _animation(text, cb)
        if found:
            out["animation"] = found
    if "decision" not in stated:
        consult = _matcher(cb, "D-CONSULT").find(text)
        if consult:
            out["decision"] = ("institution", f"D-CONSULT: {consult[0][1]}")
    animation = stated.get("animation") or out.get("animation", (None,))[0]
    own = {"gestion": "G-OWN", "decision": "D-OWN", "financement": "F-OWN"}
    if len(origin) == 1 and origin != {"locataires"} and animation in (None, "institution"):
        out.update({d: ("institution", r) for d, r in own.items() if d not in stated and d not in out})
    elif origin == {"locataires"} and animation in (None, "habitants"):
        own["financement"] = "F-INHABITANTS"
        out.update({d: ("habitants", r) for d, r in own.items() if d not in stated and d not in out})
    return {d: out[d] for d in ("animation", "gestion", "decision", "financement") if d in out}
