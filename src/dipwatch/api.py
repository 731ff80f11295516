"""JSON API and web dashboard. (Lands with the web issue.)"""
