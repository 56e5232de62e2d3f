"""All NewsPrism exceptions, in one place.

Every message says what went wrong *and what to do about it*; the CLI prints the
message without a traceback (``--debug`` shows it).

    NewsPrismError
     ├── ConfigError        invalid or missing settings
     ├── StoreError         database unreachable, schema out of date
     ├── RegistryError      outlet registry problems (bad CSV, unknown lean, …)
     ├── FetchError         network / HTTP problems for one URL
     │    └── BlockedURLError   refused by the SSRF guard or robots.txt
     ├── FeedError          a feed that cannot be parsed
     ├── ExtractError       a page that yields no article
     ├── ModelError         an NLP model that cannot be loaded offline
     ├── SynthesisError     a brief that cannot be generated
     └── DatasetError       an evaluation / import file that cannot be read
"""

from __future__ import annotations

__all__ = [
    "BlockedURLError",
    "ConfigError",
    "DatasetError",
    "ExtractError",
    "FeedError",
    "FetchError",
    "ModelError",
    "NewsPrismError",
    "RegistryError",
    "StoreError",
    "SynthesisError",
]


class NewsPrismError(Exception):
    """Base class: an error whose message tells the user what to do."""


class ConfigError(NewsPrismError):
    """A setting is invalid; the message names the setting and the fix."""


class StoreError(NewsPrismError):
    """The database cannot be reached or its schema is out of date."""


class RegistryError(NewsPrismError):
    """The outlet registry or a ratings file is invalid."""


class FetchError(NewsPrismError):
    """A URL could not be fetched (timeout, HTTP error, too large, …)."""


class BlockedURLError(FetchError):
    """A URL was refused before any packet was sent (SSRF guard, robots.txt)."""


class FeedError(NewsPrismError):
    """A feed body could not be parsed into entries."""


class ExtractError(NewsPrismError):
    """A page yielded no usable article text."""


class ModelError(NewsPrismError):
    """An NLP model could not be loaded from its package (never from a hub)."""


class SynthesisError(NewsPrismError):
    """A story brief could not be generated."""


class DatasetError(NewsPrismError):
    """An import or evaluation file is missing or malformed."""
