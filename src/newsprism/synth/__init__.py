"""Story briefs: synthesizers, citations and the faithfulness guard."""
