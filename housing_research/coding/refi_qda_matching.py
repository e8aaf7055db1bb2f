"""Matching the codes of a REFI-QDA file back to the codebook, and reading a ``.qdc``.

A QDA tool may keep the GUIDs the project wrote or give codes new ones, and a
coder may rename a code; so each code of a file is matched by its GUID first,
then by its path of names (period, axis, category) in either language. A
codable code that matches neither, a code of another codebook version, and a
coding on a group (an axis rather than a category) are refused with an
:class:`~housing_research.InputError` naming the code and the fix.

Examples
--------
>>> from housing_research.coding.codebook import codebook
>>> from housing_research.coding.refi_qda_codes import codebook_document
>>> table = read_codebook_file(codebook_document(codebook(), "en"))
>>> len(table), int(table["in_file"].sum()), table.loc[0, ["period", "axis", "code", "name_in_file"]].tolist()
(80, 80, ['principal', 'origin', 'locataires', 'Tenants and inhabitants'])
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
from lxml import etree

from housing_research.coding.codebook import Codebook, codebook
from housing_research.coding.refi_qda_codes import QdaCode, code_tree, guid
from housing_research.coding.refi_qda_schema import NAMESPACES, validate
from housing_research.errors import InputError
from housing_research.i18n import LANGS
from housing_research.text import did_you_mean, fold

_VERSION = re.compile(r"housing-research codebook version: (\S+)")
_ROOT = guid("root")
_FIX_UNKNOWN = ("the codebook is housing_research/coding/codebook.yaml: add the code there (with its definition, "
                "in a new codebook version) or, in the QDA tool, merge it into one of the codebook's codes and "
                "export again")


def known_codes(cb: Codebook) -> tuple[dict[str, QdaCode], dict[tuple[str, ...], QdaCode]]:
    """The codebook's codes by GUID and by folded path of names (every language)."""
    by_guid, by_path = {}, {}
    for lang in LANGS:
        for path, code in code_tree(cb, lang).walk():
            by_guid[code.guid] = code
            by_path[tuple(fold(name) for name in path)] = code
    return by_guid, by_path


def _name(element) -> str:
    return (element.get("name") or "").strip()


def _path_text(path: tuple[str, ...]) -> str:
    return " / ".join(path)


def check_version(codes_element, cb: Codebook, file: str) -> None:
    """Refuse a file made with another version of the codebook (when the file still says which)."""
    for code in codes_element.iter("{*}Code"):
        description = code.find("{*}Description")
        found = _VERSION.search(description.text or "") if description is not None else None
        if code.get("guid", "").upper() == _ROOT or found:
            if found and found.group(1) != cb.version:
                raise InputError(f"made with codebook {found.group(1)}; the current codebook is {cb.version}",
                                 file=file, column="Code", value=_name(code),
                                 suggestion=f"export a new project with codebook {cb.version} "
                                            "(housing-research qda export) and carry the codings over, or "
                                            f"import with codebook {found.group(1)}")
            return


def _resolve(element, path, by_guid, by_path, file):
    code = by_guid.get((element.get("guid") or "").upper())
    if code is None:
        folded = tuple(fold(name) for name in path)
        code = by_path.get(folded) or by_path.get(folded[1:])       # with or without the root
    if code is None and element.get("isCodable", "").strip().lower() in ("true", "1"):
        known = [_path_text(p) for p in by_path if by_path[p].codable]
        near = did_you_mean(fold(_path_text(path[-3:])), known)
        raise InputError(f"code unknown to the codebook: {_path_text(path)!r} (guid {element.get('guid')})",
                         file=file, column="Code", value=_name(element),
                         suggestion=f"{_FIX_UNKNOWN}{'; ' + near if near.startswith('did') else ''}")
    return code


def match_codes(codes_element, cb: Codebook | None = None, file: str = "REFI-QDA file") -> dict[str, QdaCode]:
    """Map every code GUID of a file's ``<Codes>`` to the codebook's code (groups included, names as in the file).

    Raises
    ------
    InputError
        A codable code unknown to the codebook, or a file of another codebook version.
    """
    cb = cb or codebook()
    check_version(codes_element, cb, file)
    by_guid, by_path = known_codes(cb)
    mapping = {}

    def visit(element, path):
        path = (*path, _name(element))
        code = _resolve(element, path, by_guid, by_path, file)
        if code is not None:                                # named as in the file, for the messages
            mapping[(element.get("guid") or "").upper()] = dataclasses.replace(code, name=_name(element))
        for child in element.findall("{*}Code"):
            visit(child, path)

    for top in codes_element.findall("{*}Code"):
        visit(top, ())
    return mapping


def coded_category(mapping: dict[str, QdaCode], target: str, file: str, where: str) -> QdaCode:
    """The category a coding's ``CodeRef`` points to; a clear error for a group or a missing code."""
    code = mapping.get((target or "").upper())
    if code is None:
        raise InputError(f"a coding refers to code {target!r}, which is not in the file's codebook", file=file,
                         column="CodeRef", value=where,
                         suggestion="the file is incomplete: export the project again from the QDA tool")
    if not code.codable:
        raise InputError(f"coded with {code.name!r}, a group of codes, not a category", file=file,
                         column="Coding", value=where,
                         suggestion=f"in the QDA tool, code the segment with one of the categories under "
                                    f"{code.name!r} instead")
    return code


def parse_xml(data: bytes, kind: str, file: str):
    """Parse and validate a REFI-QDA document; a clear error when it is not one."""
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as err:
        raise InputError(f"not an XML file: {err}", file=file,
                         suggestion="export it again from the QDA tool as a REFI-QDA file") from None
    expected = f"{{{NAMESPACES[kind]}}}{'CodeBook' if kind == 'codebook' else 'Project'}"
    if root.tag != expected:
        raise InputError(f"not a REFI-QDA {kind}: the root element is {root.tag!r}, expected {expected!r}",
                         file=file, suggestion="a codebook is a .qdc file, a project a .qdpx file")
    validate(root, kind, file)
    return root


def read_codebook_file(source, cb: Codebook | None = None) -> pd.DataFrame:
    """Read a REFI-QDA codebook (``.qdc`` path or bytes) and compare it with the codebook.

    Returns
    -------
    DataFrame
        One row per category of the codebook: ``period``, ``axis``, ``code``,
        ``guid``, ``in_file`` (the file has it), ``name_in_file``.

    Raises
    ------
    InputError
        Not a REFI-QDA codebook, not valid against ``Codebook.xsd``, another
        codebook version, or a code unknown to the codebook.
    """
    cb = cb or codebook()
    if isinstance(source, bytes):
        data, file = source, "REFI-QDA codebook"
    else:
        data, file = Path(source).read_bytes(), Path(source).name
    root = parse_xml(data, "codebook", file)
    codes_element = root.find("{*}Codes")
    mapping = match_codes(codes_element, cb, file)
    names = {}
    for element in codes_element.iter("{*}Code"):
        code = mapping.get((element.get("guid") or "").upper())
        if code is not None:
            names[code.guid] = _name(element)
    rows = [{"period": c.period, "axis": c.axis, "code": c.code, "guid": c.guid, "in_file": c.guid in names,
             "name_in_file": names.get(c.guid, "")} for _, c in code_tree(cb).walk() if c.codable]
    return pd.DataFrame(rows)
