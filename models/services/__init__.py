"""Services: plain functions over a session and plain values, shared by window, CLI and tests.

Each function that changes data commits its own transaction before returning (unless told
``commit=False`` by a caller that batches), so what the caller shows as saved is on disk.
"""
