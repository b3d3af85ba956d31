"""Reads scoped to a user: one module per area."""
