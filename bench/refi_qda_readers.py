"""Check, on demand, that an independent REFI-QDA reader opens our exports (never run by the tests).

Our own tests validate every export against the standard's XSD schemas and
read it back with our own parser; this script reads the same files with
another implementation, pyrefiqda (data classes generated from the REFI-QDA
schemas), in a throwaway environment so that it stays out of the project's
dependencies::

    python3.11 -m venv /tmp/refi-venv && /tmp/refi-venv/bin/pip install pyrefiqda==0.3.1
    .venv/bin/housing-research qda export --out /tmp/team.qdpx --codebook /tmp/codebook.qdc
    /tmp/refi-venv/bin/python bench/refi_qda_readers.py /tmp/codebook.qdc /tmp/team.qdpx

It prints what the reader found (codes with a definition; sources, their text
files, selections, codings, users, code references that lead nowhere) and
exits 1 when something is missing.
"""

import sys
import tempfile
from pathlib import Path

from pyrefiqda import RefiCodebook, RefiProject


def _codes(codes):
    for code in codes or []:
        yield code
        yield from _codes(code.code)


def main(qdc: str, qdpx: str) -> int:
    codebook = list(_codes(RefiCodebook.load(qdc).codes.code))
    codable = [c for c in codebook if c.is_codable]
    defined = sum(bool(c.description) for c in codable)
    print(f"{qdc}: {len(codebook)} codes, {len(codable)} codable, {defined} with their definition")
    folder = tempfile.mkdtemp(prefix="refi_")
    project = RefiProject.load(qdpx, extract_dir=folder)
    sources = project.sources.text_source
    selections = [s for source in sources for s in source.plain_text_selection]
    codings = [c for s in selections for c in s.coding]
    known = {c.guid for c in _codes(project.code_book.codes.code)}
    dangling = sum(c.code_ref.target_guid not in known for c in codings)
    texts = sum(Path(RefiProject.resolve_source_path(s.plain_text_path, folder)).is_file() for s in sources)
    users = [u.name for u in project.users.user] if project.users else []
    print(f"{qdpx}: {len(sources)} text sources, {texts} text files, {len(selections)} selections, "
          f"{len(codings)} codings, users {users}, {dangling} code references leading nowhere")
    return int(defined < len(codable) or texts < len(sources) or dangling > 0 or not codings)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
