"""Where the digital signature (ký số) goes: a zero-size mark the layout puts in the signer's
block, over the space left for the signature (Decree 30/2020/NĐ-CP, Phụ lục I: the signer's
block at the bottom right of the last page).

It writes the named destination `exchange.pades.PLACE_DESTINATION` at its own position; the
signing code reads it back from the PDF and draws the visible signature box with its top-left
corner there (exchange.pades.signature_box). A layout that leaves it out still signs: the box
then goes to the bottom right of the last page.
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from ...exchange.pades import BOX_HEIGHT, BOX_WIDTH, PLACE_DESTINATION

__all__ = ["BOX_HEIGHT", "BOX_WIDTH", "PLACE_DESTINATION", "SignaturePlace"]


class SignaturePlace(Flowable):
    """Marks the top-left corner of the signature box, `indent` points in from the column's left."""

    def __init__(self, indent: float = 0.0):
        super().__init__()
        self.indent = indent

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFnull, PDFObjectReference

        # Written by hand, not with canvas.bookmarkHorizontal: ReportLab writes a destination only
        # when a link or outline refers to it, and binds it to the page being written, which a
        # canvas that holds its pages back until the end (for "page x of y") has not written yet.
        # The page is named ReportLab's way ("Page<n>"), resolved when the file is saved.
        x, y = self.canv.absolutePosition(self.indent, 0)
        page = PDFObjectReference(f"Page{self.canv.getPageNumber()}")
        self.canv._doc.Catalog.Dests = PDFDictionary(
            {PLACE_DESTINATION: PDFArray([page, PDFName("XYZ"), round(x, 2), round(y, 2), PDFnull])})
