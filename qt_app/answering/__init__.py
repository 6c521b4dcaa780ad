"""Answering an assessment: the centre view, the item table and pane, undo."""
