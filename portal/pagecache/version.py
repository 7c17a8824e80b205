"""The code's version, for the page cache's keys: pages rendered by older code are not served.

Redis outlives a deployment; the content generation does not change when only the code or the
templates do. A digest of every source, template and static file's name, size and mtime
changes with any deployment and costs a few milliseconds once per process.
"""

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
WATCHED = ("portal", "templates", "static")


def code_version() -> str:
    digest = hashlib.sha256()
    for folder in WATCHED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(
                    f"{path.relative_to(ROOT)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode()
                )
    return digest.hexdigest()[:16]
