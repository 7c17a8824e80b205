"""Attachments: checked by content, images re-encoded without metadata, stored outside static/.

What the person sends is never stored as sent. An image is decoded and written again from its
pixels only (JPEG or PNG), which drops EXIF — GPS position, camera, time — and any other
metadata or trailing bytes; its orientation is applied first so the picture still looks right.
A PDF is kept as sent, but only when it looks like a PDF from its first bytes to its trailer
and does not carry scripts, launch actions or embedded files (a best-effort check: the files
are served only to staff, as downloads).

Files live under ``UPLOAD_DIR/complaints/YYYY/MM/`` with random names; the back office serves
them after checking the reader's unit (``admin_views.attachment``).
"""

import contextlib
import hashlib
import io
import os
import re
import secrets
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_FILES = 5
#: larger pictures are refused before decoding (a "decompression bomb" defence)
MAX_PIXELS = 40_000_000
_PDF_DANGERS = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
_IMAGE_FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "jpeg", "GIF": "png", "BMP": "png"}
SUPPORTED_HINT = "只能上传 JPG、PNG 图片或 PDF 文件"


class UploadError(ValueError):
    """A file we refuse; the message is Chinese and names the file."""


@dataclass(frozen=True)
class PreparedUpload:
    filename: str
    media_type: str
    extension: str
    data: bytes


@dataclass(frozen=True)
class StoredUpload:
    prepared: PreparedUpload
    stored_name: str
    sha256: str


def clean_filename(name: str) -> str:
    """The file's own name, for staff: no path, no control characters, at most 100 chars."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    return name[-100:] or "附件"


def prepare_upload(filename: str, raw: bytes, max_bytes: int) -> PreparedUpload:
    """Check ``raw`` by its content and return what will be stored; raises UploadError."""
    shown = clean_filename(filename)
    if not raw:
        raise UploadError(f"“{shown}”是空文件")
    if len(raw) > max_bytes:
        raise UploadError(f"“{shown}”超过 {max_bytes // (1024 * 1024)} MB，请压缩后再上传")
    if raw.startswith(b"%PDF-"):
        return PreparedUpload(shown, "application/pdf", "pdf", _checked_pdf(raw, shown))
    media_type, extension, data = _reencoded_image(raw, shown)
    return PreparedUpload(shown, media_type, extension, data)


def _checked_pdf(raw: bytes, shown: str) -> bytes:
    if b"%%EOF" not in raw[-2048:]:
        raise UploadError(f"“{shown}”不是完整的 PDF 文件")
    if _PDF_DANGERS.search(raw):
        raise UploadError(f"“{shown}”含有脚本或嵌入文件，请另存为普通 PDF 或图片后再上传")
    return raw


def _reencoded_image(raw: bytes, shown: str) -> tuple[str, str, bytes]:
    refused = UploadError(f"“{shown}”无法识别：{SUPPORTED_HINT}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as probe:
                if probe.format not in _IMAGE_FORMATS:
                    raise refused
                if probe.width * probe.height > MAX_PIXELS:
                    raise UploadError(f"“{shown}”的像素过多，请缩小后再上传")
                target = _IMAGE_FORMATS[probe.format]
                probe.verify()
            with Image.open(io.BytesIO(raw)) as image:
                image.load()
                upright = ImageOps.exif_transpose(image)
                return _pixels_only(upright, target)
    except UploadError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
    ) as error:
        raise refused from error


def _pixels_only(image: Image.Image, target: str) -> tuple[str, str, bytes]:
    """Write the pixels again into a fresh file: no EXIF, XMP, ICC, comments or text chunks."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if target == "png" or has_alpha:
        pixels = image.convert("RGBA" if has_alpha else "RGB")
        fresh = Image.new(pixels.mode, pixels.size)
        fresh.paste(pixels)
        output = io.BytesIO()
        fresh.save(output, format="PNG", optimize=True)
        return "image/png", "png", output.getvalue()
    pixels = image.convert("RGB")
    fresh = Image.new("RGB", pixels.size)
    fresh.paste(pixels)
    output = io.BytesIO()
    fresh.save(output, format="JPEG", quality=88, optimize=True)
    return "image/jpeg", "jpg", output.getvalue()


def store_upload(upload_dir: str, prepared: PreparedUpload, now: datetime) -> StoredUpload:
    """Write the file durably under a random name (temporary file, fsync, rename)."""
    relative = f"complaints/{now:%Y}/{now:%m}/{secrets.token_hex(16)}.{prepared.extension}"
    path = Path(upload_dir) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".part")
    with open(temporary, "wb") as file:
        file.write(prepared.data)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
    return StoredUpload(prepared, relative, hashlib.sha256(prepared.data).hexdigest())


def discard_uploads(upload_dir: str, stored: list[StoredUpload]) -> None:
    """Remove files whose database rows did not commit."""
    for upload in stored:
        with contextlib.suppress(FileNotFoundError):
            (Path(upload_dir) / upload.stored_name).unlink()


def stored_path(upload_dir: str, stored_name: str) -> Path:
    """The file for a stored name, refusing anything that would leave the upload folder."""
    root = Path(upload_dir).resolve()
    path = (root / stored_name).resolve()
    if root not in path.parents:
        raise FileNotFoundError(stored_name)
    return path
