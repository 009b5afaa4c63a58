"""The built-in check pack: one check per module, found by `checks.registry`."""
