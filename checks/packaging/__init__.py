"""Built-in packaging checks."""
