"""Ký số: the agency's digital signature on the report PDF (PAdES, with pyHanko), and its check.

The head of the agency signs with the agency's certificate, from a PKCS#11 token (the USB
tokens of the government CA work that way; on Windows their drivers are DLLs, whose path is
chosen in the settings, never assumed) or from a .p12 file. The signature is an incremental
update: the assessment file attached before it (pdf_attachment) stays where it is, and so does
the Ed25519 signature of that file. A PDF signed afterwards by another tool is another
incremental update, and is read the same way.

The province's import checks each signature (`inspect`): who signed (the certificate's
subject), whether it covers the whole document, whether the document was changed after it was
made (then the file is refused as altered), and whether the signer's certificate chains to a
root the province trusts (`trusted_roots`: a folder of certificates; an untrusted signer is a
warning, never silence). Nothing is fetched from the network: revocation is not checked.
"""
from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from ..i18n import bilingual

FIELD = "ChuKySo"                 # the signature field the program makes
PLACE_DESTINATION = "egov-signature"   # named destination the layout puts at the signer's block
BOX_WIDTH, BOX_HEIGHT = 190.0, 62.0    # points: the visible box drawn there
ROOT_SUFFIXES = (".pem", ".crt", ".cer", ".der")
MAX_ROOT_BYTES = 64 * 1024


class Signer:
    """Where the agency's key is: a .p12 file, or a key on a PKCS#11 token.

    `open()` unlocks it (wrong passphrase or PIN: UserError at once, before anything is made);
    `close()` logs out of the token."""

    def __init__(self, *, p12: str | Path | None = None, passphrase: str | None = None,
                 module: str | Path | None = None, token_label: str | None = None,
                 key_label: str | None = None, cert_label: str | None = None, pin: str | None = None):
        if (p12 is None) == (module is None):
            raise ValueError("a Signer needs exactly one of p12 and module")
        self.p12, self.passphrase = (Path(p12) if p12 else None), passphrase
        self.module, self.token_label, self.key_label = (str(module) if module else None), token_label, key_label
        self.cert_label, self.pin = cert_label, pin
        self._signer = None
        self._session = None

    @classmethod
    def from_p12(cls, path: str | Path, passphrase: str | None = None) -> Signer:
        return cls(p12=path, passphrase=passphrase)

    @classmethod
    def from_token(cls, module: str | Path, token_label: str | None, key_label: str | None,
                   pin: str | None = None, cert_label: str | None = None) -> Signer:
        return cls(module=module, token_label=token_label, key_label=key_label, pin=pin, cert_label=cert_label)

    @property
    def source(self) -> str:
        return str(self.p12) if self.p12 else str(self.module)

    def open(self):
        """The pyHanko signer, unlocked (once)."""
        if self._signer is None:
            self._signer = self._open_p12() if self.p12 else self._open_token()
        return self._signer

    def _open_p12(self):
        from pyhanko.sign import signers

        try:
            raw = self.p12.read_bytes()
        except OSError as e:
            raise UserError(bilingual("Không đọc được tệp chứng thư số: {reason}", reason=e.strerror),
                            str(self.p12)) from None
        try:
            return signers.SimpleSigner.load_pkcs12_data(
                raw, (), passphrase=self.passphrase.encode("utf-8") if self.passphrase else None)
        except (ValueError, TypeError):
            raise UserError(bilingual("Sai mật khẩu hoặc tệp chứng thư số (.p12) bị hỏng"), str(self.p12)) from None

    def _open_token(self):
        import pkcs11
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign import pkcs11 as p11

        if not Path(self.module).is_file():
            raise UserError(bilingual("Không thấy trình điều khiển PKCS#11 của thiết bị ký số (token); "
                                      "chọn đúng tệp trong Cài đặt"), self.module)
        try:
            self._session = p11.open_pkcs11_session(
                self.module, token_criteria=TokenCriteria(label=self.token_label) if self.token_label else None,
                user_pin=self.pin)
        except pkcs11.exceptions.PinIncorrect:
            raise UserError(bilingual("Sai mã PIN của thiết bị ký số"), self.module) from None
        except pkcs11.exceptions.PinLocked:
            raise UserError(bilingual("Thiết bị ký số đã bị khoá do nhập sai mã PIN nhiều lần"), self.module) from None
        except (pkcs11.exceptions.PKCS11Error, p11.PKCS11Error, OSError, RuntimeError) as e:
            raise UserError(bilingual("Không mở được thiết bị ký số «{label}»: {reason}",
                                      label=self.token_label or "", reason=str(e) or type(e).__name__),
                            self.module) from None
        signer = p11.PKCS11Signer(self._session, key_label=self.key_label, cert_label=self.cert_label)
        try:
            signer.signing_cert  # noqa: B018 - loads the key and certificate now, to fail here
        except Exception as e:  # noqa: BLE001 - a driver may raise anything
            self.close()
            raise UserError(bilingual("Không thấy khoá «{key}» và chứng thư số của nó trên thiết bị ký số: {reason}",
                                      key=self.key_label or "", reason=str(e) or type(e).__name__),
                            self.module) from None
        return signer

    def subject(self) -> str:
        return subject_text(self.open().signing_cert)

    def close(self) -> None:
        if self._session is not None:
            try:
                self._session.close()
            except Exception:  # noqa: BLE001 - logging out of a removed token is not an error
                pass
            self._session = None
        self._signer = None

    def __enter__(self) -> Signer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# ------------------------------------------------------------------ where the box goes

