"""Score ``silkterm collect`` on the evaluation corpus against its truth file (issue 11, "Evaluation").

The corpus is ``benchmarks/collect/corpus/`` (ten short China–Kazakhstan news texts, English and
Chinese, plain text, Markdown and HTML); the truth is ``benchmarks/collect/truth.yaml`` (its schema is
documented at the top of that file; the texts were written for it: the names and their spellings
are real, the events and quotations illustrative): one cluster per name with every spelling the corpus uses, the
glossary concept it is (or null), which forms the glossary already lists (``known``), the pairs of
clusters that must never merge (``distinct``) and strings that are not names (``not_names``).

The answer is the JSON that ``silkterm collect --format json`` writes (issue 11, point 6)::

    {"proposals": [{"id": str, "concept": str | null, "type": str | null, "score": int,
                    "forms": [{"form": str, "lang": str, "count": int, "files": [str], "rule": str | null}],
                    "contexts": [...]}]}

Only ``proposals[].concept`` and ``proposals[].forms[].form`` are scored. A proposed form matches a
truth form when both are equal after NFC, collapsing white space, case folding, and dropping a leading
"the " and a trailing possessive "'s".

Measures:

- **form recall**: the truth forms the glossary does not list yet (``known`` false: forms of new
  names and new spellings of known concepts) that appear in some proposal, over all of them;
- **exact clusters**: truth clusters with such forms whose new forms all land in exactly one
  proposal, which holds no form of another cluster, over all such clusters;
- **wrong merges**: proposals that hold forms of two or more truth clusters; those joining a pair
  listed in ``distinct`` are called out;
- **known forms proposed as new**: a form the glossary already lists, in a proposal with
  ``concept: null``;
- **proposal precision**: proposals whose forms all belong to truth clusters, over all proposals.

Also reported, not judged: proposals linked to another concept than their cluster's, known forms
proposed again as variants of their concept, and ``not_names`` that were proposed.

Goals (the exit status is 1 when one is missed): form recall ≥ 90%, exact clusters ≥ 85%, no wrong
merge, no known form proposed as new.

    python benchmarks/collect_eval.py [-g GLOSSARY]... [--silkterm CMD] [--format text|json]
    python benchmarks/collect_eval.py --json ANSWER.json [--format text|json]
    python benchmarks/collect_eval.py --check-truth

Without ``--json`` the script runs ``silkterm collect --format json`` on every file of the corpus
(``-g`` options are passed through) and scores its output. The ``known`` flags of the truth are
those of the built-in glossary: with a ``-g`` glossary that lists more of the corpus's names, forms it
lists are still scored as forms to find (rebuild the flags, or score without it). ``--check-truth`` checks the truth file
against the corpus instead (every form and not-name occurs in it, ids and forms are unique, every
Chinese form names a source). Exit status: 0 goals met (or truth consistent), 1 goals missed (or
problems found), 2 usage or input error (one line on stderr).

The scorer reads JSON and YAML only; it imports nothing from silkterm.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "collect" / "corpus"
TRUTH = HERE / "collect" / "truth.yaml"

GOAL_RECALL = 0.90
GOAL_EXACT = 0.85

LANGS = frozenset({"en", "zh", "kk", "ru"})


class EvalError(Exception):
    """Bad input to the scorer: a truth file or an answer that does not have the documented shape."""


@dataclass(frozen=True)
class TruthForm:
    """One spelling of a truth cluster, as the corpus writes it."""

    form: str
    lang: str
    known: bool = False


@dataclass(frozen=True)
class Cluster:
    """One name in the corpus: all its spellings, and the glossary concept it is (None when new)."""

    id: str
    type: str
    concept: str | None
    forms: tuple[TruthForm, ...]
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def new_forms(self) -> tuple[TruthForm, ...]:
        """The forms the glossary does not list yet: what collect has to find."""
        return tuple(f for f in self.forms if not f.known)


@dataclass(frozen=True)
class Truth:
    """The truth file: clusters, pairs that must not merge, and strings that are not names."""

    clusters: tuple[Cluster, ...]
    distinct: tuple[tuple[str, str], ...] = ()
    not_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Proposal:
    """What the scorer reads of one proposal of ``silkterm collect``."""

    id: str
    concept: str | None
    forms: tuple[str, ...]


@dataclass(frozen=True)
class WrongMerge:
    """A proposal holding forms of several truth clusters; ``distinct`` lists the forbidden pairs among them."""

    proposal: str
    clusters: tuple[str, ...]
    distinct: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Score:
    """The measures of one answer against the truth."""

    forms_total: int
    forms_found: int
    missing_forms: tuple[tuple[str, str], ...]  # (cluster id, form)
    clusters_total: int
    clusters_exact: int
    inexact_clusters: tuple[str, ...]
    wrong_merges: tuple[WrongMerge, ...]
    known_as_new: tuple[tuple[str, str], ...]  # (proposal id, form)
    known_reproposed: tuple[tuple[str, str], ...]  # (proposal id, form): known form proposed again under a concept
    wrong_links: tuple[tuple[str, str | None, str | None], ...]  # (proposal id, its concept, the truth concept)
    not_names_proposed: tuple[tuple[str, str], ...]  # (proposal id, form)
    proposals_total: int
    proposals_on_target: int

    @property
    def recall(self) -> float:
        """Share of the new truth forms found in some proposal."""
        return self.forms_found / self.forms_total if self.forms_total else 1.0

    @property
    def exact_rate(self) -> float:
        """Share of the clusters (with new forms) proposed exactly: all in one proposal, alone."""
        return self.clusters_exact / self.clusters_total if self.clusters_total else 1.0

    @property
    def precision(self) -> float:
        """Share of the proposals whose forms all belong to truth clusters (1.0 with no proposal)."""
        return self.proposals_on_target / self.proposals_total if self.proposals_total else 1.0

    @property
    def goals(self) -> dict[str, bool]:
        """Each goal of issue 11 and whether this answer meets it."""
        return {
            "form recall >= 90%": self.recall >= GOAL_RECALL,
            "exact clusters >= 85%": self.exact_rate >= GOAL_EXACT,
            "no wrong merge": not self.wrong_merges,
            "no known form proposed as new": not self.known_as_new,
        }

    @property
    def passed(self) -> bool:
        """Whether every goal is met."""
        return all(self.goals.values())


def form_key(form: str) -> str:
    """The key two spellings are compared by: NFC, white space collapsed, case folded, "the " and 's dropped.

    >>> form_key("  the  Irtysh's")
    'irtysh'
    >>> form_key("Tokayev’s") == form_key("TOKAYEV")
    True
    """
    text = " ".join(unicodedata.normalize("NFC", form).split())
    text = re.sub(r"(?:'|’)s$", "", text)
    text = re.sub(r"^the ", "", text, flags=re.I)
    return text.casefold()


# --- reading ------------------------------------------------------------------------------------------

def _str(value: object, where: str) -> str:
    """``value`` when it is a non-empty string, else an ``EvalError`` saying where."""
    if not isinstance(value, str) or not value.strip():
        raise EvalError(f"{where}: expected a non-empty string, got {value!r}")
    return value


def parse_truth(data: object, where: str = "truth") -> Truth:
    """Build a ``Truth`` from the parsed YAML of a truth file; raise ``EvalError`` on a wrong shape."""
    if not isinstance(data, dict) or not isinstance(data.get("clusters"), list):
        raise EvalError(f"{where}: expected a mapping with a list 'clusters'")
    clusters = []
    for i, raw in enumerate(data["clusters"]):
        at = f"{where}: clusters[{i}]"
        if not isinstance(raw, dict):
            raise EvalError(f"{at}: expected a mapping")
        cid = _str(raw.get("id"), f"{at}.id")
        concept = raw.get("concept")
        if concept is not None:
            concept = _str(concept, f"{at} ({cid}).concept")
        forms_raw = raw.get("forms")
        if not isinstance(forms_raw, list) or not forms_raw:
            raise EvalError(f"{at} ({cid}): expected a non-empty list 'forms'")
        forms = []
        for j, f in enumerate(forms_raw):
            if not isinstance(f, dict):
                raise EvalError(f"{at} ({cid}).forms[{j}]: expected a mapping")
            lang = _str(f.get("lang"), f"{at} ({cid}).forms[{j}].lang")
            if lang not in LANGS:
                raise EvalError(f"{at} ({cid}).forms[{j}].lang: {lang!r} is not one of {sorted(LANGS)}")
            known = f.get("known", False)
            if not isinstance(known, bool):
                raise EvalError(f"{at} ({cid}).forms[{j}].known: expected true or false")
            forms.append(TruthForm(_str(f.get("form"), f"{at} ({cid}).forms[{j}].form"), lang, known))
        sources_raw = raw.get("sources") or {}
        if not isinstance(sources_raw, dict):
            raise EvalError(f"{at} ({cid}).sources: expected a mapping of form to sources")
        sources = {str(k): tuple(str(s) for s in (v if isinstance(v, list) else [v]))
                   for k, v in sources_raw.items()}
        clusters.append(Cluster(cid, _str(raw.get("type"), f"{at} ({cid}).type"), concept, tuple(forms), sources))
    distinct = []
    for i, pair in enumerate(data.get("distinct") or []):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            raise EvalError(f"{where}: distinct[{i}]: expected a pair of cluster ids")
        distinct.append((pair[0], pair[1]))
    not_names = tuple(_str(s, f"{where}: not_names[{i}]") for i, s in enumerate(data.get("not_names") or []))
    return Truth(tuple(clusters), tuple(distinct), not_names)


def load_truth(path: Path) -> Truth:
    """Read a truth file (YAML); raise ``EvalError`` naming the file when it is unreadable or malformed."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise EvalError(f"{path}{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    return parse_truth(data, str(path))


def parse_answer(data: object, where: str = "answer") -> tuple[Proposal, ...]:
    """Read the proposals out of ``silkterm collect --format json`` output; raise ``EvalError`` on a wrong shape."""
    if not isinstance(data, dict) or not isinstance(data.get("proposals"), list):
        raise EvalError(f"{where}: expected an object with a list 'proposals'")
    proposals = []
    for i, raw in enumerate(data["proposals"]):
        at = f"{where}: proposals[{i}]"
        if not isinstance(raw, dict):
            raise EvalError(f"{at}: expected an object")
        concept = raw.get("concept")
        if concept is not None and not isinstance(concept, str):
            raise EvalError(f"{at}.concept: expected a string or null")
        forms = raw.get("forms")
        if not isinstance(forms, list):
            raise EvalError(f"{at}.forms: expected a list")
        names = []
        for j, f in enumerate(forms):
            if not isinstance(f, dict):
                raise EvalError(f"{at}.forms[{j}]: expected an object")
            if f.get("count") == 0:
                continue  # a form from open data, not seen in the texts: not scored
            names.append(_str(f.get("form"), f"{at}.forms[{j}].form"))
        proposals.append(Proposal(str(raw.get("id", f"#{i}")), concept, tuple(names)))
    return tuple(proposals)


def load_answer(path: Path) -> tuple[Proposal, ...]:
    """Read a JSON answer file; raise ``EvalError`` naming the file (and line) when it is unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise EvalError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
    return parse_answer(data, str(path))


# --- scoring ------------------------------------------------------------------------------------------

def score(truth: Truth, proposals: Sequence[Proposal]) -> Score:
    """Score an answer against the truth (a pure function of both; see the module docstring)."""
    owner: dict[str, str] = {}
    known: set[str] = set()
    for c in truth.clusters:
        for f in c.forms:
            owner[form_key(f.form)] = c.id
            if f.known:
                known.add(form_key(f.form))
    by_id = {c.id: c for c in truth.clusters}
    forbidden = {frozenset(p) for p in truth.distinct}
    not_names = {form_key(s) for s in truth.not_names}

    proposed: dict[str, list[int]] = {}  # form key -> indexes of the proposals holding it
    wrong_merges, known_as_new, known_again, wrong_links, not_names_hit = [], [], [], [], []
    on_target = 0
    for i, p in enumerate(proposals):
        keys = [form_key(f) for f in p.forms]
        for k in dict.fromkeys(keys):
            proposed.setdefault(k, []).append(i)
        clusters = sorted({owner[k] for k in keys if k in owner})
        if keys and all(k in owner for k in keys):
            on_target += 1
        if len(clusters) > 1:
            pairs = tuple((a, b) for n, a in enumerate(clusters) for b in clusters[n + 1:]
                          if frozenset((a, b)) in forbidden)
            wrong_merges.append(WrongMerge(p.id, tuple(clusters), pairs))
        elif len(clusters) == 1 and p.concept != by_id[clusters[0]].concept:
            wrong_links.append((p.id, p.concept, by_id[clusters[0]].concept))
        for form, k in zip(p.forms, keys):
            if k in known:
                (known_as_new if p.concept is None else known_again).append((p.id, form))
            if k in not_names:
                not_names_hit.append((p.id, form))

    forms_total = forms_found = 0
    missing: list[tuple[str, str]] = []
    clusters_total = clusters_exact = 0
    inexact: list[str] = []
    for c in truth.clusters:
        new = c.new_forms
        if not new:
            continue
        holders: set[int] = set()
        complete = True
        for f in new:
            forms_total += 1
            hits = proposed.get(form_key(f.form), [])
            if hits:
                forms_found += 1
                holders.update(hits)
            else:
                missing.append((c.id, f.form))
                complete = False
        clusters_total += 1
        alone = len(holders) == 1 and all(owner.get(form_key(f), c.id) == c.id
                                          for f in proposals[next(iter(holders))].forms)
        if complete and alone:
            clusters_exact += 1
        else:
            inexact.append(c.id)

    return Score(forms_total, forms_found, tuple(missing), clusters_total, clusters_exact, tuple(inexact),
                 tuple(wrong_merges), tuple(known_as_new), tuple(known_again), tuple(wrong_links),
                 tuple(not_names_hit), len(proposals), on_target)


def perfect_answer(truth: Truth) -> dict[str, object]:
    """The answer collect should give: one proposal per cluster with new forms, linked to its concept.

    Useful as a reference and in tests; every measure of it is 100% and nothing is wrong.
    """
    proposals = []
    for c in truth.clusters:
        if c.new_forms:
            proposals.append({
                "id": c.id, "concept": c.concept, "type": c.type, "score": 100,
                "forms": [{"form": f.form, "lang": f.lang, "count": 1, "files": [], "rule": None}
                          for f in c.new_forms],
                "contexts": [],
            })
    return {"proposals": proposals}


# --- the truth against the corpus ---------------------------------------------------------------------

def _occurs(form: str, text: str) -> bool:
    """Whether ``form`` is written in ``text``; a Latin or Cyrillic form must not be part of a longer word."""
    if "\u3400" <= form[0] <= "\u9fff":
        return form in text
    return re.search(r"(?<![^\W_])" + re.escape(form) + r"(?![^\W_])", text) is not None


def check_truth(truth: Truth, texts: Mapping[str, str]) -> list[str]:
    """Problems of a truth file against its corpus (``texts``: file name → text); empty when consistent.

    Checked: ids unique; every form in one cluster only and written in some text; every Chinese form
    names a source; ``distinct`` names existing, different clusters; every not-name is written in some
    text and is no truth form.
    """
    problems = []
    decoded = [html.unescape(t) if name.endswith((".html", ".htm")) else t for name, t in texts.items()]
    seen_ids: set[str] = set()
    owner: dict[str, str] = {}
    for c in truth.clusters:
        if c.id in seen_ids:
            problems.append(f"cluster {c.id}: id used twice")
        seen_ids.add(c.id)
        for f in c.forms:
            k = form_key(f.form)
            if k in owner and owner[k] != c.id:
                problems.append(f"cluster {c.id}: form {f.form!r} also belongs to {owner[k]}")
            owner[k] = c.id
            if not any(_occurs(f.form, t) for t in decoded):
                problems.append(f"cluster {c.id}: form {f.form!r} is not in the corpus")
            if f.lang == "zh" and not c.sources.get(f.form):
                problems.append(f"cluster {c.id}: Chinese form {f.form!r} names no source")
    for a, b in truth.distinct:
        for x in (a, b):
            if x not in seen_ids:
                problems.append(f"distinct [{a}, {b}]: no cluster {x}")
        if a == b:
            problems.append(f"distinct [{a}, {b}]: a cluster is distinct from itself")
    for s in truth.not_names:
        if form_key(s) in owner:
            problems.append(f"not_names: {s!r} is a form of {owner[form_key(s)]}")
        if not any(_occurs(s, t) for t in decoded):
            problems.append(f"not_names: {s!r} is not in the corpus")
    return problems


def read_corpus(folder: Path) -> dict[str, str]:
    """The corpus texts by file name (UTF-8)."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.is_file()}


# --- running collect ----------------------------------------------------------------------------------

def default_silkterm() -> str:
    """The silkterm next to this Python (a virtual environment's), else the one on PATH."""
    beside = Path(sys.executable).with_name("silkterm")
    return str(beside) if beside.exists() else (shutil.which("silkterm") or "silkterm")


def run_collect(silkterm: str, files: Iterable[Path], glossaries: Sequence[str]) -> object:
    """Run ``silkterm collect --format json`` on ``files`` and return its parsed output."""
    command = [silkterm, "collect", "--format", "json", *map(str, files)]
    for g in glossaries:
        command += ["-g", g]
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    except OSError as exc:
        raise EvalError(f"cannot run {silkterm}: {exc}") from exc
    if done.returncode not in (0, 1):
        message = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise EvalError(f"silkterm collect failed: {message}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError as exc:
        raise EvalError(f"silkterm collect: output is not JSON (line {exc.lineno}: {exc.msg})") from exc


# --- reporting ----------------------------------------------------------------------------------------

def report_json(s: Score) -> dict[str, object]:
    """The score as a JSON-ready object."""
    return {
        "form_recall": {"found": s.forms_found, "total": s.forms_total, "rate": round(s.recall, 4),
                        "missing": [{"cluster": c, "form": f} for c, f in s.missing_forms]},
        "exact_clusters": {"exact": s.clusters_exact, "total": s.clusters_total, "rate": round(s.exact_rate, 4),
                           "inexact": list(s.inexact_clusters)},
        "wrong_merges": [{"proposal": m.proposal, "clusters": list(m.clusters),
                          "distinct": [list(p) for p in m.distinct]} for m in s.wrong_merges],
        "known_as_new": [{"proposal": p, "form": f} for p, f in s.known_as_new],
        "precision": {"on_target": s.proposals_on_target, "total": s.proposals_total,
                      "rate": round(s.precision, 4)},
        "known_reproposed": [{"proposal": p, "form": f} for p, f in s.known_reproposed],
        "wrong_links": [{"proposal": p, "concept": c, "expected": e} for p, c, e in s.wrong_links],
        "not_names_proposed": [{"proposal": p, "form": f} for p, f in s.not_names_proposed],
        "goals": s.goals,
        "passed": s.passed,
    }


def report_text(s: Score) -> str:
    """The score as a table, then the details of what went wrong."""
    def pct(x: float) -> str:
        return f"{100 * x:.1f}%"

    g = s.goals
    rows = [
        ("form recall", f"{s.forms_found}/{s.forms_total}", pct(s.recall), "≥ 90%", g["form recall >= 90%"]),
        ("exact clusters", f"{s.clusters_exact}/{s.clusters_total}", pct(s.exact_rate), "≥ 85%",
         g["exact clusters >= 85%"]),
        ("wrong merges", str(len(s.wrong_merges)), "", "0", g["no wrong merge"]),
        ("known forms proposed as new", str(len(s.known_as_new)), "", "0", g["no known form proposed as new"]),
        ("proposal precision", f"{s.proposals_on_target}/{s.proposals_total}", pct(s.precision), "", None),
    ]
    lines = [f"{'measure':<30} {'count':>9} {'rate':>7}  {'goal':<6} status"]
    for name, count, rate, goal, ok in rows:
        status = "" if ok is None else ("met" if ok else "MISSED")
        lines.append(f"{name:<30} {count:>9} {rate:>7}  {goal:<6} {status}".rstrip())
    lines.append("")
    for m in s.wrong_merges:
        called = "; distinct: " + ", ".join("/".join(p) for p in m.distinct) if m.distinct else ""
        lines.append(f"wrong merge: {m.proposal} holds {', '.join(m.clusters)}{called}")
    lines += [f"known form proposed as new: {f!r} in {p}" for p, f in s.known_as_new]
    lines += [f"missing form: {f!r} ({c})" for c, f in s.missing_forms]
    lines += [f"inexact cluster: {c}" for c in s.inexact_clusters]
    lines += [f"wrong link: {p} is linked to {c} (truth: {e})" for p, c, e in s.wrong_links]
    lines += [f"known form proposed again: {f!r} in {p}" for p, f in s.known_reproposed]
    lines += [f"not a name, proposed: {f!r} in {p}" for p, f in s.not_names_proposed]
    lines.append("goals met" if s.passed else "goals missed")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: score collect (run, or its saved JSON), or check the truth file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="FILE", type=Path, help="score this saved answer instead of running collect")
    parser.add_argument("-g", "--glossary", action="append", default=[], help="passed through to silkterm collect")
    parser.add_argument("--silkterm", default=None, help="the silkterm command (default: the one beside this Python)")
    parser.add_argument("--truth", type=Path, default=TRUTH, help="truth file (default: %(default)s)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder (default: %(default)s)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="report as a table or as JSON")
    parser.add_argument("--check-truth", action="store_true", help="check the truth file against the corpus")
    args = parser.parse_args(argv)
    try:
        truth = load_truth(args.truth)
        if args.check_truth:
            problems = check_truth(truth, read_corpus(args.corpus))
            for p in problems:
                print(f"{args.truth}: {p}")
            if not problems:
                n = sum(len(c.forms) for c in truth.clusters)
                print(f"{args.truth}: {len(truth.clusters)} clusters, {n} forms, consistent with {args.corpus}")
            return 1 if problems else 0
        if args.json is not None:
            proposals = load_answer(args.json)
        else:
            files = sorted(p for p in args.corpus.iterdir() if p.is_file())
            proposals = parse_answer(run_collect(args.silkterm or default_silkterm(), files, args.glossary),
                                     "silkterm collect")
    except EvalError as exc:
        print(f"collect_eval: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"collect_eval: {exc}", file=sys.stderr)
        return 2
    result = score(truth, proposals)
    if args.format == "json":
        print(json.dumps(report_json(result), ensure_ascii=False, indent=2))
    else:
        print(report_text(result))
    return 0 if result.passed else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # the reader stopped early (| head): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
