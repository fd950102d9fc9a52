"""PySide6 user interface."""
from .refcount_guard import pin_booleans

pin_booleans()  # before any Qt signal is emitted (see refcount_guard)
