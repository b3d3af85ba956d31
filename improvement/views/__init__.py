"""Views by area: each checks access, validates a form, calls a service, redirects."""
