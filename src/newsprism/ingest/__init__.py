"""Ingestion: polite HTTP, feed parsing, page extraction and deduplication."""
