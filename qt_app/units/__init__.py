"""The unit tree and what can be done to units from it."""
