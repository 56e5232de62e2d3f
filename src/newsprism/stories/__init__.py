"""Online story clustering and its evaluation."""
