"""Dates: an event's own date resolved against the publication date. (Lands with event extraction.)"""
