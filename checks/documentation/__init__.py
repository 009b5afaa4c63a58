"""Built-in documentation checks."""
