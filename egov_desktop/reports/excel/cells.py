"""Writing cells that stay data: text that looks like a formula is stored as text."""
from __future__ import annotations

from typing import Any

from scoring import nfc

from ...untrusted import CONTROL

# A spreadsheet treats text starting with these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32_000  # Excel's limit is 32,767 characters


def text(value: Any) -> Any:
    """A string as a cell can hold it: NFC, without the control characters XML cannot carry
    (openpyxl refuses them with IllegalCharacterError), within Excel's length; others unchanged."""
    if isinstance(value, str):
        return CONTROL.sub("", nfc(value))[:MAX_CELL_TEXT]
    return value


def put(ws, row: int, col: int, value: Any, number_format: str | None = None):
    """Set a cell; strings are NFC, without control characters, and never become formulas."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = text(value)
        cell.value = value
        if value.startswith(FORMULA_STARTS):
            cell.data_type = "s"      # stored as a string, not parsed as a formula
            cell.quotePrefix = True   # and shown by Excel as typed text
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    return cell


def print_a4_landscape(ws, title_rows: str) -> None:
    """How every workbook the program makes prints: A4 landscape, fit to the page width (as many
    pages down as needed), the title rows repeated on each page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows


def to_bytes(wb) -> bytes:
    import io
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
