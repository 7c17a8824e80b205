"""The Merkle tree hash of a day's snapshot and the chain of days.

The tree is RFC 6962's (Certificate Transparency): a leaf is SHA-256(0x00 ‖ line hash), a node
SHA-256(0x01 ‖ left ‖ right), the left subtree holding the largest power of two below n; the
empty tree is SHA-256 of nothing. The README's standalone script repeats these few lines: keep
the two in step.
"""

import hashlib


def merkle_root(line_hashes: list[str]) -> str:
    """The root over the lines' SHA-256 hex digests, in snapshot order."""
    if not line_hashes:
        return hashlib.sha256(b"").hexdigest()
    level = [hashlib.sha256(b"\x00" + bytes.fromhex(h)).digest() for h in line_hashes]
    return _subtree(level).hex()


def _subtree(leaves: list[bytes]) -> bytes:
    if len(leaves) == 1:
        return leaves[0]
    split = 1 << ((len(leaves) - 1).bit_length() - 1)
    return hashlib.sha256(b"\x01" + _subtree(leaves[:split]) + _subtree(leaves[split:])).digest()


def day_root(header: dict) -> str:
    """The day's root: chains the Merkle root to the previous day's root and anchors the audit
    log's head hash (``header`` is the snapshot's first line, without ``root``)."""
    payload = "\n".join(
        [
            header["snapshot"],
            header["previous_root"],
            header["merkle_root"],
            str(header["records"]),
            str(header["audit_entry_id"]),
            header["audit_head"],
        ]
    )
    return hashlib.sha256(payload.encode()).hexdigest()