def signature_box(pdf: bytes) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, (x1, y1, x2, y2)) of the visible signature box.

    The layout marks the place with a named destination PLACE_DESTINATION (its /XYZ point is the
    top-left corner of the box: reports.pdf puts it over the signer's block, where Decree 30
    places the signature). A PDF without it gets the bottom right of its last page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    place = _destination(reader, PLACE_DESTINATION)
    if place is not None:
        page, left, top = place
        return page, (left, top - BOX_HEIGHT, left + BOX_WIDTH, top)
    last = len(reader.pages) - 1
    box = reader.pages[last].mediabox
    right, bottom = float(box.right) - 56.7, float(box.bottom) + 56.7   # 2 cm margins
    return last, (right - BOX_WIDTH, bottom, right, bottom + BOX_HEIGHT)


def _destination(reader, name: str) -> tuple[int, float, float] | None:
    """(page index, left, top) of an /XYZ destination in the catalog's /Dests, else None."""
    dests = reader.trailer["/Root"].get("/Dests")
    dest = dests.get_object().get("/" + name) if dests is not None else None
    dest = dest.get_object() if dest is not None else None
    if hasattr(dest, "get") and not isinstance(dest, list):
        dest = dest.get("/D")
    if not isinstance(dest, list) or len(dest) < 4 or dest[1] != "/XYZ":
        return None
    pages = [p.indirect_reference.idnum for p in reader.pages]
    target = getattr(dest[0], "idnum", None)
    if target not in pages or not all(isinstance(v, (int, float)) for v in dest[2:4]):
        return None
    return pages.index(target), float(dest[2]), float(dest[3])


# ------------------------------------------------------------------ signing

def sign_pdf(pdf: bytes, signer: Signer, box: tuple[int, tuple[float, float, float, float]] | None = None,
             lang: str = "vi", reason: str = "", location: str = "") -> bytes:
    """`pdf` with a PAdES signature appended (an incremental update) and a visible box at `box`."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    s = signer.open()
    page, rect = box if box is not None else signature_box(pdf)
    now = dt.datetime.now().astimezone()
    cert = s.signing_cert
    stamp = _stamp_pdf(_common_name(cert) or subject_text(cert), _organisation(cert), now,
                       rect[2] - rect[0], rect[3] - rect[1], lang)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=reason or None, location=location or None, name=_common_name(cert) or None)
    spec = fields.SigFieldSpec(FIELD, on_page=page, box=rect)
    style = StaticStampStyle(background=_ImportedBytes(stamp), border_width=0)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    try:
        out = signers.PdfSigner(meta, signer=s, stamp_style=style, new_field_spec=spec).sign_pdf(
            writer, output=io.BytesIO())
    except UserError:
        raise
    except Exception as e:  # noqa: BLE001 - a token may fail mid-signature (removed, timeout)
        raise UserError(bilingual("Ký số không thành công: {reason}", reason=str(e) or type(e).__name__),
                        signer.source) from None
    return out.getvalue()


_SHORT = {"common_name": "CN", "organization_name": "O", "organizational_unit_name": "OU", "locality_name": "L",
          "state_or_province_name": "ST", "country_name": "C", "email_address": "E", "title": "T",
          "serial_number": "SERIALNUMBER"}


def subject_text(cert) -> str:
    """"CN=Nguyễn Văn A, O=UBND xã B, C=VN": the subject in the same words in every language."""
    parts = []
    for key, value in cert.subject.native.items():
        for v in value if isinstance(value, list) else [value]:
            parts.append(f"{_SHORT.get(key, key)}={v}")
    return ", ".join(parts)


def _attribute(cert, name: str) -> str:
    value = cert.subject.native.get(name)
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    return str(value or "")


def _common_name(cert) -> str:
    return _attribute(cert, "common_name")


def _organisation(cert) -> str:
    return _attribute(cert, "organization_name")


def _stamp_pdf(name: str, organisation: str, when: dt.datetime, width: float, height: float, lang: str) -> bytes:
    """The visible box: who signed and when, in the report's embedded font (never Helvetica)."""
    from reportlab.lib.colors import Color
    from reportlab.pdfgen.canvas import Canvas

    from ..i18n import tr
    from ..reports.pdf.fonts import FONT, register_fonts

    register_fonts()
    out = io.BytesIO()
    c = Canvas(out, pagesize=(width, height), invariant=True, pageCompression=1)
    red = Color(0.75, 0.05, 0.05)
    c.setStrokeColor(red)
    c.setFillColor(red)
    c.setLineWidth(0.8)
    c.rect(0.5, 0.5, width - 1, height - 1)
    lines = [(FONT, tr("Ký bởi: {name}", lang, name=name))]   # one face: one font subset to embed
    if organisation and organisation not in name:
        lines.append((FONT, tr("Cơ quan: {org}", lang, org=organisation)))
    lines.append((FONT, tr("Ngày ký: {when}", lang, when=when.strftime("%d/%m/%Y %H:%M %z")[:-2] + ":"
                           + when.strftime("%z")[-2:])))
    size = 8.5
    y = height - 6 - size
    for font, text in lines:
        while size > 5 and c.stringWidth(text, font, size) > width - 8:
            size -= 0.5
        c.setFont(font, size)
        c.drawString(4, y, text)
        y -= size + 3
    c.showPage()
    c.save()
    return out.getvalue()


