"""egov-desktop application core (no Qt)."""
