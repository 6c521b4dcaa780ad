"""Rounds in the window: the overview tab, the round dialog, the trend chart."""
