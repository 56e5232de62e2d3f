"""Text that XML 1.0 can carry: the characters it forbids are removed.

XML 1.0 allows only TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF. One
U+000B or U+0000 in a title or an outlet name made /feed.rss, /feed.atom, the tag and
category feeds and /sitemap.xml not well-formed, site-wide (issue 19). Text is cleaned
where it enters (feeds, pages, the outlet registry) and again where XML is written, for
rows stored before the entry points cleaned them.
"""

from __future__ import annotations

import re

__all__ = ["XML_INVALID", "xml_safe"]

#: One character XML 1.0 forbids (C0 controls but TAB/LF/CR, lone surrogates, U+FFFE/F).
XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """*text* without the characters XML 1.0 forbids (unchanged when it has none)."""
    return XML_INVALID.sub("", text)
