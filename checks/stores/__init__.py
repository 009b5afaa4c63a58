"""Store rule packs: one module a store, each a declarative table of the store's published rules."""
