"""Scanned paper forms: the review dialog where every page is seen before anything is written."""
