"""NewsPrism: many outlets' articles grouped into stories, with the whole picture per story."""

__version__ = "0.1.0"
