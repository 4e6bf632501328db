"""Readers turn a file's bytes into ``SourceText``; ``read_source`` picks one by content."""

from .detect import MAX_BYTES, read_source, source_from_bytes

__all__ = ["MAX_BYTES", "read_source", "source_from_bytes"]
