"""Storage: documents, stories, events and mentions in SQLite or PostgreSQL. (Lands with storage.)"""
