"""The pure scoring engine: framework model, rule language, validation, scoring, ranking.

No Qt, no database, no file formats: callers hand it plain Python data.
"""
__version__ = "0.1.0"
