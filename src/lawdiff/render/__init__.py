"""Pure formatters of results; no I/O decisions."""
