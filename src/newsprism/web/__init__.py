"""The web site, JSON API, RSS out and embeddable widget."""
