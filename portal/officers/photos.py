"""Officer photos: checked by content, re-encoded without metadata, stored outside static/.

An upload is accepted only when Pillow decodes it as a JPEG, PNG or WebP image within the size
and pixel caps. It is turned upright (EXIF orientation), copied pixel by pixel into a new image
(so no EXIF, GPS, ICC or comment block survives), shrunk to a portrait and a thumbnail and
saved as JPEG under ``UPLOAD_DIR/officer-photos/<key>-photo.jpg`` and ``<key>-thumb.jpg``.
The key is random: photos are reachable only from a lookup that shows them.
"""

import io
import os
import secrets
import warnings
from pathlib import Path

from flask import current_app
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
#: (width, height) boxes the two stored sizes fit in, portrait like an ID photo
SIZES = {"photo": (360, 480), "thumb": (120, 160)}
MAX_PIXELS = 40_000_000
MIN_SIDE = 60
KEY_LENGTH = 32  # hex characters


class PhotoError(ValueError):
    """The upload is not an acceptable photo; the message says why, in Chinese."""


def photo_directory() -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / "officer-photos"


def photo_path(key: str, variant: str) -> Path:
    return photo_directory() / f"{key}-{variant}.jpg"


def is_photo_key(key: str) -> bool:
    return len(key) == KEY_LENGTH and all(c in "0123456789abcdef" for c in key)


def _decode(data: bytes) -> Image.Image:
    max_bytes = current_app.config["OFFICER_PHOTO_MAX_BYTES"]
    if not data:
        raise PhotoError("请选择要上传的照片文件。")
    if len(data) > max_bytes:
        raise PhotoError(f"照片文件不能超过{max_bytes // (1024 * 1024)}MB。")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise PhotoError("只接受 JPEG、PNG 或 WebP 格式的照片。")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoError("照片像素过多，请缩小后再上传。")
            if min(width, height) < MIN_SIDE:
                raise PhotoError(f"照片太小，宽和高都至少需要{MIN_SIDE}像素。")
            image.load()
    except PhotoError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError("无法识别为图片，请上传 JPEG、PNG 或 WebP 格式的照片。") from None
    except (OSError, SyntaxError, ValueError):
        raise PhotoError("图片文件已损坏或不完整，请重新选择。") from None
    return image


def _clean_copy(image: Image.Image) -> Image.Image:
    """Upright RGB pixels in a fresh image that carries no metadata of the upload."""
    upright = ImageOps.exif_transpose(image)
    if upright.mode in ("RGBA", "LA", "P"):
        upright = upright.convert("RGBA")
        background = Image.new("RGBA", upright.size, (255, 255, 255, 255))
        upright = Image.alpha_composite(background, upright)
    rgb = upright.convert("RGB")
    return Image.frombytes("RGB", rgb.size, rgb.tobytes())


def _encode(image: Image.Image, box: tuple[int, int]) -> bytes:
    resized = ImageOps.contain(image, box, method=Image.Resampling.LANCZOS)
    clean = Image.frombytes("RGB", resized.size, resized.tobytes())
    buffer = io.BytesIO()
    clean.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def store_photo(data: bytes) -> str:
    """Check and store an uploaded photo; returns its new key, or raises ``PhotoError``."""
    image = _clean_copy(_decode(data))
    key = secrets.token_hex(KEY_LENGTH // 2)
    directory = photo_directory()
    directory.mkdir(parents=True, exist_ok=True)
    for variant, box in SIZES.items():
        _write_atomically(photo_path(key, variant), _encode(image, box))
    return key


def delete_photo_files(key: str | None) -> None:
    """Remove a replaced photo's files (after the change that replaced it committed)."""
    if not key:
        return
    for variant in SIZES:
        photo_path(key, variant).unlink(missing_ok=True)
