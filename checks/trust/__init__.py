"""Built-in trust checks."""
