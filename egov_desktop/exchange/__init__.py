"""Exchange between agencies: assessment files and their import and export, the signatures on
them (signing: Ed25519 of the data; pades: the agency's digital signature on the PDF)."""
