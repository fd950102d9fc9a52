"""Indicator frameworks: reading them from files and the built-in set."""
from .loader import MAX_FRAMEWORK_BYTES, load_framework_file, load_framework_text
from .registry import FrameworkInfo, FrameworkRegistry, registry

__all__ = ["MAX_FRAMEWORK_BYTES", "FrameworkInfo", "FrameworkRegistry", "load_framework_file",
           "load_framework_text", "registry"]
