"""The coded inventory as a REFI-QDA project (``.qdpx``) that QDA software opens.

A ``.qdpx`` is a zip holding ``project.qde`` (the project's XML, namespace
``urn:QDA-XML:project:1.0``) and the sources' plain text under ``sources/``.
Here:

- each initiative is a **text source** named by its id and name; its text is
  the inventory's description (``sources/<guid>.txt``);
- each coder is a **user**, named as in the codes folder;
- the codebook is the project's code tree (:mod:`~.refi_qda_codes`);
- each manual code is a **coded selection** spanning the whole description,
  made by its coder on its date, whose description holds the justification
  (and the basis and rule when the code names them).

Every GUID is a UUID 5 of ids, the zip's entries have fixed dates and order,
and the XML is validated against ``Project.xsd`` before it is written: the
same inventory and codes give the same bytes, run to run. To keep coding
blind, export one coder's codes only (``coder=``).

Examples
--------
>>> import io, zipfile, pandas as pd
>>> from housing_research.coding.codebook import codebook
>>> inventory = pd.DataFrame({"initiative_id": ["I000-001"], "name": ["Jardin"],
...                           "description": ["Un jardin partagé porté par l'amicale."]})
>>> codes = pd.DataFrame({"initiative_id": ["I000-001"], "period": ["principal"], "axis": ["origin"],
...                       "code": ["locataires"], "basis": [""], "rule": [""], "coder": ["AB"],
...                       "date": ["2026-11-20"], "justification": ["l'amicale porte le jardin"]})
>>> data = project_archive(inventory, codes, codebook())
>>> sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())[0]
'project.qde'
>>> data == project_archive(inventory, codes, codebook())
True
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
from lxml import etree

from housing_research.coding.codebook import Codebook, codebook
from housing_research.coding.refi_qda_codes import ORIGIN, code_element, code_tree, guid, to_bytes
from housing_research.coding.refi_qda_schema import NAMESPACES, validate
from housing_research.text import is_missing

NS = NAMESPACES["project"]
#: Date and time of every entry of the zip (the earliest a zip can hold), so that its bytes never change.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: How the basis and rule of a code are appended to its justification (read back on import).
BASIS_LINE = "[basis: {basis}; rule: {rule}]"


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def _cell(value) -> str:
    return "" if is_missing(value) else str(value).strip()


def source_name(initiative_id: str, name: str) -> str:
    """The name a source gets: the initiative id, then its name (the id is read back on import).

    Examples
    --------
    >>> source_name("I000-001", "Jardin partagé")
    'I000-001 Jardin partagé'
    """
    return f"{initiative_id} {name}".strip()


def justification_text(justification: str, basis: str = "", rule: str = "") -> str:
    """The selection's description: the justification, then the basis and rule when there are.

    Examples
    --------
    >>> print(justification_text("le bailleur décide", "inferred", "D-LANDLORD"))
    le bailleur décide
    [basis: inferred; rule: D-LANDLORD]
    """
    if not basis and not rule:
        return justification
    return f"{justification}\n{BASIS_LINE.format(basis=basis, rule=rule)}"


def _selection(parent, rec: dict, length: int) -> None:
    key = (rec["initiative_id"], rec["period"], rec["axis"], rec["code"], rec["coder"], rec["date"])
    user, when = guid("user", rec["coder"]), f"{rec['date']}T00:00:00Z"
    selection = etree.SubElement(parent, _tag("PlainTextSelection"), {
        "guid": guid("selection", *key), "startPosition": "0", "endPosition": str(length),
        "creatingUser": user, "creationDateTime": when})
    etree.SubElement(selection, _tag("Description")).text = justification_text(
        rec["justification"], rec["basis"], rec["rule"])
    coding = etree.SubElement(selection, _tag("Coding"), {
        "guid": guid("coding", *key), "creatingUser": user, "creationDateTime": when})
    etree.SubElement(coding, _tag("CodeRef"), {"targetGUID": guid(rec["period"], rec["axis"], rec["code"])})


def _sources(root, inventory: pd.DataFrame, codes: pd.DataFrame) -> dict[str, bytes]:
    files = {}
    by_initiative = {key: group for key, group in codes.groupby("initiative_id", sort=False)}
    sources = etree.SubElement(root, _tag("Sources"))
    for rec in inventory.to_dict("records"):
        initiative, text = _cell(rec["initiative_id"]), _cell(rec["description"])
        source_guid = guid("source", initiative)
        source = etree.SubElement(sources, _tag("TextSource"), {
            "guid": source_guid, "name": source_name(initiative, _cell(rec.get("name"))),
            "plainTextPath": f"internal://{source_guid}.txt"})
        about = "; ".join(f"{column}: {_cell(rec.get(column))}" for column in ("carrier", "source_docs")
                          if _cell(rec.get(column)))
        if about:
            etree.SubElement(source, _tag("Description")).text = about
        group = by_initiative.get(initiative)
        if group is not None:
            for code in group.to_dict("records"):
                _selection(source, code, len(text))
        files[f"sources/{source_guid}.txt"] = text.encode("utf-8")
    return files


def project_document(inventory: pd.DataFrame, codes: pd.DataFrame, cb: Codebook | None = None,
                     lang: str = "fr", name: str = "housing-research",
                     users: tuple[str, ...] = ()) -> tuple[bytes, dict[str, bytes]]:
    """The project's XML (``project.qde``, validated) and its source files (``sources/<guid>.txt``).

    Parameters
    ----------
    inventory : DataFrame
        One row per initiative: ``initiative_id``, ``name``, ``description``
        (``carrier`` and ``source_docs`` go into the source's description).
    codes : DataFrame
        Manual codes, columns of :data:`~.manual_codes.COLUMNS`.
    cb : Codebook, optional
    lang : {"fr", "en"}
        Language of the code names.
    name : str
        The project's name.
    users : tuple of str
        Coders to list as users even without codes (a new coder's project).
    """
    cb = cb or codebook()
    codes = codes.astype(object).where(codes.notna(), "").map(lambda v: str(v).strip())
    unknown = sorted(set(codes["initiative_id"]) - set(inventory["initiative_id"].astype(str)))
    if unknown:
        raise ValueError(f"codes of initiatives not in the inventory: {', '.join(unknown[:5])}")
    root = etree.Element(_tag("Project"), {"name": name, "origin": ORIGIN}, nsmap={None: NS})
    coders = sorted(set(codes["coder"]) | set(users))
    if coders:
        users = etree.SubElement(root, _tag("Users"))
        for coder in coders:
            etree.SubElement(users, _tag("User"), {"guid": guid("user", coder), "name": coder, "id": coder})
    code_book = etree.SubElement(root, _tag("CodeBook"))
    code_element(code_tree(cb, lang), etree.SubElement(code_book, _tag("Codes")), NS)
    files = _sources(root, inventory, codes)
    etree.SubElement(root, _tag("Description")).text = (
        f"Exported by {ORIGIN} with codebook {cb.version}: {len(inventory)} initiatives, {len(codes)} codes "
        f"by {codes['coder'].nunique()} coder(s). Each source is an initiative's description; code it with the codebook's "
        "codes, then import the project back with `housing-research qda import`.")
    validate(root, "project")
    return to_bytes(root), files


def project_archive(inventory: pd.DataFrame, codes: pd.DataFrame, cb: Codebook | None = None,
                    lang: str = "fr", name: str = "housing-research", users: tuple[str, ...] = ()) -> bytes:
    """The ``.qdpx`` zip as bytes (see :func:`project_document` for the parameters)."""
    document, files = project_document(inventory, codes, cb, lang, name, users)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry, data in [("project.qde", document), *sorted(files.items())]:
            info = zipfile.ZipInfo(entry, date_time=ZIP_DATE)
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def write_project(path, inventory: pd.DataFrame, codes: pd.DataFrame, cb: Codebook | None = None,
                  lang: str = "fr", coder: str | None = None) -> Path:
    """Write the ``.qdpx`` project to ``path``; with ``coder``, that coder's codes only (blind coding).

    Returns
    -------
    Path
        The file written.
    """
    if coder is not None:
        codes = codes[codes["coder"].astype(str).str.strip() == coder]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    name = f"housing-research {coder or ''}".strip()
    path.write_bytes(project_archive(inventory, codes, cb, lang, name, users=(coder,) if coder else ()))
    return path
