"""The headless core of Kiểm tra: entities, database, checklists, services. No Qt here."""

__version__ = "0.1.0"
