"""Exchange with QDA software in the REFI-QDA standard: the .qdc codebook and the .qdpx project.

Every export is validated against the standard's XSD schemas (shipped in
housing_research/coding/refi_qda_schemas, read here with lxml directly), is
byte-identical run to run, and comes back through the import with the same
codes. The files a QDA tool writes back are imitated by editing the exported
XML the way those tools do: new GUIDs, new users, passages coded without a
note, codes added or codings on a group.
"""

import io
import uuid
import zipfile

import pandas as pd
import pytest
from lxml import etree

from housing_research import paths
from housing_research.cli import main
from housing_research.coding.codebook import codebook
from housing_research.coding.manual_codes import COLUMNS, read_coder_file, read_manual_codes
from housing_research.coding.refi_qda_codes import code_tree, codebook_document, guid
from housing_research.coding.refi_qda_import import read_project, write_coder_codes
from housing_research.coding.refi_qda_matching import read_codebook_file
from housing_research.coding.refi_qda_project import project_archive
from housing_research.errors import InputError
from housing_research.tables import read_processed

P = "{urn:QDA-XML:project:1.0}"


@pytest.fixture(scope="module")
def inventory():
    return read_processed("inventory", dtype=str)


@pytest.fixture(scope="module")
def codes(inventory):
    return read_manual_codes(inventory_ids=inventory["initiative_id"])


@pytest.fixture(scope="module")
def archive(inventory, codes):
    return project_archive(inventory, codes, codebook())


def _schema(name):
    return etree.XMLSchema(etree.parse(str(paths.REFI_QDA_SCHEMAS / name)))


