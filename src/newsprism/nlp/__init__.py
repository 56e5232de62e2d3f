"""Pluggable text models: embeddings, language id, entities, key phrases."""
