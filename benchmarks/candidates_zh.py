"""How well ``silkterm.glossary.candidates_zh`` finds Chinese names, and what it wrongly takes for one.

- **glossary recall**: every Chinese form of a person, place, organisation, facility or event in the
  built-in glossary (``glossary/data/*.yaml``), put in a sentence (据报道，{form}的情况受到关注。),
  with no user dictionary: *exact* when a candidate is exactly the form, *partial* when candidates
  only overlap it, *missed* otherwise; and the same with the forms as the tokenizer's user
  dictionary (the way ``collect`` will call it);
- **common words**: jieba dictionary words that are not names (tags other than nr/ns/nt/nz/…) and
  at least ``--min-freq`` frequent, and all its idioms (tag ``i``), each in a sentence
  (我们谈到了{word}这个问题。): how many come back as (part of) a candidate;
- **speed**: characters per second over a repeated news paragraph (one core).

    python benchmarks/candidates_zh.py [--min-freq 1000] [--show 20]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from silkterm.glossary.candidates_zh import NAME_TAGS, ZhTokenizer, default_tokenizer, find_candidates_zh

DATA = Path(__file__).resolve().parent.parent / "glossary" / "data"
TYPES = {"person": "nr", "place": "ns", "facility": "ns", "organisation": "nt", "event": "nz"}
NAME_SENTENCE = "据报道，{}的情况受到关注。"
WORD_SENTENCE = "我们谈到了{}这个问题。"
PARAGRAPH = ("哈萨克斯坦副总理兼外长努尔特列乌在阿斯塔纳会见了阿克托别州和克孜勒奥尔达州的代表，"
             "双方讨论了欧亚经济联盟框架下的合作。我们可以利用这个机会。\n")


def glossary_forms() -> list[tuple[str, str]]:
    """``(Chinese form, jieba tag)`` of the built-in glossary's names."""
    out: list[tuple[str, str]] = []
    for path in sorted(DATA.glob("*.yaml")):
        for concept in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("concepts", []):
            tag = TYPES.get(concept.get("type", ""))
            if tag and concept.get("zh"):
                out.append((concept["zh"], tag))
    return out


def recall(forms: list[tuple[str, str]], tokenizer: ZhTokenizer | None) -> tuple[int, int, list[str]]:
    exact = partial = 0
    missed: list[str] = []
    for form, _ in forms:
        text = NAME_SENTENCE.format(form)
        start = text.index(form)
        cands = find_candidates_zh(text, tokenizer=tokenizer)
        if any(c.start == start and c.end == start + len(form) for c in cands):
            exact += 1
        elif any(c.start < start + len(form) and start < c.end for c in cands):
            partial += 1
            missed.append(f"{form} (partial: {'/'.join(c.form for c in cands)})")
        else:
            missed.append(form)
    return exact, partial, missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min-freq", type=int, default=1000)
    parser.add_argument("--show", type=int, default=20)
    args = parser.parse_args()

    forms = glossary_forms()
    exact, partial, missed = recall(forms, None)
    print(f"glossary names: {len(forms)}; without user dictionary: exact {exact} "
          f"({100 * exact / len(forms):.1f}%), partial {partial}, missed {len(forms) - exact - partial}")
    for m in missed[: args.show]:
        print("   ", m)
    exact_u, partial_u, missed_u = recall(forms, ZhTokenizer(forms))
    print(f"with the glossary as user dictionary: exact {exact_u} ({100 * exact_u / len(forms):.1f}%), "
          f"partial {partial_u}, missed {len(forms) - exact_u - partial_u}")
    for m in missed_u[: args.show]:
        print("   ", m)

    tok = default_tokenizer()
    words = [(w, t) for w, t in tok.pos.word_tag_tab.items()
             if len(w) >= 2 and t not in NAME_TAGS and (t == "i" or tok.frequency(w) >= args.min_freq)]
    flagged: list[str] = []
    t0 = time.perf_counter()
    for word, tag in words:
        text = WORD_SENTENCE.format(word)
        start = text.index(word)
        if any(c.start < start + len(word) and start < c.end for c in find_candidates_zh(text)):
            flagged.append(f"{word}/{tag}")
    idioms = sum(1 for _, t in words if t == "i")
    print(f"common words (freq ≥ {args.min_freq}) and idioms: {len(words)} ({idioms} idioms); "
          f"taken for names: {len(flagged)} ({100 * len(flagged) / len(words):.2f}%) "
          f"[{time.perf_counter() - t0:.1f} s]")
    if args.show:
        print("   ", " ".join(flagged[: args.show * 3]))

    text = PARAGRAPH * 2000
    find_candidates_zh(PARAGRAPH)
    t0 = time.perf_counter()
    n = len(find_candidates_zh(text))
    seconds = time.perf_counter() - t0
    print(f"speed: {len(text)} characters, {n} candidates in {seconds:.2f} s: "
          f"{len(text) / seconds / 1000:.0f} k characters/s")


if __name__ == "__main__":
    main()
