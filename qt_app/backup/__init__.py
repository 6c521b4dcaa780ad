"""Backups and restore in the window, and recovery at start."""
