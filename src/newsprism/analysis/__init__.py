"""Per-story facts: landscape, blindspot, framing, sources, category, hashtags, timeline."""
