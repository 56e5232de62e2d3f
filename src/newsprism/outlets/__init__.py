"""The outlet registry: who publishes, where it leans, and who says so."""
