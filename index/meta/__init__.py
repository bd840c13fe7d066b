"""Metadata stage: which inspection, which places, which dates a text is about (calendar, scopes, dates)."""
