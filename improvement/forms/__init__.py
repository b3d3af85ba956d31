"""Forms by area, all built on forms.base."""
