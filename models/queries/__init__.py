"""Read models: plain dataclasses for the window, the command line and the reports."""
