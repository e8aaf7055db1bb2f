"""The codebook as a REFI-QDA code tree, and the ``.qdc`` codebook file.

QDA software (QualCoder, ATLAS.ti, NVivo, MAXQDA) knows codes, not axes and
periods, so the codebook becomes a tree of codes::

    Codebook 2.0.0                      (root, not codable)
      Fonctionnement décrit             (a period: principal, debut, covid)
        Origine                         (an axis; principal period only, rule O-FIXED)
          Locataires et habitants       (a category: codable)
          ...
          Inconnu
        Institutionnalisation
          Animation ... Financement     (the four dimensions)
        Registre d'action

Every code's GUID is a UUID 5 of its period, axis and category, so an export
is byte-identical run to run and a code keeps its GUID from one export to the
next; the root's description carries the codebook version, which an import
checks. Descriptions hold the codebook's definitions.

Examples
--------
>>> from housing_research.coding.codebook import codebook
>>> tree = code_tree(codebook(), "en")
>>> [period.name for period in tree.children]
['Functioning described', 'At the start', 'During the crisis']
>>> origin = tree.children[0].children[0]
>>> origin.name, [c.code for c in origin.children]
('Origin', ['locataires', 'bailleur', 'collectivite', 'tiers', 'inconnu'])
>>> origin.children[0].guid == guid("principal", "origin", "locataires")
True
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from lxml import etree

from housing_research.coding.codebook import PERIODS, Codebook
from housing_research.coding.codebook_checks import DIMENSIONS
from housing_research.coding.refi_qda_schema import NAMESPACES, validate
from housing_research.i18n import text

#: Namespace of every GUID the project writes (UUID 5 of ``housing-research/refi-qda``).
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "housing-research/refi-qda")
#: Name of the software written in the ``origin`` attribute.
ORIGIN = "housing-research"
#: How the root code's description states the codebook version (read back on import).
VERSION_LINE = "housing-research codebook version: {version}"
#: The periods in the order a coder meets them: the functioning described first.
PERIOD_ORDER = ("principal", *(p for p in PERIODS if p != "principal"))
#: Colour of each axis's codes in the QDA software.
COLOURS = {"origin": "#1B9E77", "animation": "#D95F02", "gestion": "#D95F02", "decision": "#D95F02",
           "financement": "#D95F02", "register": "#7570B3"}


def guid(*parts: str) -> str:
    """The deterministic GUID of a project element named by ``parts`` (upper case, as QDA tools write them).

    Examples
    --------
    >>> guid("source", "I000-001") == guid("source", "I000-001"), len(guid("root"))
    (True, 36)
    """
    return str(uuid.uuid5(GUID_NAMESPACE, "/".join(parts))).upper()


@dataclass(frozen=True)
class QdaCode:
    """One code of the tree: a group (period, axis) or a codable category.

    Attributes
    ----------
    guid, name, description : str
        As written in the REFI-QDA file.
    period, axis, code : str
        What the code stands for; ``code`` is empty for a group, ``axis`` for a
        period or the institutionalisation group.
    children : tuple of QdaCode
    colour : str or None
        ``#RRGGBB``.
    """

    guid: str
    name: str
    description: str
    period: str = ""
    axis: str = ""
    code: str = ""
    children: tuple["QdaCode", ...] = ()
    colour: str | None = None

    @property
    def codable(self) -> bool:
        """Whether a segment can be coded with it (categories only)."""
        return bool(self.code)

    def walk(self, path: tuple[str, ...] = ()):
        """Yield ``(path of names from the root's children, code)`` for every code below this one."""
        for child in self.children:
            yield (*path, child.name), child
            yield from child.walk((*path, child.name))


def _axis_codes(cb: Codebook, period: str, axis: str, lang: str) -> QdaCode:
    categories = (*cb.categories(axis), cb.unknown_category)
    children = tuple(QdaCode(guid(period, axis, c.code), c.label(lang), c.definition, period, axis, c.code,
                             colour=COLOURS[axis]) for c in categories)
    definition = cb.axis(axis).definition if axis in ("origin", "register") else ""
    return QdaCode(guid(period, axis), cb.axis_label(axis, lang), definition, period, axis, "", children,
                   COLOURS[axis])


def _period_codes(cb: Codebook, period: str, lang: str) -> QdaCode:
    axes = []
    if period == "principal":                                 # rule O-FIXED: origin once, at the principal period
        axes.append(_axis_codes(cb, period, "origin", lang))
    inst = cb.axis("institutionalisation")
    axes.append(QdaCode(guid(period, "institutionalisation"), inst.label(lang), inst.definition, period, "", "",
                        tuple(_axis_codes(cb, period, d, lang) for d in DIMENSIONS)))
    axes.append(_axis_codes(cb, period, "register", lang))
    name = text(f"typology.period.{period}", lang)
    return QdaCode(guid(period), name[:1].upper() + name[1:], "", period, "", "", tuple(axes))


def code_tree(cb: Codebook, lang: str = "fr") -> QdaCode:
    """The codebook's manual axes as a REFI-QDA code tree (see the module docstring).

    Parameters
    ----------
    cb : Codebook
    lang : {"fr", "en"}
        Language of the code names (definitions are the codebook's).

    Returns
    -------
    QdaCode
        The root (not codable); its description states the codebook version.
    """
    description = (VERSION_LINE.format(version=cb.version)
                   + "\nTypology of collaborative practices: code each initiative's description once per axis "
                     "and period (several origins or registers allowed); origin at the functioning described "
                     "only (rule O-FIXED); the start and the crisis record changes only.")
    return QdaCode(guid("root"), f"Codebook {cb.version}", description, "", "", "",
                   tuple(_period_codes(cb, p, lang) for p in PERIOD_ORDER))


def code_element(code: QdaCode, parent, namespace: str):
    """Append ``code`` and its children as ``<Code>`` elements of ``namespace`` to ``parent``."""
    attributes = {"guid": code.guid, "name": code.name, "isCodable": "true" if code.codable else "false"}
    if code.colour:
        attributes["color"] = code.colour
    element = etree.SubElement(parent, f"{{{namespace}}}Code", attributes)
    if code.description:
        etree.SubElement(element, f"{{{namespace}}}Description").text = code.description
    for child in code.children:
        code_element(child, element, namespace)
    return element


def to_bytes(root) -> bytes:
    """An lxml tree as the bytes the project writes: UTF-8, declaration, indented, ``\\n`` line ends."""
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def codebook_document(cb: Codebook, lang: str = "fr") -> bytes:
    """The codebook as a REFI-QDA ``.qdc`` document, validated against ``Codebook.xsd``.

    Examples
    --------
    >>> from housing_research.coding.codebook import codebook
    >>> xml = codebook_document(codebook(), "en")
    >>> xml.splitlines()[1].decode()
    '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="housing-research">'
    >>> xml == codebook_document(codebook(), "en")
    True
    """
    namespace = NAMESPACES["codebook"]
    root = etree.Element(f"{{{namespace}}}CodeBook", {"origin": ORIGIN}, nsmap={None: namespace})
    codes = etree.SubElement(root, f"{{{namespace}}}Codes")
    code_element(code_tree(cb, lang), codes, namespace)
    validate(root, "codebook")
    return to_bytes(root)
