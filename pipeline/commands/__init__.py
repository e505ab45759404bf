"""Sub-commands of `iki`, one module per area, each exposing `register(app)`."""
