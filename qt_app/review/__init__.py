"""The checklist library and the review of an imported directive."""
