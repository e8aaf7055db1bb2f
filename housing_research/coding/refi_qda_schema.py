"""Validation of REFI-QDA documents against the standard's XML schemas.

The schemas (``Codebook.xsd`` for a ``.qdc`` codebook, ``Project.xsd`` for the
``project.qde`` inside a ``.qdpx`` project) ship with the package, with their
MIT licence, in ``housing_research/coding/refi_qda_schemas`` (see its
``NOTICE.md`` for where they came from). Every document the project writes is
validated before it is written.

Examples
--------
>>> xml = (b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
...        b'<Code guid="7a1f0b52-4f5e-5c3a-9f7e-1c2d3e4f5a6b" name="x" isCodable="true"/>'
...        b'</Codes></CodeBook>')
>>> validate(xml, "codebook")
>>> validate(xml.replace(b' isCodable="true"', b''), "codebook")
Traceback (most recent call last):
...
housing_research.errors.InputError: REFI-QDA codebook, line 1: does not follow the REFI-QDA schema Codebook.xsd: Element '{urn:QDA-XML:codebook:1.0}Code': The attribute 'isCodable' is required but missing. Fix: the file was changed by hand or written by a tool that does not follow the standard; export it again from the tool
"""

from __future__ import annotations

import functools

from lxml import etree

from housing_research import paths
from housing_research.errors import InputError

#: Namespace of each kind of REFI-QDA document.
NAMESPACES: dict[str, str] = {"codebook": "urn:QDA-XML:codebook:1.0", "project": "urn:QDA-XML:project:1.0"}
_SCHEMA_FILES = {"codebook": paths.REFI_QDA_CODEBOOK_XSD, "project": paths.REFI_QDA_PROJECT_XSD}


@functools.lru_cache(maxsize=2)
def schema(kind: str) -> etree.XMLSchema:
    """The compiled schema of ``kind`` (``"codebook"`` or ``"project"``)."""
    if kind not in _SCHEMA_FILES:
        raise KeyError(f"unknown REFI-QDA document kind {kind!r}; expected one of {tuple(_SCHEMA_FILES)}")
    return etree.XMLSchema(etree.parse(str(_SCHEMA_FILES[kind])))


def validate(document, kind: str, file: str | None = None) -> None:
    """Check a REFI-QDA document against the standard's schema.

    Parameters
    ----------
    document : bytes or lxml element
        The XML (``.qdc`` content, or ``project.qde`` of a ``.qdpx``).
    kind : {"codebook", "project"}
        Which schema applies.
    file : str, optional
        The file's name, shown in the error.

    Raises
    ------
    InputError
        At the first violation, with its line and the schema's message (which names the element).
    """
    tree = etree.fromstring(document) if isinstance(document, bytes) else document
    checker = schema(kind)
    if checker.validate(tree):
        return
    error = checker.error_log[0]
    raise InputError(f"does not follow the REFI-QDA schema {_SCHEMA_FILES[kind].name}: "
                     f"{error.message.rstrip('.')}", file=f"{file or 'REFI-QDA ' + kind}, line {error.line}",
                     suggestion="the file was changed by hand or written by a tool that does not follow the "
                                "standard; export it again from the tool")
