"""Actors: states, organisations and people resolved to codes. (Lands with event extraction.)"""
