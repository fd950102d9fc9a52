"""Real parts for the digital-signature tests: a test CA made here (root → agency certificate),
a .p12 file, and a SoftHSM2 token initialised in the test's folder holding the agency's key."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

AGENCY_CN = "UBND phường Đồng Hới"
SIGNER_CN = "Nguyễn Văn Chủ Tịch"
MODULE_PATHS = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so")
TOKEN_LABEL, KEY_LABEL, PIN, SO_PIN = "UBND Dong Hoi", "chu-tich", "123456", "12345678"


@dataclass(frozen=True)
class TestCA:
    root_cert: x509.Certificate
    root_pem: Path
    cert: x509.Certificate
    key: rsa.RSAPrivateKey
    p12: Path
    passphrase: str


def _name(cn: str, org: str = "") -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    if org:
        attrs.insert(1, x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    return x509.Name(attrs)


def _certificate(subject, issuer, public, signing_key, ca: bool) -> x509.Certificate:
    now = dt.datetime.now(dt.timezone.utc)
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public)
         .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
         .not_valid_after(now + dt.timedelta(days=365))
         .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
         .add_extension(x509.KeyUsage(digital_signature=not ca, content_commitment=not ca, key_encipherment=False,
                                      data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                                      encipher_only=False, decipher_only=False), critical=True)
         .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False))
    return b.sign(signing_key, hashes.SHA256())


def make_ca(folder: Path, root_cn: str = "CA thử nghiệm (test root)", passphrase: str = "mật khẩu p12") -> TestCA:
    folder.mkdir(parents=True, exist_ok=True)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = _certificate(_name(root_cn, "Ban Cơ yếu (thử)"), _name(root_cn, "Ban Cơ yếu (thử)"),
                        root_key.public_key(), root_key, ca=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = _certificate(_name(SIGNER_CN, AGENCY_CN), root.subject, key.public_key(), root_key, ca=False)
    root_pem = folder / "root.pem"
    root_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    p12 = folder / "agency.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"agency", key, cert, [root], serialization.BestAvailableEncryption(passphrase.encode("utf-8"))))
    return TestCA(root, root_pem, cert, key, p12, passphrase)


def softhsm_module() -> str | None:
    found = [p for p in MODULE_PATHS if Path(p).is_file()]
    return found[0] if found and shutil.which("softhsm2-util") and shutil.which("pkcs11-tool") else None


def make_token(folder: Path, ca: TestCA, monkeypatch) -> str:
    """A SoftHSM2 token labelled TOKEN_LABEL holding the agency's key and certificate (label
    KEY_LABEL, PIN PIN), its configuration in `folder`; returns the module path."""
    module = softhsm_module()
    assert module is not None
    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL, "--pin", PIN,
                    "--so-pin", SO_PIN], check=True, env=env, capture_output=True)
    key_der, cert_der = folder / "key.der", folder / "cert.der"
    key_der.write_bytes(ca.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption()))
    cert_der.write_bytes(ca.cert.public_bytes(serialization.Encoding.DER))
    for path, kind in ((key_der, "privkey"), (cert_der, "cert")):
        subprocess.run(["pkcs11-tool", "--module", module, "--token-label", TOKEN_LABEL, "--login", "--pin", PIN,
                        "--write-object", str(path), "--type", kind, "--id", "01", "--label", KEY_LABEL],
                       check=True, env=env, capture_output=True)
    key_der.unlink()
    return module
