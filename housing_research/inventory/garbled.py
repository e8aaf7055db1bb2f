"""Repairing document 004's garbled font runs: decoding token by token, never guessing blindly.

The glyph table is in :mod:`housing_research.inventory.garbled_glyphs`. Some
glyphs are ordinary ASCII characters that also occur in clear text ("I" = H,
"L" = I, "a" = M, "9" = E, "[" = L...), so decoding works on tokens (runs of
non-blank characters), not character by character over the whole text:

- a token is *garbled* when it holds a strong glyph (a non-ASCII character
  that clear French text never uses here) or one of the ASCII symbols "[",
  "{", "!" next to another glyph;
- inside a garbled token, strong glyphs are garbled, characters that are no
  glyph are clear, and each weak glyph (an ASCII character that is a glyph)
  is assigned to one side by scoring every possible assignment: most word
  parts known to a lexicon (the clear vocabulary of the text itself plus a
  small seed) first, then fewest lower-to-upper case bumps inside a word,
  then fewest switches between clear and garbled runs, then a preference for
  reading weak lower-case glyphs as clear and weak capitals, digits and
  punctuation as garbled;
- tokens made only of weak glyphs stay clear ("a", "La", "9"), except
  :data:`WEAK_TOKEN_OVERRIDES` ("ILM" = "HLM" in the running header) next to
  a garbled token on the same line. An all-capital word made only of
  ambiguous letters cannot be told from clear text; only "ILM" occurs in 004.

:func:`repair_with_offsets` also maps every output character to its index in
the input, so that passages found in the repaired text are located in the
original file. The tests garble French sentences themselves: the document is
not part of the repository.

Examples
--------
>>> repair("ǊŜǎǇƻƴǎŀōƭŜ")
'responsable'
>>> repair("Le bailleur " + garble("a créé un comité d'habitants") + " en 2017.")
"Le bailleur a créé un comité d'habitants en 2017."
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from housing_research.inventory.garbled_glyphs import GLYPH_TO_TEXT

# Strong glyphs: non-ASCII characters that clear French text never uses here.
STRONG = frozenset(ch for ch in GLYPH_TO_TEXT if ord(ch) > 127)
# ASCII symbols that are glyphs and never occur in the clear text of the document.
SYMBOLS = frozenset("[{!")
# Weak glyphs: ASCII characters that are glyphs but also common clear characters.
WEAK = frozenset(ch for ch in GLYPH_TO_TEXT if ord(ch) <= 127) - SYMBOLS
# Characters that read the same in both fonts (no cost for a run switch around them).
NEUTRAL = frozenset("-")
# Tokens made only of weak glyphs that the document prints garbled (running header).
WEAK_TOKEN_OVERRIDES = {"ILM": "HLM"}

TEXT_TO_GLYPH: dict[str, str] = {}
for _g, _c in GLYPH_TO_TEXT.items():
    # canonical inverse: the first glyph listed for a clear character (Ω for the apostrophe)
    TEXT_TO_GLYPH.setdefault(_c, _g)

SEED_LEXICON = frozenset("""
a à au aux avec ce ces cette c d de des du dans elle en est et il ils je l la le les leur lui
m mais me mon n ne nous on ou où par pas plus pour qu que qui sa se son sont sur un une y
hlm rse lille aujourd hui organisme organismes seminaire ete territoire territoriale bailleur
locataires habitat maisons cites cite union sociale responsable responsabilite
""".split())

# one-letter word parts accepted in the lexicon (French words and elided forms)
SINGLE_LETTER_WORDS = frozenset("a à y l d j m n s t c".split())

_TOKEN = re.compile(r"\S+")
_WORDPART = re.compile(r"[^\W\d_]+")


def _fold(word: str) -> str:
    word = word.lower().replace("œ", "oe")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


UPPER_WEAK = frozenset(c for c in WEAK if not c.islower())


def _symbol_evidence(tok: str) -> int:
    """2 = a '[', '{' or '!' touches a strong glyph, another symbol or an upper-case/digit
    weak glyph (a glyph by itself); 1 = it only touches a lower-case weak glyph (a glyph
    only when a neighbouring token on the line is garbled); 0 = no evidence."""
    level = 0
    for i, ch in enumerate(tok):
        if ch in SYMBOLS:
            for j in (i - 1, i + 1):
                if 0 <= j < len(tok):
                    n = tok[j]
                    if n in STRONG or n in SYMBOLS or n in UPPER_WEAK:
                        return 2
                    if n in WEAK:
                        level = 1
    return level


def is_garbled(token: str) -> bool:
    """True when the token, taken alone, certainly holds garbled characters: a strong glyph,
    or a symbol glyph '[', '{', '!' touching another glyph (see _symbol_evidence)."""
    return any(ch in STRONG for ch in token) or _symbol_evidence(token) == 2


def _letterlike(c: str) -> bool:
    """Does the character stand for a letter or digit (in its clear or garbled reading)?"""
    return GLYPH_TO_TEXT.get(c, c).isalnum() if c in STRONG else c.isalnum()


def _unknown(word: str, lexicon) -> int:
    """0 = word part in the lexicon, 1 = only its 5-letter stem is, 2 = unknown."""
    w = _fold(word)
    if w in lexicon:
        return 0
    return 1 if len(w) >= 5 and ("#" + w[:5]) in lexicon else 2


def _score(tok: str, states: list[bool], forced: list, lexicon) -> tuple:
    out = "".join(GLYPH_TO_TEXT[c] if g else c for c, g in zip(tok, states))
    miss = sum(_unknown(w, lexicon) for w in _WORDPART.findall(out))
    bumps = sum(1 for a, b in zip(out, out[1:]) if a.islower() and b.isupper())
    # a weak "." or "/" closing the token is sentence punctuation, not a garbled B / C
    final = 1 if (tok[-1] in WEAK and not tok[-1].isalnum() and states[-1]) else 0
    switches, prev = 0, None
    for c, g in zip(tok, states):
        if c in NEUTRAL:
            continue
        if prev is not None and g != prev:
            switches += 1
        prev = g
    pref = 0
    n = len(tok)
    for i, (c, g) in enumerate(zip(tok, states)):
        if c not in WEAK:
            continue
        if c.islower():
            pref += 1 if g else 0   # garbled reading would be an upper-case letter
            continue
        # upper-case / digit / punctuation weak glyph: same run as the next decided
        # (non-weak, non-neutral) character, else as the previous one
        nxt = next((forced[j] for j in range(i + 1, n)
                    if _letterlike(tok[j]) and forced[j] is not None), None)
        if nxt is None:
            nxt = next((forced[j] for j in range(i - 1, -1, -1)
                        if _letterlike(tok[j]) and forced[j] is not None), None)
        if nxt is not None and nxt != g:
            pref += 1
    return (miss, bumps, final, switches, pref), out


def _decode_token(tok: str, lexicon) -> tuple[str, list[int]]:
    """Decode one garbled token; returns the text and, per output char, its index in tok."""
    forced = []
    free = []
    for i, ch in enumerate(tok):
        if ch in STRONG or ch in SYMBOLS:
            forced.append(True)
        elif ch in WEAK:
            forced.append(None)
            free.append(i)
        else:
            forced.append(False)
    best = None
    if len(free) <= 12:
        for combo in itertools.product((False, True), repeat=len(free)):
            states = list(forced)
            for i, g in zip(free, combo):
                states[i] = g
            sc, out = _score(tok, states, forced, lexicon)
            if best is None or sc < best[0]:
                best = (sc, states)
    else:  # very long token: weak glyphs follow the nearest decided neighbour on the left
        states, last = [], True
        for f in forced:
            last = last if f is None else f
            states.append(last)
        best = (None, states)
    states = best[1]
    text, offs = [], []
    for i, (c, g) in enumerate(zip(tok, states)):
        piece = GLYPH_TO_TEXT[c] if g else c
        text.append(piece)
        offs.extend([i] * len(piece))
    return "".join(text), offs


def build_lexicon(text: str) -> frozenset:
    """Clear vocabulary of the text: word parts of clear tokens and of garbled tokens whose
    reading is unambiguous (no weak glyph), accent- and case-folded, plus SEED_LEXICON."""
    words = {_fold(w) for w in SEED_LEXICON}
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if not is_garbled(tok):
            words.update(_fold(w) for w in _WORDPART.findall(tok))
        elif not any(c in WEAK for c in tok):
            out = "".join(GLYPH_TO_TEXT.get(c, c) if (c in STRONG or c in SYMBOLS) else c for c in tok)
            words.update(_fold(w) for w in _WORDPART.findall(out))
    words = {w for w in words if len(w) > 1 or w in SINGLE_LETTER_WORDS}
    stems = {"#" + w[:5] for w in words if len(w) >= 5}
    return frozenset(words | stems)


def repair_with_offsets(text: str, lexicon=None) -> tuple[str, list[int]]:
    """Decode garbled tokens; return (decoded text, index in `text` of every output char)."""
    if lexicon is None:
        lexicon = build_lexicon(text)
    toks = [(m.start(), m.group()) for m in _TOKEN.finditer(text)]
    garbled = [is_garbled(t) for _, t in toks]
    # second pass: weaker evidence counts next to a garbled token on the same line
    for k, (_, tok) in enumerate(toks):
        if not garbled[k] and _symbol_evidence(tok) == 1 and _neighbour_garbled(text, toks, garbled, k):
            garbled[k] = True
    out: list[str] = []
    offs: list[int] = []
    pos = 0
    for k, (start, tok) in enumerate(toks):
        # copy the blank characters before the token
        out.append(text[pos:start])
        offs.extend(range(pos, start))
        decoded = None
        if garbled[k]:
            decoded = _decode_token(tok, lexicon)
        elif tok.strip("".join(SYMBOLS)) == "" and _neighbour_garbled(text, toks, garbled, k):
            # a lone "!" / "[" / "{" is a glyph only next to a garbled token on its line
            decoded = _decode_token(tok, lexicon)
        elif tok in WEAK_TOKEN_OVERRIDES and _neighbour_garbled(text, toks, garbled, k):
            rep = WEAK_TOKEN_OVERRIDES[tok]
            decoded = (rep, [min(i, len(tok) - 1) for i in range(len(rep))])
        if decoded is None:
            out.append(tok)
            offs.extend(range(start, start + len(tok)))
        else:
            dtext, doffs = decoded
            out.append(dtext)
            offs.extend(start + i for i in doffs)
        pos = start + len(tok)
    out.append(text[pos:])
    offs.extend(range(pos, len(text)))
    return "".join(out), offs


def _neighbour_garbled(text, toks, garbled, k) -> bool:
    """Is the previous or next token on the same line garbled?"""
    start, tok = toks[k]
    for j in (k - 1, k + 1):
        if 0 <= j < len(toks):
            s2, t2 = toks[j]
            lo, hi = (s2 + len(t2), start) if j < k else (start + len(tok), s2)
            if "\n" not in text[lo:hi] and garbled[j]:
                return True
    return False


def repair(text: str, lexicon=None) -> str:
    """Decode the garbled tokens of `text`, leave clear text untouched."""
    return repair_with_offsets(text, lexicon)[0]


def garble(text: str) -> str:
    """Inverse mapping (for tests): every character that has a glyph is replaced by it."""
    return "".join(TEXT_TO_GLYPH.get(c, c) for c in text)


def decoded_share(text: str) -> tuple[int, int]:
    """(number of input characters read as garbled glyphs, number of non-blank characters)."""
    dec, offs = repair_with_offsets(text)
    changed = {o for o, c in zip(offs, dec) if text[o] != c}
    # a glyph that decodes to itself cannot exist; count input chars whose reading changed
    return len(changed), sum(1 for c in text if not c.isspace())
