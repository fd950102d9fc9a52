"""Reusable widgets: the live score panel and the pillar chart."""
