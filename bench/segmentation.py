"""Does rjieba segment exactly like Python jieba, and how much faster is it?

    .venv/bin/pip install -e '.[bench]'        # Python jieba, for this comparison only
    .venv/bin/python bench/segmentation.py [--docs 20000]

Segments the benchmark corpus with the portal's segmenter (rjieba, ``index_terms``) and with
Python jieba configured the same way (the same user dictionary, jieba's own "search" mode,
the same junk sub-words dropped), prints how many documents differ, the speed of each and the
memory each needs once loaded.
"""

import argparse
import logging
import subprocess
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import documents  # noqa: E402
from portal.search import segmentation  # noqa: E402

MEMORY_PROBE = """
import sys, warnings, logging
warnings.simplefilter("ignore")
if sys.argv[1] == "jieba":
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
else:
    import rjieba
    rjieba.cut("平顶山")
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        print(int(line.split()[1]) // 1024)
"""


def load_jieba():
    with warnings.catch_warnings():
        # jieba 0.42.1 has invalid escape sequences: a warning when its bytecode is compiled
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(logging.WARNING)
    started = time.perf_counter()
    jieba.initialize()
    for word in segmentation.USER_WORDS:
        jieba.add_word(word)
    return jieba, time.perf_counter() - started


def jieba_index_terms(jieba, text: str) -> list[str]:
    """What ``segmentation.index_terms`` promises, computed with Python jieba's search mode."""
    user_words = set(segmentation.USER_WORDS)
    terms = []
    for run in segmentation._RUNS.finditer(segmentation.normalise(text)):
        chunk = run.group()
        if chunk[0] < "\u3400":
            terms.append(chunk)
            continue
        words = list(jieba.tokenize(chunk))
        for word, start, end in jieba.tokenize(chunk, mode="search"):
            if word in segmentation.STOP_CHARACTERS:
                continue
            parent = next(w for w, s, e in words if s <= start and end <= e)
            if parent != word and parent in user_words and word in segmentation.JUNK_SUBWORDS:
                continue
            terms.append(word)
    return terms


def resident_memory_mb(which: str) -> int:
    output = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, which], capture_output=True, text=True, check=True
    )
    return int(output.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    arguments = parser.parse_args()

    texts = [f"{doc.title}\n{doc.body}" for doc in documents(arguments.docs)]
    jieba, jieba_start = load_jieba()

    started = time.perf_counter()
    ours = [segmentation.index_terms(text) for text in texts]
    rjieba_seconds = time.perf_counter() - started
    started = time.perf_counter()
    reference = [jieba_index_terms(jieba, text) for text in texts]
    jieba_seconds = time.perf_counter() - started

    differing = [i for i, (a, b) in enumerate(zip(ours, reference, strict=True)) if a != b]
    characters = sum(len(text) for text in texts)
    print(f"{len(texts):,} documents, {characters / len(texts):.0f} characters on average")
    print(f"documents segmented differently: {len(differing)}")
    for index in differing[:3]:
        print(f"  {texts[index]!r}\n  rjieba {ours[index]}\n  jieba  {reference[index]}")
    print(f"rjieba (portal): {rjieba_seconds:.2f} s")
    print(f"Python jieba:    {jieba_seconds:.2f} s  ({jieba_seconds / rjieba_seconds:.1f}× slower)")
    print(f"jieba dictionary load: {jieba_start:.2f} s")
    print(
        f"resident memory once loaded: rjieba {resident_memory_mb('rjieba')} MB, "
        f"jieba {resident_memory_mb('jieba')} MB"
    )
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
