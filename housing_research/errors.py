"""Errors raised on bad input.

Every error on input data names the file, the row and the column, shows the
offending value and suggests a fix, so that a researcher can correct the
spreadsheet without reading the code.

Examples
--------
>>> err = InputError("unknown value", file="data/raw/inventory.csv", row=12,
...                  column="kind", value="dispositf", suggestion="did you mean 'dispositif'?")
>>> print(err)
data/raw/inventory.csv, row 12, column 'kind': unknown value (value: 'dispositf'). Fix: did you mean 'dispositif'?
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad input data, located as precisely as possible.

    Parameters
    ----------
    message : str
        What is wrong.
    file : str, optional
        File name, relative to the repository root where possible.
    row : int, optional
        Row number as the user sees it in a spreadsheet (header = row 1, so the
        first data row is row 2).
    column : str, optional
        Column name.
    value : object, optional
        The offending value.
    suggestion : str, optional
        How to fix it.
    """

    def __init__(self, message, *, file=None, row=None, column=None, value=None, suggestion=None):
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        self.suggestion = suggestion
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.file is not None:
            where.append(str(self.file))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        text = (", ".join(where) + ": " if where else "") + self.message
        if self.value is not None:
            text += f" (value: {self.value!r})"
        if self.suggestion:
            text += f". Fix: {self.suggestion}"
        return text
