"""Dialogs: new assessment, evidence, problems."""
