"""load_inventory: separators, encodings, xlsx, and clear errors on bad files."""

import pandas as pd
import pytest

from housing_research import InputError, load_inventory

HEADER = ["raw_id", "name", "kind", "carrier", "description", "source_doc", "source_section"]
ROWS = [
    ["I003-001", "Appels aux aînés", "action", "Emmaüs Habitat", "Des salariés appellent les locataires âgés.", "003", "Solidarité"],
    ["I003-002", "Atelier masques", "collectif", "des mamans", "Des mères cousent des masques; on les distribue.", "003", "Entraide"],
]


def _write_csv(path, sep, encoding):
    lines = [sep.join(HEADER)] + [sep.join(f'"{c}"' if (sep in c or ";" in c) else c for c in r) for r in ROWS]
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


@pytest.mark.parametrize("sep,name", [(",", "comma"), (";", "semicolon"), ("\t", "tab")])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_every_separator_and_encoding(tmp_path, sep, name, encoding):
    table = load_inventory(_write_csv(tmp_path / "inv.csv", sep, encoding))
    assert table.columns.tolist() == HEADER
    assert table.loc[0, "name"] == "Appels aux aînés"
    assert table.loc[1, "description"].endswith("on les distribue.")
    source = table.attrs["source"]
    assert source["encoding"] == encoding and source["separator"] == sep and source["n_rows"] == 2


def test_xlsx(tmp_path):
    path = tmp_path / "inv.xlsx"
    pd.DataFrame(ROWS, columns=HEADER).to_excel(path, index=False)
    table = load_inventory(path)
    assert table.loc[1, "carrier"] == "des mamans"
    assert table.attrs["source"]["encoding"] == "xlsx"


def test_empty_cells_are_missing(tmp_path):
    path = tmp_path / "inv.csv"
    path.write_text("raw_id,name,carrier\nI000-001,Radio,  \n", encoding="utf-8")
    assert load_inventory(path).loc[0, "carrier"] is None


def test_empty_file(tmp_path):
    path = tmp_path / "inv.csv"
    path.write_bytes(b"  \n")
    with pytest.raises(InputError, match=r"inv.csv, row 1: empty file"):
        load_inventory(path)


def test_unreadable_encoding(tmp_path):
    path = tmp_path / "inv.csv"
    path.write_bytes(b"raw_id,name\nI000-001,caf\x81\x8d\n")
    with pytest.raises(InputError, match=r"row 2: unreadable encoding.*CSV UTF-8"):
        load_inventory(path)


def test_ragged_line_is_located(tmp_path):
    path = tmp_path / "inv.csv"
    path.write_text("raw_id,name,carrier\nI000-001,Radio,NMH\nI000-002,Apéro,balcons,locataires\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"row 3: this line has 4 fields, the header 3"):
        load_inventory(path)


def test_duplicate_and_empty_column_names(tmp_path):
    path = tmp_path / "inv.csv"
    path.write_text("raw_id,name,name\nI000-001,a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"column 'name': duplicate column name"):
        load_inventory(path)
    path.write_text("raw_id,,name\nI000-001,a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"column '#2': empty column name"):
        load_inventory(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        load_inventory(tmp_path / "nope.csv")