def _entries(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _rezip(entries, root=None):
    if root is not None:
        entries = {**entries, "project.qde": etree.tostring(root, xml_declaration=True, encoding="UTF-8")}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _root(data):
    return etree.fromstring(_entries(data)["project.qde"])


def _sorted(table):
    return table[list(COLUMNS)].astype(str).sort_values(list(COLUMNS)).reset_index(drop=True)


def _small(inventory, codes, n=3):
    ids = sorted(codes["initiative_id"].unique())[:n]
    return inventory[inventory["initiative_id"].isin(ids)], codes[codes["initiative_id"].isin(ids)]


# ------------------------------------------------------------------ schemas and determinism
def test_schemas_ship_with_their_licence_and_provenance():
    for name in ("Codebook.xsd", "Project.xsd"):
        text = (paths.REFI_QDA_SCHEMAS / name).read_text(encoding="utf-8")
        assert "This specification is licensed under the MIT license." in text
        assert "Permission is hereby granted, free of charge" in text
    notice = (paths.REFI_QDA_SCHEMAS / "NOTICE.md").read_text(encoding="utf-8")
    assert "ComputationalThematicAnalysisToolkit" in notice and "MIT" in notice


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_codebook_export_is_valid_and_complete(lang):
    cb = codebook()
    xml = codebook_document(cb, lang)
    root = etree.fromstring(xml)
    _schema("Codebook.xsd").assertValid(root)
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    codable = root.findall(".//{*}Code[@isCodable='true']")
    expected = [c for _, c in code_tree(cb, lang).walk() if c.codable]
    assert len(codable) == len(expected) == 80
    for element, code in zip(codable, expected):
        assert element.get("name") == code.name
        assert element.find("{*}Description").text == code.description != ""
    assert codebook_document(cb, lang) == xml


def test_project_export_is_valid_and_byte_identical(archive, inventory, codes):
    entries = _entries(archive)
    root = etree.fromstring(entries["project.qde"])
    _schema("Project.xsd").assertValid(root)
    assert project_archive(inventory, codes, codebook()) == archive
    sources = root.findall(f"{P}Sources/{P}TextSource")
    assert len(sources) == len(inventory)
    for source in sources:
        entry = "sources/" + source.get("plainTextPath").removeprefix("internal://")
        text = entries[entry].decode("utf-8")
        for selection in source.findall(f"{P}PlainTextSelection"):
            assert 0 <= int(selection.get("startPosition")) <= int(selection.get("endPosition")) == len(text)
    guids = [e.get("guid") for e in root.iter() if e.get("guid")]
    assert len(guids) == len(set(guids))
    assert [u.get("name") for u in root.iter(f"{P}User")] == sorted(codes["coder"].unique())
    assert len(root.findall(f".//{P}Coding")) == len(codes)


def test_export_for_one_coder_is_blind(inventory, codes):
    other = codes.assign(coder="ZZ", justification="autre lecture")
    both = pd.concat([codes, other], ignore_index=True)
    root = _root(project_archive(inventory, both[both["coder"] == "ZZ"], codebook(), users=("ZZ",)))
    assert [u.get("name") for u in root.iter(f"{P}User")] == ["ZZ"]
    assert {c.get("creatingUser") for c in root.iter(f"{P}Coding")} == {guid("user", "ZZ")}


# ------------------------------------------------------------------ round trip
def test_round_trip_gives_back_the_same_codes(archive, inventory, codes):
    back = read_project(archive, inventory["initiative_id"])
    pd.testing.assert_frame_equal(_sorted(back), _sorted(codes))
    assert set(back["qda_origin"]) == {"housing-research"} and back["qda_selection"].is_unique


def test_round_trip_keeps_basis_rule_and_several_coders(inventory, codes, tmp_path):
    cb = codebook()
    rule = next(r for r in cb.rules if r.axis == "gestion")
    inv, small = _small(inventory, codes)
    small = small.copy()
    small.loc[small["axis"] == "gestion", ["basis", "rule"]] = ["inferred", rule.id]
    second = small.assign(coder="AB", date="2026-12-01", justification="seconde lecture")
    both = pd.concat([small, second], ignore_index=True)
    back = read_project(project_archive(inv, both, cb), inv["initiative_id"])
    pd.testing.assert_frame_equal(_sorted(back), _sorted(both))
    files = write_coder_codes(back, tmp_path)
    assert [f.name for f in files] == ["AB.csv", "CS2.csv"]
    pd.testing.assert_frame_equal(_sorted(read_coder_file(files[1])), _sorted(both[both["coder"] == "CS2"]))


def test_codebook_round_trip_in_both_languages():
    for lang in ("fr", "en"):
        table = read_codebook_file(codebook_document(codebook(), lang))
        assert table["in_file"].all() and len(table) == 80


# ------------------------------------------------------------------ what a QDA tool writes back
def test_import_of_a_tool_that_renews_guids_and_adds_a_coder(inventory, codes):
    inv, small = _small(inventory, codes, n=1)
    root = _root(project_archive(inv, small, codebook(), lang="en"))
    renamed = {}
    for element in root.iter():                             # a tool giving every element a GUID of its own
        if element.get("guid"):
            renamed[element.get("guid")] = str(uuid.uuid4()).upper()
            element.set("guid", renamed[element.get("guid")])
    for element in root.iter():
        for attribute in ("targetGUID", "creatingUser"):
            if element.get(attribute):
                element.set(attribute, renamed[element.get(attribute)])
    etree.SubElement(root.find(f"{P}Users"), f"{P}User", guid=str(uuid.uuid4()).upper(), name="EF")
    source = root.find(f"{P}Sources/{P}TextSource")
    register = next(c for c in root.iter(f"{P}Code") if c.get("name") == "Mutual aid")
    new = etree.Element(f"{P}PlainTextSelection", guid=str(uuid.uuid4()).upper(), startPosition="0",
                        endPosition="12", creatingUser=root.findall(f"{P}Users/{P}User")[-1].get("guid"),
                        creationDateTime="2027-01-05T10:00:00Z")
    etree.SubElement(etree.SubElement(new, f"{P}Coding", guid=str(uuid.uuid4()).upper()), f"{P}CodeRef",
                     targetGUID=register.get("guid"))
    source.find(f"{P}PlainTextSelection").addprevious(new)
    back = read_project(_rezip(_entries(project_archive(inv, small, codebook())), root), inv["initiative_id"])
    pd.testing.assert_frame_equal(_sorted(back[back["coder"] == "CS2"]), _sorted(small))
    ef = back[back["coder"] == "EF"]
    assert ef[["period", "axis", "code", "date"]].values.tolist() == [["principal", "register", "entraide",
                                                                      "2027-01-05"]]
    text = inv["description"].iloc[0]
    assert ef["justification"].iloc[0] == f"« {' '.join(text[:12].split())} »"


def _with_root_change(archive, change):
    entries = _entries(archive)
    root = etree.fromstring(entries["project.qde"])
    change(root)
    return _rezip(entries, root)


def _add_code(root):
    gestion = next(c for c in root.iter(f"{P}Code") if c.get("name") == "Gestion")
    etree.SubElement(gestion, f"{P}Code", guid=str(uuid.uuid4()).upper(), name="Cogestion", isCodable="true")


def _code_a_group(root):
    root.find(f".//{P}CodeRef").set("targetGUID", guid("principal", "gestion"))


def _unknown_source(root):
    source = root.find(f"{P}Sources/{P}TextSource")
    source.set("guid", str(uuid.uuid4()).upper())
    source.set("name", "Entretien avec une locataire")


def _old_version(root):
    description = root.find(f"{P}CodeBook/{P}Codes/{P}Code/{P}Description")
    description.text = description.text.replace(codebook().version, "1.0.0")


def _two_gestion_codes(root):
    gestion = {guid("principal", "gestion", c) for c in (*codebook().codes("gestion"), "inconnu")}
    selection = next(s for s in root.iter(f"{P}PlainTextSelection")
                     if s.find(f"{P}Coding/{P}CodeRef").get("targetGUID") in gestion)
    selection.find(f"{P}Coding/{P}CodeRef").set("targetGUID", guid("principal", "gestion", "habitants"))
    second = etree.fromstring(etree.tostring(selection))
    second.set("guid", str(uuid.uuid4()).upper())
    second.find(f"{P}Coding").set("guid", str(uuid.uuid4()).upper())
    second.find(f"{P}Coding/{P}CodeRef").set("targetGUID", guid("principal", "gestion", "partage"))
    selection.addnext(second)


def _no_user(root):
    for element in root.iter(f"{P}PlainTextSelection", f"{P}Coding"):
        element.attrib.pop("creatingUser", None)


@pytest.mark.parametrize("change, message, fix", [
    (_add_code, "code unknown to the codebook: 'Codebook 2.0.0 / Fonctionnement décrit / Institutionnalisation"
                " / Gestion / Cogestion'", "add the code there"),
    (_code_a_group, "a group of codes, not a category", "one of the categories under 'Gestion'"),
    (_unknown_source, "coded source unknown to the inventory", "name a source by its initiative id first"),
    (_old_version, "made with codebook 1.0.0; the current codebook is 2.0.0", "export a new project"),
    (_two_gestion_codes, "'gestion' takes one code per coding, but the source is coded habitants, partage",
     "remove all but one of these codings"),
    (_no_user, "coding without a user", "--coder NAME"),
])
def test_import_errors_name_the_element_and_the_fix(inventory, codes, change, message, fix):
    inv, small = _small(inventory, codes, n=1)
    data = _with_root_change(project_archive(inv, small, codebook()), change)
    with pytest.raises(InputError) as err:
        read_project(data, inv["initiative_id"])
    assert message in str(err.value) and fix in str(err.value)
    assert err.value.file == "REFI-QDA project"


def test_codings_without_user_take_the_coder_given(inventory, codes):
    inv, small = _small(inventory, codes, n=1)
    data = _with_root_change(project_archive(inv, small, codebook()), _no_user)
    back = read_project(data, inv["initiative_id"], coder="GH")
    assert set(back["coder"]) == {"GH"} and len(back) == len(small)


def test_files_that_are_not_refi_qda_are_refused(tmp_path):
    with pytest.raises(InputError, match="not a .qdpx project"):
        read_project(b"not a zip", [])
    with pytest.raises(InputError, match="one project.qde"):
        read_project(_rezip({"other.txt": b"x"}), [])
    invalid = _rezip({"project.qde": b'<Project xmlns="urn:QDA-XML:project:1.0"><Sources/></Project>'})
    with pytest.raises(InputError, match="does not follow the REFI-QDA schema Project.xsd"):
        read_project(invalid, [])
    with pytest.raises(InputError, match="not a REFI-QDA codebook"):
        read_codebook_file(b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>')
    added = codebook_document(codebook()).replace(
        b"</Codes>", b'<Code guid="%s" name="Nouveau" isCodable="true"/></Codes>' % str(uuid.uuid4()).encode())
    with pytest.raises(InputError, match="code unknown to the codebook: 'Nouveau'"):
        read_codebook_file(added)


# ------------------------------------------------------------------ command line
def test_cli_exports_and_imports(tmp_path, capsys):
    qdpx, qdc = tmp_path / "team.qdpx", tmp_path / "codebook.qdc"
    assert main(["qda", "export", "--out", str(qdpx), "--codebook", str(qdc)]) == 0
    assert main(["qda", "import", str(qdpx), "--out", str(tmp_path / "back")]) == 0
    assert main(["qda", "import", str(qdc)]) == 0
    out = capsys.readouterr().out
    assert "80 of 80 codes of the codebook" in out and "codes of coder CS2" in out
    assert (tmp_path / "back" / "CS2.csv").exists()
    assert main(["qda", "import", str(qdpx), "--out", str(paths.CODES)]) == 2
    assert main(["qda", "export"]) == 2
    assert "never writes under data/raw" in capsys.readouterr().err
