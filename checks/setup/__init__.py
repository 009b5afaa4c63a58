"""Built-in setup checks."""
