"""Writes: one module per area, each function keyword-only and atomic."""
