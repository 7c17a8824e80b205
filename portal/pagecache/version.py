"""The code's version, for the page cache's keys: pages rendered by older code are not served.

Redis outlives a deployment; the content generation does not change when only the code or the
templates do. A digest of every source, template and static file's name, size and mtime
changes with any deployment and costs ~5 ms once per process.
"""

import hashlib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
WATCHED = ("portal", "templates", "static")


@cache  # the files do not change under a running process (every app of it shares this)
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
