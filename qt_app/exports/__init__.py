"""Exports and form imports in the window."""