def _ImportedBytes(pdf: bytes):
    """pyHanko's ImportedPdfPage, from bytes rather than a file name."""
    import binascii
    import uuid

    from pyhanko.pdf_utils.content import PdfContent
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.pdf_utils.reader import PdfFileReader

    class ImportedBytes(PdfContent):
        def render(self) -> bytes:
            xobj = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(pdf)), page_ix=0)
            name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
            self.resources.xobject[name.decode("ascii")] = xobj
            x1, y1, x2, y2 = xobj.get_object()["/BBox"]
            self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return name + b" Do"

    return ImportedBytes()


# ------------------------------------------------------------------ checking

@dataclass(frozen=True)
class SignatureCheck:
    """One digital signature found in a received PDF."""

    field: str
    signer: str               # the certificate's subject, human-readable
    signed_at: str            # ISO time the signer claims ("" when absent)
    intact: bool              # the signed bytes hash to what was signed, and the signature is valid
    whole_document: bool      # covers the whole file, or only allowed updates came after it
    changed_after: bool       # something other than signatures/form filling was changed after it
    trusted: bool             # the certificate chains to a trusted root
    problem: str = ""

    @property
    def altered(self) -> bool:
        return not self.intact or self.changed_after


def inspect(raw: bytes, roots: list | None = None) -> list[SignatureCheck]:
    """Every PAdES/CMS signature of a PDF, checked offline against `roots` (asn1crypto
    certificates; none: no signer is trusted). An empty list when the PDF is not signed."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)  # it logs an untrusted chain as a traceback
    reader = PdfFileReader(io.BytesIO(raw), strict=False)
    found = []
    for emb in reader.embedded_signatures:
        context = ValidationContext(trust_roots=list(roots or []), allow_fetching=False,
                                    revocation_mode="soft-fail")
        try:
            status = validate_pdf_signature(emb, context)
        except (ValueError, KeyError, TypeError) as e:  # SignatureValidationError is a ValueError
            found.append(SignatureCheck(emb.field_name, _subject_of(emb), "", False, False, True, False,
                                        str(e) or type(e).__name__))
            continue
        level = status.modification_level
        changed = level is not None and level > ModificationLevel.FORM_FILLING
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
            status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and not changed)
        when = status.signer_reported_dt.isoformat() if status.signer_reported_dt else ""
        found.append(SignatureCheck(
            emb.field_name, subject_text(status.signing_cert), when,
            bool(status.intact and status.valid), whole, changed or status.docmdp_ok is False,
            bool(status.trusted)))
    return found


def check_received(raw: bytes, source: str, roots: list | None = None) -> list[SignatureCheck]:
    """`inspect` for a received file: nothing to do (and pyHanko not even loaded) for a PDF
    without a signature; a signature that cannot be read is refused, naming the file."""
    if b"/ByteRange" not in raw:
        return []
    try:
        return inspect(raw, roots)
    except UserError:
        raise
    except (Exception, RecursionError):  # noqa: BLE001 - a hostile PDF may break the parser anywhere
        raise UserError(bilingual("Không kiểm tra được chữ ký số của tệp PDF (tệp bị hỏng)"), source,
                        "PAdES") from None


def _subject_of(emb) -> str:
    try:
        return subject_text(emb.signer_cert)
    except Exception:  # noqa: BLE001 - a broken signature may not even name its certificate
        return ""


def trusted_roots(folder: str | Path | None) -> list:
    """The root certificates in `folder` (.pem, .crt, .cer, .der; PEM or DER): the CAs whose
    signers the province trusts. UserError names a file that is not a certificate."""
    from asn1crypto import pem, x509

    if folder is None or not Path(folder).is_dir():
        return []
    roots = []
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() not in ROOT_SUFFIXES or not path.is_file():
            continue
        try:
            data = path.read_bytes()[:MAX_ROOT_BYTES]
            blocks = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
            roots.extend(x509.Certificate.load(der) for der in blocks)
            for c in roots[-len(blocks):]:
                c.native  # noqa: B018 - parse now: a broken file is named here, not at import
        except (OSError, ValueError, TypeError) as e:
            raise UserError(bilingual("Không phải chứng thư số gốc hợp lệ: {reason}", reason=str(e)[:120]),
                            str(path)) from None
    return roots
