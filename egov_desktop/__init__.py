"""egov-desktop application core (no Qt)."""
from scoring import __version__

__all__ = ["__version__"]
