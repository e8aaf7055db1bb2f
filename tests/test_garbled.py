"""Repairing document 004's garbled font, on text the tests garble themselves.

The document is not part of the repository; ``housing-research locators
--documents DIR`` checks the glyph table's derivation against it.
"""

import pytest

from housing_research.inventory import garbled as g
from housing_research.inventory.garbled_glyphs import DERIVATION, GLYPH_TO_TEXT

SENTENCES = [
    "Le bailleur a réuni les locataires de la cité pour préparer la réhabilitation.",
    "Qu'est-ce qu'un organisme Hlm responsable aujourd'hui ?",
    "Depuis 2012, une agence mobile parcourt le territoire pour voir les personnes âgées chez elles.",
    "La Cité des Electriciens, construite entre 1851 et 1861, compte 12 logements réhabilités.",
    "Maisons & Cités gère près de 64 000 logements ; 98% sont individuels (environ).",
    "Vilogia intègre la RSE au projet de quartier : « la cité-jardin » à énergie positive…",
    "Un comité d'habitants réfléchit à l'habitat de demain – avec le Conseil Social de l'USH.",
    "Les jeunes paient un loyer tout compris, lancé en 2015 par Pas-de-Calais Habitat.",
    "Jean-Luc a dû voir où se trouve l'îlot, près de la gare de Lens, où il y a un hôtel.",
    "Les zones tendues et détendues n'ont pas les mêmes enjeux, dit-il en 2017.",
]


@pytest.mark.parametrize("s", SENTENCES)
def test_round_trip(s):
    garbled = g.garble(s)
    assert garbled != s
    assert g.repair(garbled) == s


def test_glyph_table_is_invertible_on_letters():
    for c in "abcdefghijklmnopqrstuvwxyzàâéèêîôùûçœ0123456789":
        assert g.repair(g.garble("x" + c + "y")) == "x" + c + "y" or c.isdigit()
    assert g.repair(g.garble("nlmo 2013")) == "nlmo 2013"


def test_known_document_words():
    assert g.repair("ǊŜǎǇƻƴǎŀōƭŜ") == "responsable"
    assert g.repair("[ƛƭƭŜΣ мт Ŝǘ му ƧǳƛƭƭŜǘ нлмт") == "Lille, 17 et 18 juillet 2017"
    assert g.repair("R{9 ω v¦Ω9{¢-/9") == "RSE – QU'EST-CE"
    assert g.repair("hwD!bL{a9 ILM RESPONSABLE") == "ORGANISME HLM RESPONSABLE"
    assert g.repair("AUJOUw5ΩI¦L ?") == "AUJOURD'HUI ?"
    assert g.repair("{9aLb!Lw9 5Ω9¢9Σ [L[LE, 17 ET 18") == "SEMINAIRE D'ETE, LILLE, 17 ET 18"


def test_mixed_clear_and_garbled_line():
    line = "Le bailleur " + g.garble("a créé un comité d'habitants") + " en 2017, avec la RSE."
    assert g.repair(line) == "Le bailleur a créé un comité d'habitants en 2017, avec la RSE."
    # a font switch inside a word
    mixed = "Anima" + g.garble("trice") + " de l'" + g.garble("Institut") + " Hlm"
    assert g.repair(mixed) == "Animatrice de l'Institut Hlm"
    assert g.repair("ƭΩUNESCO et ŘΩaquitanis") == "l'UNESCO et d'aquitanis"
    assert g.repair("ŘŜs ǘǊŀƴs- WŜŀƴ-Luc") == "des trans- Jean-Luc"


CLEAR = [
    "Il a dit : la RSE, l'IAE de Lyon, le CIL et la CNL 59 sont là.",
    "La Cité 9 à Lens ; Hlm ; ILM ; DD ; W ; h ; b ; w ; a ; sa ; va ; 5 continents.",
    "Bravo ! Quel succès! [sic] {note} et / ou 1/ 2/ 3.1 http://www.example.org",
    "Habitat du Nord, Vilogia, SIA Habitat, Maisons & Cités, Pas-de-Calais Habitat.",
    "D'abord, C'est La Ville de Lille : Wattrelos, Douai, Béthune, Valenciennes.",
    ".................... 25",
]


@pytest.mark.parametrize("s", CLEAR)
def test_clear_text_unchanged(s):
    assert g.repair(s) == s
    assert not any(g.is_garbled(t) for t in s.split())


def test_offsets_map_back():
    text = "Le " + g.garble("bailleur") + " et " + g.garble("les habitants") + "."
    out, offs = g.repair_with_offsets(text)
    assert out == "Le bailleur et les habitants."
    assert len(offs) == len(out)
    for ch, o in zip(out, offs):
        src = text[o]
        assert src == ch or GLYPH_TO_TEXT.get(src) == ch
    i = out.index("habitants")
    assert text[offs[i]:offs[i + len("habitants") - 1] + 1] == g.garble("habitants")


def test_is_garbled():
    assert g.is_garbled("ǊŜǎǇƻƴǎŀōƭŜ")
    assert g.is_garbled("w{9")
    assert not g.is_garbled("Hlm")
    assert not g.is_garbled("a")
    assert not g.is_garbled("[sic]")


def test_every_glyph_has_its_derivation():
    assert set(DERIVATION) == set(GLYPH_TO_TEXT)
    for glyph, pairs in DERIVATION.items():
        assert pairs, glyph
        for garbled_text, clear, where in pairs:
            assert glyph in garbled_text and clear and where is not None
