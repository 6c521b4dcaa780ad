"""The user guide inside the window (Help menu, F1)."""
