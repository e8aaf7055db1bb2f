"""Reading a REFI-QDA project (``.qdpx``) back: each coder's codes, with their provenance.

The project may come back from QualCoder, ATLAS.ti, NVivo or MAXQDA: every
coding of a segment of an initiative's description by a user becomes a row
of that user's manual codes (long format, :data:`~.manual_codes.COLUMNS`),
with where it came from (``qda_file``, ``qda_sha256``, ``qda_origin``,
``qda_selection``). The coder is the user's name, the date the coding's; the
justification is the segment's description, or else the coded passage itself.

Sources are matched to initiatives by GUID, else by the initiative id that
starts their name; codes by GUID, else by their names
(:mod:`~.refi_qda_matching`). Unknown codes, unknown sources, codings on a
group, codings without a user, two codes on a single-code dimension and files
of another codebook version are refused with an
:class:`~housing_research.InputError` naming the element and the fix.

Examples
--------
>>> import pandas as pd
>>> from housing_research.coding.codebook import codebook
>>> from housing_research.coding.refi_qda_project import project_archive
>>> inventory = pd.DataFrame({"initiative_id": ["I000-001"], "name": ["Jardin"],
...                           "description": ["Un jardin partagé porté par l'amicale."]})
>>> codes = pd.DataFrame({"initiative_id": ["I000-001"], "period": ["principal"], "axis": ["origin"],
...                       "code": ["locataires"], "basis": [""], "rule": [""], "coder": ["AB"],
...                       "date": ["2026-11-20"], "justification": ["l'amicale porte le jardin"]})
>>> back = read_project(project_archive(inventory, codes, codebook()), ["I000-001"])
>>> back[["initiative_id", "axis", "code", "coder", "date", "justification"]].values.tolist()
[['I000-001', 'origin', 'locataires', 'AB', '2026-11-20', "l'amicale porte le jardin"]]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from pathlib import Path

import pandas as pd

from housing_research import paths
from housing_research.coding.codebook import MULTI_AXES, PERIODS, Codebook, codebook
from housing_research.coding.manual_codes import COLUMNS
from housing_research.coding.refi_qda_codes import guid
from housing_research.coding.refi_qda_matching import coded_category, match_codes, parse_xml
from housing_research.errors import InputError
from housing_research.tables import write_table
from housing_research.text import did_you_mean

#: Provenance columns added to the manual codes.
PROVENANCE: tuple[str, ...] = ("qda_file", "qda_sha256", "qda_origin", "qda_selection")
_ID = re.compile(r"^\s*(I\d{3}-\d{3,6})\b")
_BASIS = re.compile(r"\n?\[basis: (\w*); rule: ([\w-]*)\]\s*$")
_QUOTE_LENGTH = 300


def open_project(source) -> tuple[bytes, dict[str, bytes], str, str]:
    """The ``project.qde`` of a ``.qdpx`` (path or bytes), its other entries, the file's name and SHA-256."""
    data, file = (source, "REFI-QDA project") if isinstance(source, bytes) else (
        Path(source).read_bytes(), Path(source).name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError("not a .qdpx project (a .qdpx is a zip file)", file=file,
                         suggestion="export the project from the QDA tool as REFI-QDA (.qdpx); a .qdc is a "
                                    "codebook, read with `housing-research qda import FILE.qdc`") from None
    entries = {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}
    qde = [name for name in entries if name.lower().endswith(".qde") and "/" not in name]
    if len(qde) != 1:
        raise InputError(f"a .qdpx holds one project.qde at its top; found {len(qde)}", file=file,
                         suggestion="export the project again from the QDA tool")
    return entries.pop(qde[0]), entries, file, hashlib.sha256(data).hexdigest()


def _source_text(source, entries: dict[str, bytes]) -> str:
    content = source.find("{*}PlainTextContent")
    if content is not None:
        return content.text or ""
    path = source.get("plainTextPath") or ""
    entry = "sources/" + path.removeprefix("internal://") if path.startswith("internal://") else path
    return entries[entry].decode("utf-8-sig") if entry in entries else ""


def _initiative(source, ids_by_guid: dict[str, str], inventory_ids: set[str], file: str) -> str:
    initiative = ids_by_guid.get((source.get("guid") or "").upper())
    found = _ID.match(source.get("name") or "")
    if initiative is None and found and found.group(1) in inventory_ids:
        initiative = found.group(1)
    if initiative is None:
        raise InputError("coded source unknown to the inventory", file=file, column="TextSource",
                         value=source.get("name"),
                         suggestion="code the initiatives' sources of an exported project; name a source by its "
                                    "initiative id first (e.g. 'I000-001 ...') or delete its codings"
                                    + (f"; {did_you_mean(found.group(1), sorted(inventory_ids))}" if found else ""))
    return initiative


def _justification(selection, text: str) -> tuple[str, str, str]:
    description = selection.find("{*}Description") if selection is not None else None
    written = (description.text or "").strip() if description is not None else ""
    basis = rule = ""
    found = _BASIS.search(written)
    if found:
        basis, rule, written = found.group(1), found.group(2), written[:found.start()].strip()
    if not written and selection is not None:
        start, end = int(selection.get("startPosition", 0)), int(selection.get("endPosition", len(text)))
        passage = " ".join(text[start:end].split())
        written = f"« {passage[:_QUOTE_LENGTH]}{'…' if len(passage) > _QUOTE_LENGTH else ''} »" if passage else ""
    return written or "coded in a QDA tool without a note", basis, rule


def _coder(users: dict[str, str], coding, selection, default: str | None, file: str, where: str) -> str:
    user = coding.get("creatingUser") or (selection.get("creatingUser") if selection is not None else None)
    if user:
        if user.upper() not in users:
            raise InputError(f"coding by user {user}, who is not in the project's users", file=file,
                             column="Coding", value=where, suggestion="export the project again from the QDA tool")
        return users[user.upper()]
    if default:
        return default
    raise InputError("coding without a user", file=file, column="Coding", value=where,
                     suggestion="give the coder's name (housing-research qda import FILE --coder NAME)")


def _date(coding, selection, today: str) -> str:
    for element in (coding, selection):
        stamp = element.get("creationDateTime") if element is not None else None
        if stamp:
            return stamp[:10]
    return today


def _codings(source):
    """Yield (selection or None, coding) for every coding of a text source."""
    for coding in source.findall("{*}Coding"):
        yield None, coding
    for selection in source.findall("{*}PlainTextSelection"):
        for coding in selection.findall("{*}Coding"):
            yield selection, coding


def _rows(root, entries, inventory_ids, cb, file, coder, today):
    mapping = match_codes(root.find("{*}CodeBook/{*}Codes"), cb, file)
    users = {u.get("guid").upper(): (u.get("name") or u.get("id") or "").strip() or u.get("guid")
             for u in root.iterfind("{*}Users/{*}User")}
    ids_by_guid = {guid("source", i): i for i in inventory_ids}
    for source in root.iterfind("{*}Sources/{*}TextSource"):
        pairs = list(_codings(source))
        if not pairs:
            continue
        initiative, text = _initiative(source, ids_by_guid, inventory_ids, file), _source_text(source, entries)
        for selection, coding in pairs:
            where = f"{source.get('name')}, coding {coding.get('guid')}"
            category = coded_category(mapping, coding.find("{*}CodeRef").get("targetGUID"), file, where)
            justification, basis, rule = _justification(selection, text)
            yield {"initiative_id": initiative, "period": category.period, "axis": category.axis,
                   "code": category.code, "basis": basis, "rule": rule,
                   "coder": _coder(users, coding, selection, coder, file, where),
                   "date": _date(coding, selection, today), "justification": justification,
                   "qda_selection": (selection if selection is not None else coding).get("guid"),
                   "source_name": source.get("name")}


def check_codings(table: pd.DataFrame, cb: Codebook, file: str) -> None:
    """The codebook's rules on one coding: one code per dimension, ``inconnu`` alone, the principal period first."""
    for (initiative, period, axis, coder, date), group in table.groupby(
            ["initiative_id", "period", "axis", "coder", "date"], sort=True):
        codes = sorted(set(group["code"]))
        where = f"{group['source_name'].iloc[0]}, {period}, {axis}, coder {coder}, {date}"
        if len(codes) > 1 and (axis not in MULTI_AXES or cb.unknown in codes):
            rule = "takes one code per coding" if axis not in MULTI_AXES else f"cannot combine {cb.unknown!r}"
            raise InputError(f"{axis!r} {rule}, but the source is coded {', '.join(codes)}", file=file,
                             column="Coding", value=where,
                             suggestion="in the QDA tool, remove all but one of these codings and export again")
    principal = set(table.loc[table["period"] == "principal", ["initiative_id", "coder"]].itertuples(index=False))
    for rec in table.drop_duplicates(["initiative_id", "coder"]).to_dict("records"):
        if (rec["initiative_id"], rec["coder"]) not in principal:
            raise InputError("initiative coded without its functioning described (period 'principal')",
                             file=file, column="Coding", value=f"{rec['source_name']}, coder {rec['coder']}",
                             suggestion="code the functioning described first; the start and the crisis record "
                                        "changes only")


def read_project(source, inventory_ids, cb: Codebook | None = None, coder: str | None = None,
                 today: str | None = None) -> pd.DataFrame:
    """Read the codes applied in a REFI-QDA project, one row per code and coder (long format).

    Parameters
    ----------
    source : path-like or bytes
        The ``.qdpx`` file.
    inventory_ids : iterable of str
        The initiatives of the inventory (a source must be one of them).
    cb : Codebook, optional
    coder : str, optional
        The coder of codings that name no user (some tools write none).
    today : str, optional
        The date of codings that carry none (default: today, ``YYYY-MM-DD``).

    Returns
    -------
    DataFrame
        Columns :data:`~.manual_codes.COLUMNS` then :data:`PROVENANCE`, sorted
        by coder, initiative, period, axis and code; one row per distinct code.

    Raises
    ------
    InputError
        See the module docstring.
    """
    cb = cb or codebook()
    document, entries, file, digest = open_project(source)
    root = parse_xml(document, "project", file)
    today = today or dt.date.today().isoformat()
    rows = list(_rows(root, entries, set(map(str, inventory_ids)), cb, file, coder, today))
    table = pd.DataFrame(rows, columns=[*COLUMNS, "qda_selection", "source_name"])
    table = table.drop_duplicates(["initiative_id", "period", "axis", "code", "coder", "date"])
    check_codings(table, cb, file)
    table = table.assign(qda_file=file, qda_sha256=digest, qda_origin=root.get("origin") or "")
    order = {p: i for i, p in enumerate(PERIODS)}
    table = table.assign(_period=table["period"].map(order)).sort_values(
        ["coder", "initiative_id", "_period", "axis", "code"], kind="stable")
    return table[[*COLUMNS, *PROVENANCE]].reset_index(drop=True)


def write_coder_codes(table: pd.DataFrame, folder) -> list[Path]:
    """Write each coder's imported codes to ``<folder>/<coder>.csv``; return the files.

    The files have the columns of a coder's file (:data:`~.manual_codes.COLUMNS`)
    and the provenance; once checked, a file takes the place of the coder's file
    in ``data/raw/codes/``, by hand: the pipeline never writes there.
    """
    folder = Path(folder)
    if folder.resolve().is_relative_to(paths.RAW.resolve()):
        raise InputError("the pipeline never writes under data/raw (the team's own files)", file=str(folder),
                         suggestion="import into another folder, check the files, then move them into "
                                    "data/raw/codes/ yourself")
    written = []
    for coder, group in table.groupby("coder", sort=True):
        if not re.fullmatch(r"[\w.-]+", coder):
            raise InputError("a coder's name becomes a file name: letters, digits, '.', '-' and '_' only",
                             column="User", value=coder, suggestion="rename the user in the QDA tool")
        written.append(write_table(group, folder / f"{coder}.csv"))
    return written
