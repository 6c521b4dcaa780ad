"""Bundles in the window: export, import with conflicts."""
