"""Story pictures: what counts as one, and where stored ones live.

Kept free of the fetcher and the pipeline so that the web layer can import it.
"""

from __future__ import annotations

import hashlib
import os
import struct
import tempfile
from pathlib import Path

__all__ = ["IMAGE_FILE", "MIN_SIDE", "ImageError", "image_dir", "inspect_image", "store_image"]

#: The stored file names the site serves: a content hash and the picture's own extension.
IMAGE_FILE = r"[0-9a-f]{32}\.(?:jpg|png|gif|webp)"
#: Smaller pictures are icons, logos or tracking pixels, not a story's image.
MIN_SIDE = 120


class ImageError(ValueError):
    """The bytes are not a picture the site would show; the message says why."""


def image_dir(data_dir: Path) -> Path:
    """The folder stored pictures live in, under the data directory."""
    return data_dir / "images"


def _jpeg_size(body: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame marker of a JPEG."""
    pos = 2
    while pos + 9 < len(body):
        if body[pos] != 0xFF:
            return None
        marker = body[pos + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack(">H", body[pos + 2 : pos + 4])
        # SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", body[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None


def _webp_size(body: bytes) -> tuple[int, int] | None:
    chunk = body[12:16]
    if chunk == b"VP8X" and len(body) >= 30:
        width = int.from_bytes(body[24:27], "little") + 1
        height = int.from_bytes(body[27:30], "little") + 1
        return width, height
    if chunk == b"VP8 " and len(body) >= 30:
        width, height = struct.unpack("<HH", body[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(body) >= 25:
        bits = int.from_bytes(body[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def inspect_image(body: bytes) -> tuple[str, int, int]:
    """The extension and size of a JPEG, PNG, GIF or WebP picture; `ImageError` otherwise.

    The type comes from the bytes, never from the server's Content-Type: an HTML error page
    or an SVG (which can carry script) served as ``image/jpeg`` is refused.
    """
    size: tuple[int, int] | None
    if body.startswith(b"\x89PNG\r\n\x1a\n") and len(body) >= 24:
        ext, size = "png", struct.unpack(">II", body[16:24])
    elif body[:6] in (b"GIF87a", b"GIF89a") and len(body) >= 10:
        ext, size = "gif", struct.unpack("<HH", body[6:10])
    elif body.startswith(b"\xff\xd8\xff"):
        ext, size = "jpg", _jpeg_size(body)
    elif body[:4] == b"RIFF" and body[8:12] == b"WEBP":
        ext, size = "webp", _webp_size(body)
    else:
        raise ImageError("not a JPEG, PNG, GIF or WebP picture")
    if size is None:
        raise ImageError(f"{ext.upper()} without a readable size")
    width, height = size
    if min(width, height) < MIN_SIDE:
        raise ImageError(f"{width}×{height} px is an icon or a pixel, not a story picture")
    return ext, width, height


def store_image(folder: Path, body: bytes, ext: str) -> str:
    """Write *body* under its content hash (atomically) and return the file name."""
    name = f"{hashlib.sha256(body).hexdigest()[:32]}.{ext}"
    target = folder / name
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return name
