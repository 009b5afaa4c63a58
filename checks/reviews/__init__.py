"""Built-in reviews checks."""
