"""Plain helpers that import no Django app."""
