"""Where rendered pages are kept: this process's memory, or a Redis several hosts share.

A store maps a key (which already holds the content generation) to a ``Page``. Losing an
entry costs one render, so the stores evict freely and never raise: a Redis that is gone
makes the cache a pass-through for a few seconds, never an error page.
"""

import json
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import redis

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Page:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    etag: str

    def to_bytes(self) -> bytes:
        meta = {"status": self.status, "headers": self.headers, "etag": self.etag}
        return json.dumps(meta, ensure_ascii=True).encode() + b"\n" + self.body

    @classmethod
    def from_bytes(cls, raw: bytes) -> "Page":
        meta, _, body = raw.partition(b"\n")
        values = json.loads(meta)
        headers = [(name, value) for name, value in values["headers"]]
        return cls(values["status"], headers, body, values["etag"])


class MemoryStore:
    """Least recently used pages up to ``max_bytes`` of bodies; one lock, short sections."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, Page] = OrderedDict()
        self._bytes = 0
        self._generation = None
        self._lock = threading.Lock()

    def get(self, key: str, generation: int) -> Page | None:
        with self._lock:
            self._forget_older(generation)
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: str, generation: int, page: Page) -> None:
        if len(page.body) > self.max_bytes // 4:
            return
        with self._lock:
            self._forget_older(generation)
            if generation != self._generation:
                return  # rendered at an older generation: nobody will ask for it again
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._pages[key] = page
            self._bytes += len(page.body)
            while self._bytes > self.max_bytes:
                _, evicted = self._pages.popitem(last=False)
                self._bytes -= len(evicted.body)

    def _forget_older(self, generation: int) -> None:
        # keys hold the generation, so older pages are unreachable: free their memory now
        if self._generation is None or generation > self._generation:
            self._generation = generation
            self._pages.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._pages)


class RedisStore:
    """Pages in Redis for ``ttl_seconds`` (old generations' pages expire by themselves)."""

    #: after an error, leave Redis alone this long (each request would otherwise wait for it)
    PAUSE_SECONDS = 10.0

    def __init__(self, url: str, prefix: str, ttl_seconds: int, max_page_bytes: int):
        self.client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
        self.prefix = prefix
        self.ttl_seconds = ttl_seconds
        self.max_page_bytes = max_page_bytes
        self._paused_until = 0.0

    def get(self, key: str, generation: int) -> Page | None:
        raw = self._call(self.client.get, self.prefix + key)
        return Page.from_bytes(raw) if raw else None

    def put(self, key: str, generation: int, page: Page) -> None:
        if len(page.body) <= self.max_page_bytes:
            self._call(self.client.set, self.prefix + key, page.to_bytes(), ex=self.ttl_seconds)

    def _call(self, method, *args, **kwargs):
        if time.monotonic() < self._paused_until:
            return None
        try:
            return method(*args, **kwargs)
        except redis.RedisError as error:
            self._paused_until = time.monotonic() + self.PAUSE_SECONDS
            log.warning("page cache: Redis unavailable (%s); rendering without it", error)
            return None
