"""The glyph table of document 004's font error, and the evidence for every entry.

Document 004 (acts of the Institut Hlm de la RSE summer seminar, Lille, 17-18
July 2017) was extracted from a PDF whose embedded font had no usable
ToUnicode table: in some font runs every glyph came out as another character.
The substitution is consistent, so a fixed table (:data:`GLYPH_TO_TEXT`)
undoes it; every entry is justified in :data:`DERIVATION` by short words of
the document seen both garbled and clear (title and running header, table of
contents and headings, names) or whose reading French spelling forces.
``housing-research locators --documents DIR`` checks that every pair occurs
in the document and decodes as stated; :mod:`housing_research.inventory.garbled`
applies the table.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------
# The mapping: garbled glyph -> clear text.
# ---------------------------------------------------------------------------------------
GLYPH_TO_TEXT: dict[str, str] = {
    # lower-case letters
    "ŀ": "a", "ō": "b", "Ŏ": "c", "Ř": "d", "Ŝ": "e", "Ŧ": "f", "Ǝ": "g", "Ƙ": "h",
    "ƛ": "i", "Ƨ": "j", "ƪ": "k", "ƭ": "l", "Ƴ": "m", "ƴ": "n", "ƻ": "o", "Ǉ": "p",
    "ǉ": "q", "Ǌ": "r", "ǎ": "s", "ǘ": "t", "ǳ": "u", "Ǿ": "v", "Ȅ": "x", "ȅ": "y",
    "Ȋ": "z",
    # lower-case accented letters and ligatures
    "Ł": "à", "Ń": "â", "Ş": "é", "ŝ": "è", "ş": "ê", "ƞ": "î", "ƾ": "ô", "Ǵ": "ù",
    "Ƕ": "û", "œ": "ç", "ǆ": "œ",
    # upper-case letters (many are ASCII characters: the "weak" glyphs)
    "!": "A", ".": "B", "/": "C", "5": "D", "9": "E", "C": "F", "D": "G", "I": "H",
    "L": "I", "W": "J", "[": "L", "a": "M", "b": "N", "h": "O", "s": "Œ", "t": "P",
    "v": "Q", "w": "R", "{": "S", "¢": "T", "¦": "U", "±": "V",
    # digits
    "л": "0", "м": "1", "н": "2", "о": "3", "п": "4", "р": "5", "с": "6", "т": "7",
    "у": "8", "ф": "9",
    # punctuation and symbols
    "Ω": "'", "ϥ": "'", "Σ": ",", "Φ": ".", "Υ": ":", "Τ": ";", "Κ": "?", "Χ": "…",
    "ζ": "«", "η": "»", "κ": "/", "ω": "–", "ό": "(", "ύ": ")", "ϧ": "&", "҈": "%",
}

# Evidence for every entry: (garbled string, clear reading, where / why).  "sommaire" = the
# table of contents, "header" = the running header of the pages, "title" = the cover page.
DERIVATION: dict[str, list[tuple[str, str, str]]] = {
    "ŀ": [("ǊŜǎǇƻƴǎŀōƭŜ", "responsable", "title line 2 vs header 'RESPONSABLE'"),
          ("ŀǳƧƻǳǊŘΩƘǳƛ", "aujourd'hui", "title vs header 'AUJOURD'HUI'")],
    "ō": [("ǊŜǎǇƻƴǎŀōƭŜ", "responsable", "title vs header")],
    "Ŏ": [("ŎŜ", "ce", "title 'qu'est-ce' vs header 'QU'EST-CE'"),
          ("ǉǳΩŜǎǘ-ŎŜ", "qu'est-ce", "sommaire 'Introduction' vs 4.2 'Qu'est-ce que' clear tail")],
    "Ř": [("ŀǳƧƻǳǊŘΩƘǳƛ", "aujourd'hui", "title vs header")],
    "Ŝ": [("ǊŜǎǇƻƴǎŀōƭŜ", "responsable", "title vs header")],
    "Ŧ": [("ŦŞŘŞǊŀǘƛƻƴǎ", "fédérations", "welcome text; French spelling"),
          ("ƭΩƻŦŦǊŜ", "l'offre", "day 2 ('l'offre et la demande'); French spelling")],
    "Ǝ": [("ƻǊƎŀƴƛǎƳŜ", "organisme", "title vs header 'ORGANISME'")],
    "Ƙ": [("ŀǳƧƻǳǊŘΩƘǳƛ", "aujourd'hui", "title vs header")],
    "ƛ": [("[ƛƭƭŜ", "Lille", "title vs header 'LILLE'"),
          ("ƻǊƎŀƴƛǎƳŜ", "organisme", "title vs header")],
    "Ƨ": [("ƧǳƛƭƭŜǘ", "juillet", "title vs header 'JUILLET'"),
          ("ŀǳƧƻǳǊŘΩƘǳƛ", "aujourd'hui", "title vs header")],
    "ƪ": [("ƳŀǊƪŜǘƛƴƎ", "marketing", "Pas-de-Calais Habitat passage; list of speakers 'marketing'"),
          (".ǳǊƪƛƴŀ Cŀǎƻ", "Burkina Faso", "Bordeaux passage (proper name)")],
    "ƭ": [("ǊŜǎǇƻƴǎŀōƭŜ", "responsable", "title vs header"), ("[ƛƭƭŜ", "Lille", "title vs header")],
    "Ƴ": [("ƻǊƎŀƴƛǎƳŜ", "organisme", "title vs header"), ("IƭƳ", "Hlm", "title vs header 'HLM'")],
    "ƴ": [("ǊŜǎǇƻƴǎŀōƭŜ", "responsable", "title vs header"), ("ƻǊƎŀƴƛǎƳŜ", "organisme", "title")],
    "ƻ": [("ǊŜǎǇƻƴǎŀōƭŜ", "responsable", "title vs header"), ("ƻǊƎŀƴƛǎƳŜ", "organisme", "title")],
    "Ǉ": [("ǊŜǎǇƻƴǎŀōƭŜ", "responsable", "title vs header")],
    "ǉ": [("ǉǳΩǳƴ", "qu'un", "title vs header 'QU'UN'")],
    "Ǌ": [("ǊŜǎǇƻƴǎŀōƭŜ", "responsable", "title vs header"), ("ƻǊƎŀƴƛǎƳŜ", "organisme", "title")],
    "ǎ": [("ǊŜǎǇƻƴǎŀōƭŜ", "responsable", "title vs header"), ("ŘŜǎ", "des", "French spelling")],
    "ǘ": [("ƧǳƛƭƭŜǘ", "juillet", "title vs header 'JUILLET'"), ("ǉǳΩŜǎǘ", "qu'est", "title")],
    "ǳ": [("ǉǳΩǳƴ", "qu'un", "title vs header 'QU'UN'"), ("ƧǳƛƭƭŜǘ", "juillet", "title")],
    "Ǿ": [("ǊŞǾƻƭǳǘƛƻƴ", "révolution", "sommaire 2.2 vs heading 'LA TROISIEME REVOLUTION'"),
          ("ǾƛǎƛǘŜǳǊǎ", "visiteurs", "Cité 9 passage ('visiteurs du Louvre'), French spelling")],
    "Ȅ": [("ŘŜǳȄ", "deux", "French spelling"), ("ŜȄŜƳǇƭŜ", "exemple", "French spelling")],
    "ȅ": [("TŎƘŜǊƴƻōȅƭ", "Tchernobyl", "introduction (proper name)"), ("ƭƻȅŜǊǎ", "loyers", "French")],
    "Ȋ": [("ȊƻƴŜǎ ǘŜƴŘǳŜǎ", "zones tendues", "day 2 workshops, next to clear 'zones tendues'"),
          ("ƘƻǊƛȊƻƴǘŀƭƛǘŞ", "horizontalité", "French spelling")],
    "Ł": [("Ł [ƛƭƭŜ", "à Lille", "title 'séminaire d'été à Lille'"),
          ("ŦŀŎŜ Ł", "face à", "sommaire 3/ vs heading 'face à'")],
    "Ń": [("ōŃǘƛƳŜƴǘ", "bâtiment", "Cité 9 passage; French spelling"), ("ǘŃŎƘŜ", "tâche", "French")],
    "Ş": [("ǎŞƳƛƴŀƛǊŜ", "séminaire", "title vs header 'SEMINAIRE'"), ("ŘΩŞǘŞ", "d'été", "title vs header")],
    "ŝ": [("ǘǊƻƛǎƛŝƳŜ", "troisième", "sommaire 2.2 vs clear 'troisième révolution'")],
    "ş": [("ƳşƳŜ", "même", "French spelling"), ("şǘǊŜ", "être", "French spelling")],
    "ƞ": [("ƎƞǘŜǎ", "gîtes", "Cité des Electriciens: 'gîtes urbains touristiques'"), ("ŀǇǇŀǊŀƞǘ", "apparaît", "French")],
    "ƾ": [("ƘƾǘŜƭ", "hôtel", "Cité 9 passage (hôtel), French spelling"), ("ǊƾƭŜ", "rôle", "French")],
    "Ǵ": [("ƻǴ", "où", "French spelling (relative adverb before 'il', 'le')")],
    "Ƕ": [("ŘǶ", "dû", "introduction: 'a dû parvenir'")],
    "œ": [("ǇŜǊœǳŜ", "perçue", "day 2 reflections: 'responsabilité perçue / attendue'")],
    "ǆ": [("ŎǆǳǊ", "cœur", "sommaire 4/ and 3/ 'au cœur de'"), ("ǆǳǾǊŜ", "œuvre", "'mise en œuvre'")],
    "!": [("hwD!bL{a9", "ORGANISME", "header vs title 'organisme'"), ("!ŎǘŜǎ", "Actes", "title")],
    ".": [(".ŜǊƴŀǊŘ .ƭŀƴŎ", "Bernard Blanc", "welcome text signature vs speaker 'Bernard BLANC'")],
    "/": [("v¦Ω9{¢-/9", "QU'EST-CE", "header vs title"), ("/ƛǘŞǎ", "Cités", "'Maisons & Cités'")],
    "5": [("AUJOUw5ΩI¦L", "AUJOURD'HUI", "header vs title"), ("5Ω9¢9", "D'ETE", "header vs title")],
    "9": [("v¦Ω9{¢-/9", "QU'EST-CE", "header vs title"), ("w{9", "RSE", "sommaire 3/ 'La RSE'")],
    "C": [("CŞŘŞǊŀǘƛƻƴ", "Fédération", "speaker list (Fédération des Coop'Hlm)"),
          ("CǊŀƴŎŜ", "France", "introduction")],
    "D": [("hwD!bL{a9", "ORGANISME", "header vs title"), ("DŞƴŞǊŀƭ", "Général", "'Directeur Général'")],
    "I": [("IƭƳ", "Hlm", "title vs header 'HLM'"), ("AUJOUw5ΩI¦L", "AUJOURD'HUI", "header")],
    "L": [("hwD!bL{a9", "ORGANISME", "header vs title"), ("[L[LE", "LILLE", "header vs title")],
    "W": [("WŜŀƴ-Luc", "Jean-Luc", "welcome text (Jean-Luc Vandestienne)")],
    "[": [("[ƛƭƭŜ", "Lille", "title vs header 'LILLE'"), ("[ŀ w{9", "La RSE", "sommaire 3/")],
    "a": [("{9aLb!Lw9", "SEMINAIRE", "header vs title 'séminaire'"),
          ("aŀƛǎƻƴǎ ϧ /ƛǘŞǎ", "Maisons & Cités", "section 1.1 vs sommaire 1.1")],
    "b": [("v¦Ω¦b", "QU'UN", "header vs title"), ("hwD!bL{a9", "ORGANISME", "header vs title")],
    "h": [("hwD!bL{a9", "ORGANISME", "header vs title"), ("hǊƎŀƴƛǎƳŜ", "Organisme", "sommaire 3.3")],
    "s": [("s¦±w9", "ŒUVRE", "heading 2.2 'MISE EN ŒUVRE PAR VILOGIA' vs sommaire 2.2")],
    "t": [("t!w ±L[hDL!", "PAR VILOGIA", "heading 2.2 vs sommaire 2.2 'par Vilogia'"),
          ("tǊŞǎƛŘŜƴǘ", "Président", "welcome text signature vs speaker list")],
    "v": [("v¦Ω9{¢-/9", "QU'EST-CE", "header vs title 'qu'est-ce'")],
    "w": [("w{9", "RSE", "header 'R{9' and sommaire 3/ 'La RSE'"), ("AUJOUw5ΩI¦L", "AUJOURD'HUI", "header")],
    "{": [("{9aLb!Lw9", "SEMINAIRE", "header vs title"), ("{L! Iŀōƛǘŀǘ", "SIA Habitat", "section 1.2")],
    "¢": [("v¦Ω9{¢-/9", "QU'EST-CE", "header vs title"), ("5Ω9¢9", "D'ETE", "header vs title")],
    "¦": [("v¦Ω¦b", "QU'UN", "header vs title 'qu'un'")],
    "±": [("±ƛƭƻƎƛŀ", "Vilogia", "sommaire 2.2 vs section 2.2 'Chez Vilogia'"),
          ("±L[hDL!", "VILOGIA", "heading 2.2")],
    "л": [("нлмт", "2017", "title vs header '2017'")],
    "м": [("мт Ŝǘ му", "17 et 18", "title vs header '17 ET 18'")],
    "н": [("нлмт", "2017", "title vs header"), ("нΦн", "2.2", "sommaire numbering 2.1, 2.2, 2.3")],
    "о": [("нлмо", "2013", "Cité des Electriciens: programme 'depuis 2013' (digit order л=0 м=1 н=2 о п=4)"),
          ("w9±о", "REV3", "Rev3 (third industrial revolution master plan), section 2.1")],
    "п": [("пΦн", "4.2", "sommaire numbering 4.1, 4.2, 4.3"), ("по 000", "43 000", "SIA Habitat dwellings")],
    "р": [("р ŎƻƭƭŝƎŜǎ", "5 collèges", "Conseil social: five colleges are listed after the colon"),
          ("рл҈", "50%", "digit order after п = 4")],
    "с": [("мусм", "1861", "Cité des Electriciens built 1851-1861 (digit order р=5 < с < т=7)")],
    "т": [("мт", "17", "title vs header '17'"), ("нлмт", "2017", "title vs header")],
    "у": [("му", "18", "title vs header '18'")],
    "ф": [("нллф", "2009", "Nouveau Mons renovation 'à partir de 2009'; digit order after у = 8")],
    "Ω": [("ǉǳΩǳƴ", "qu'un", "title vs header 'QU'UN'"), ("ŀǳƧƻǳǊŘΩƘǳƛ", "aujourd'hui", "title")],
    "ϥ": [("ŘϥŞŎƻƭŜ", "d'école", "welcome text ('cas d'école')"), ("ƭϥ¦ƴƛƻƴ", "l'Union", "welcome text")],
    "Σ": [("[ƛƭƭŜΣ мт", "Lille, 17", "title vs header 'LILLE, 17'")],
    "Φ": [("нΦн", "2.2", "sommaire numbering"), ("ŀǳƧƻǳǊŘΩƘǳƛΦ", "aujourd'hui.", "sentence end")],
    "Υ": [("Introduction Υ", "Introduction :", "sommaire entry vs the other entries 'X : Y'")],
    "Τ": [("trois leviers Τ ǇǊŜƳƛŝǊŜƳŜƴǘ", "trois leviers ; premièrement", "enumeration punctuation")],
    "Κ": [("ŀǳƧƻǳǊŘΩƘǳƛ Κ", "aujourd'hui ?", "title vs header 'AUJOURD'HUI ?'")],
    "Χ": [("ŘŜ ǉǳŀǊǘƛŜǊΧ", "de quartier…", "end of enumeration; 'DépartementsΧ' in clear words")],
    "ζ": [("ζ Cité 9 »", "« Cité 9 »", "paired with clear closing '»'")],
    "η": [("ζ isolation thermique η", "« isolation thermique »", "paired with ζ '«'")],
    "κ": [("ǇŜǊœǳŜ κ ŀǘǘŜƴŘǳŜ", "perçue / attendue", "day-2 reflections: perceived/expected")],
    "ω": [("R{9 ω v¦Ω9{¢-/9", "RSE – QU'EST-CE", "header vs title (dash between title parts)")],
    "ό": [("όƳŀǊŞŜǎΣ ǊƛǾƛŝǊŜǎΣ ŦƭŜǳǾŜǎύ", "(marées, rivières, fleuves)", "Bordeaux passage")],
    "ύ": [("ŦƭŜǳǾŜǎύ", "fleuves)", "paired with ό '('")],
    "ϧ": [("aŀƛǎƻƴǎ ϧ /ƛǘŞǎ", "Maisons & Cités", "section 1.1 vs sommaire 1.1"), ("wϧ5", "R&D", "")],
    "҈": [("млл҈ ōƛŜƴ ƭƻƎŞǎ", "100% bien logés", "CESE proposal vs heading 3/ 'territoires 100% bien logés'")],
}

