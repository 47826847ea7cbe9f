"""Golden tests over the real seeds, seed provenance of every form, and glossary coverage.

Golden files live in tests/data/golden/; after a reviewed change, regenerate them with
``SILKTERM_UPDATE_GOLDEN=1 python -m pytest tests/glossary/test_seeds.py`` and read the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from silkterm.glossary import annotate, find_terms, load_glossary, normalize

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLDEN = TESTS / "data" / "golden"
UPDATE = os.environ.get("SILKTERM_UPDATE_GOLDEN") == "1"
sys.path.insert(0, str(TESTS))
from seedterms import candidates  # noqa: E402


def seed_date(text: str) -> dt.date | None:
    """Two seeds open with a ``date YYYY-MM-DD`` line: the date the text was written."""
    m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})", text)
    return dt.date.fromisoformat(m.group(1)) if m else None


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with SILKTERM_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"


# The SHA-256 of the five shared seed texts (../shared/seeds, copied into seeds/), so that a
# checkout without ../shared beside it (a CI clone) still checks them.
SEED_SHA256 = {
    "000_dfc09a1d2e2031cc.txt": "a36f942a5cb43593a2ec50040faf0367274e78bd384010535a3b840851cbee52",
    "001_037abfb2c7315e89.txt": "eafe171b80d90acac053a1785c5c52e1a14594eac4b2c5d8c95a6460a3d000ba",
    "002_5ecd5af879b8308b.txt": "f252f41e991d8265400a502490992598d7f1b7a60cfa997cf6c65713b8814eaf",
    "003_f7994812143e49ac.txt": "6a5dd4d976cb645b14b0abf4821fd67c931430fa58fa08514c40801b879f1172",
    "004_7447c9b58328a590.txt": "2aab8a9917f7c66fd08d7988bf89b516270b037ce5a8d2e830653c58569a0e82",
}


def test_five_seeds_are_the_shared_ones():
    import hashlib

    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS} == SEED_SHA256
    shared = ROOT.parent / "shared" / "seeds"
    if shared.is_dir():  # beside the development checkout: the very files
        for path in SEEDS:
            assert path.read_bytes() == (shared / path.name).read_bytes(), path.name


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_normalize_golden(seed, glossary):
    text = seed.read_text(encoding="utf-8")
    result = normalize(text, glossary, date=seed_date(text))
    check_golden(f"{seed.stem}.normalized.txt", result.text)
    findings = [f.to_dict() for f in result.findings]
    check_golden(f"{seed.stem}.findings.json", json.dumps(findings, ensure_ascii=False, indent=1) + "\n")
    assert normalize(result.text, glossary, date=seed_date(text)).text == result.text


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_annotate_golden(seed, glossary):
    text = seed.read_text(encoding="utf-8")
    check_golden(f"{seed.stem}.annotated.txt", annotate(text, glossary, date=seed_date(text)))


def test_dated_former_name_is_noted_not_rewritten(glossary):
    text = (ROOT / "seeds" / "004_7447c9b58328a590.txt").read_text(encoding="utf-8")
    result = normalize(text, glossary, date=seed_date(text))
    nur = [f for f in result.findings if f.surface == "Nur-Sultan"]
    assert nur and all(f.action.value == "note" for f in nur)
    assert "Nur-Sultan" in result.text
    later = normalize(text, glossary, date=dt.date(2024, 7, 1))
    assert "Nur-Sultan" not in later.text


def test_seen_provenance_matches_the_seeds(glossary):
    """Every `seen` list names exactly the seed lines where the matcher finds that form."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        for f in find_terms(text, glossary):
            for concept_id in f.candidates or (f.concept_id,):
                form = f.form if not f.candidates else _ambiguous_form(glossary[concept_id], f.surface)
                found[(concept_id, form)].add(f"{seed.name}:{f.line}")
    problems = []
    for concept in glossary:
        for v in concept.forms():
            recorded = set(v.seen)
            actual = found.pop((concept.id, v.form), set())
            if recorded != actual:
                problems.append(f"{concept.id} {v.form!r}: recorded {sorted(recorded - actual)} "
                                f"extra, missing {sorted(actual - recorded)}")
    assert not problems, "\n".join(problems)


def _ambiguous_form(concept, surface):
    return next(v.form for v in concept.forms() if v.form.lower() == surface.lower())


def test_every_seed_name_and_quoted_term_is_covered(glossary):
    ignore = yaml.safe_load((TESTS / "data" / "seed_ignore.yaml").read_text(encoding="utf-8"))
    words, phrases = set(ignore["words"]), set(ignore["phrases"])
    used_words: set[str] = set()
    used_phrases: set[str] = set()
    findings_by_line: dict[str, list] = {}
    missing = []
    for fname, lineno, kind, cand, line, start, end in candidates():
        if cand in phrases:
            used_phrases.add(cand)
            continue
        if line not in findings_by_line:
            findings_by_line[line] = find_terms(line, glossary)
        hits = [f for f in findings_by_line[line] if f.start < end and f.end > start]
        if kind == "quoted":
            article = re.match(r"(?:the|a|an) ", cand)
            start += article.end() if article else 0
            if not any(f.start <= start and f.end >= end for f in hits):
                missing.append(f"{fname}:{lineno}: quoted {cand!r}")
            continue
        chars = list(line)
        for f in hits:
            chars[f.start:f.end] = " " * (f.end - f.start)
        rest = [w for w in re.findall(r"[^\W\d_]+", "".join(chars[start:end])) if w[0].isupper()]
        used_words.update(w for w in rest if w in words)
        rest = [w for w in rest if w not in words]
        if rest:
            missing.append(f"{fname}:{lineno}: name {cand!r} leaves {rest}")
    assert not missing, "not in the glossary nor in tests/data/seed_ignore.yaml:\n" + "\n".join(missing)
    assert words <= used_words, f"stale ignore words: {sorted(words - used_words)}"
    assert phrases <= used_phrases, f"stale ignore phrases: {sorted(phrases - used_phrases)}"
