"""How well and how fast the masking finds personal data, on a labelled corpus.

    .venv/bin/python bench/masking.py [--corpus tests/core/masking_corpus.jsonl] [--misses]

Prints recall per kind (a labelled span counts as found when a finding of its kind covers it;
for a name, its given name), precision for names (a name finding is right when it overlaps a
labelled name) and the masking time per 1,000 characters and for a 5,000-character decision.
The corpus format is described in ``bench/masking_corpus.py``; any JSONL file of that shape,
e.g. an independent one, can be passed with ``--corpus``.
"""

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.core.masking import find_personal_data, mask_text  # noqa: E402
from portal.core.masking_names import surname_length  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "core" / "masking_corpus.jsonl"
#: a labelled kind → the finding kinds that count for it
FAMILIES = {
    "name": {"name"},
    "id_number": {"id_number"},
    "phone": {"mobile", "landline"},
    "bank_card": {"bank_card"},
    "email": {"email"},
    "im_account": {"im_account"},
}


@dataclass
class Score:
    found: Counter = field(default_factory=Counter)
    labelled: Counter = field(default_factory=Counter)
    name_findings: int = 0
    name_findings_right: int = 0
    misses: list = field(default_factory=list)
    false_names: list = field(default_factory=list)

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.labelled[kind] if self.labelled[kind] else 1.0

    @property
    def name_precision(self) -> float:
        return self.name_findings_right / self.name_findings if self.name_findings else 1.0


def load(path: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _options(row: dict) -> dict:
    return {
        "party_is_person": row.get("party_is_person", True),
        "keep_names": row.get("keep_names", ()),
        "public_phones": row.get("public_phones", ("0375-2621234", "12319")),
        "public_emails": row.get("public_emails", ()),
    }


def score(rows: list[dict]) -> Score:
    result = Score()
    for row in rows:
        text = row["text"]
        findings = find_personal_data(text, **_options(row))
        for span in row["spans"]:
            kind, start, end = span["kind"], span["start"], span["end"]
            result.labelled[kind] += 1
            if kind == "name":
                start += max(1, surname_length(text, start))
            covered = set()
            for finding in findings:
                if finding.kind in FAMILIES[kind]:
                    covered.update(range(max(start, finding.start), min(end, finding.end)))
            # the kept head and tail of a number are shown on purpose: most of it must be hidden
            needed = end - start if kind == "name" else max(1, (end - start) // 3)
            if len(covered) >= needed:
                result.found[kind] += 1
            else:
                result.misses.append((kind, text[span["start"] : span["end"]], text))
        names = [span for span in row["spans"] if span["kind"] == "name"]
        for finding in findings:
            if finding.kind != "name":
                continue
            result.name_findings += 1
            if any(finding.start < s["end"] and s["start"] < finding.end for s in names):
                result.name_findings_right += 1
            else:
                result.false_names.append((finding.original, text))
    return result


def decision_text(rows: list[dict], length: int = 5000) -> str:
    decisions = [row["text"] for row in rows if row["source"] == "decision_facts"]
    text, index = "", 0
    while len(text) < length:
        text += decisions[index % len(decisions)]
        index += 1
    return text[:length]


def time_per_decision(text: str, rounds: int = 30, clock=time.process_time) -> float:
    """Median milliseconds to mask ``text`` (CPU time by default: on a shared machine the
    wall clock also counts the other jobs' turns)."""
    mask_text(text)  # warm the segmenter
    timings = []
    for _ in range(rounds):
        started = clock()
        mask_text(text)
        timings.append((clock() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--misses", action="store_true", help="print every miss")
    args = parser.parse_args()
    rows = load(args.corpus)
    result = score(rows)
    print(f"{len(rows)} sentences, {sum(len(row['text']) for row in rows):,} characters")
    print(f"{'kind':<12}{'labelled':>9}{'found':>7}{'recall':>9}")
    for kind in FAMILIES:
        print(
            f"{kind:<12}{result.labelled[kind]:>9}{result.found[kind]:>7}"
            f"{result.recall(kind):>9.1%}"
        )
    print(
        f"name precision: {result.name_precision:.1%} "
        f"({result.name_findings_right} of {result.name_findings} name findings)"
    )
    text = decision_text(rows)
    milliseconds = time_per_decision(text)
    wall = time_per_decision(text, clock=time.perf_counter)
    print(
        f"5,000-character decision: {milliseconds:.1f} ms CPU ({milliseconds / 5:.2f} ms per "
        f"1,000 characters), {wall:.1f} ms wall clock"
    )
    if args.misses:
        for kind, original, text in result.misses:
            print(f"MISS {kind}: {original}  ←  {text}")
        for original, text in result.false_names:
            print(f"FALSE name: {original}  ←  {text}")


if __name__ == "__main__":
    main()
