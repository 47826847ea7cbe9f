"""Shared fixtures: a private glossary cache, a small glossary written to disk, loaded glossaries,
a private PostgreSQL server (``pg_server``, ``pg_url``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from silkterm.glossary import load_glossary

SMALL_GLOSSARY = """\
concepts:
- id: khorgos
  type: place
  en: Khorgos
  zh: 霍尔果斯
  kk: Қорғас
  ru: Хоргос
  note: Border crossing between China and Kazakhstan.
  source: [tests]
  variants:
  - form: Horgos
    status: deprecated
    kind: spelling
  - form: Khorgas
    kind: spelling
    case: ignore
  - form: 霍果斯
    lang: zh
    status: deprecated
    kind: misspelling
  specs:
  - {from: "Trains exit China at Horgos.", to: "Trains exit China at Khorgos."}
- id: astana
  type: place
  en: Astana
  zh: 阿斯塔纳
  source: [tests]
  variants:
  - form: Nur-Sultan
    status: deprecated
    kind: former-name
    valid: {from: 2019-03-23, to: 2022-09-17}
  - form: 努尔苏丹
    lang: zh
    status: deprecated
    kind: former-name
    valid: {from: 2019-03-23, to: 2022-09-17}
- id: covid-19
  type: term
  en: COVID-19
  zh: 新型冠状病毒感染
  pinyin: xīnxíng guānzhuàng bìngdú gǎnrǎn
  source: [tests]
  variants:
  - form: COVID
    status: deprecated
    kind: short-form
  - form: new crown
    status: forbidden
    kind: mistranslation
    case: exact
    exceptions: ["new crown prince"]
- id: sco
  type: organisation
  en: Shanghai Cooperation Organisation
  zh: 上海合作组织
  pinyin: Shànghǎi Hézuò Zǔzhī
  source: [tests]
  variants:
  - form: SCO
    kind: abbreviation
    case: exact
  - form: Shanghai Cooperation Organization
    status: deprecated
    kind: spelling
- id: xian
  type: place
  en: Xi'an
  zh: 西安
  source: [tests]
  variants:
  - form: Hsi'an
    status: deprecated
    kind: transliteration
- id: dry-port
  type: term
  en: dry port
  zh: 无水港
  pinyin: wúshuǐgǎng
  source: [tests]
  variants:
  - form: waterless port
    status: deprecated
    kind: calque
- id: nurly-zhol
  type: programme
  en: Nurly Zhol
  source: [tests]
  variants:
  - form: Bright Road
    status: deprecated
    kind: calque
    exceptions: ["Bright Road Street Garden"]
- id: altai-mountains
  type: place
  en: Altai Mountains
  zh: 阿尔泰山
  source: [tests]
  variants:
  - form: Altai
    kind: short-form
    ambiguous: true
- id: altay-prefecture
  type: place
  en: Altay Prefecture
  zh: 阿勒泰地区
  source: [tests]
  variants:
  - form: Altai
    status: deprecated
    kind: spelling
    ambiguous: true
"""


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Every test (and every CLI run in-process or in a subprocess) uses a fresh cache directory."""
    saved = os.environ.get("SILKTERM_CACHE_DIR")
    os.environ["SILKTERM_CACHE_DIR"] = str(tmp_path_factory.mktemp("silkterm-cache"))
    try:
        yield Path(os.environ["SILKTERM_CACHE_DIR"])
    finally:
        if saved is None:
            os.environ.pop("SILKTERM_CACHE_DIR", None)
        else:
            os.environ["SILKTERM_CACHE_DIR"] = saved


@pytest.fixture(scope="session", autouse=True)
def _private_memory(tmp_path_factory: pytest.TempPathFactory):
    """No test touches the user's memory: the default location ($XDG_DATA_HOME/silkterm/…) is a
    temporary directory and $SILKTERM_TM is unset (tests that need it set it themselves)."""
    saved = {k: os.environ.get(k) for k in ("XDG_DATA_HOME", "SILKTERM_TM")}
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("xdg-data"))
    os.environ.pop("SILKTERM_TM", None)
    try:
        yield Path(os.environ["XDG_DATA_HOME"])
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def small_glossary_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test glossary (see SMALL_GLOSSARY), written to a temporary file."""
    path = tmp_path_factory.mktemp("glossary") / "small.yaml"
    path.write_text(SMALL_GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def glossary():
    """The built-in glossary."""
    return load_glossary()


@pytest.fixture(scope="session")
def small(small_glossary_path: Path):
    """The small test glossary alone, without the built-in one."""
    return load_glossary([small_glossary_path], include_default=False)


def _glossary_steps(call):
    """The lines of ``silkterm.glossary`` executed by ``call()``: a deterministic work count."""
    import sys

    import silkterm.glossary

    root = str(Path(silkterm.glossary.__file__).parent)
    count = 0

    def local(frame, event, arg):
        nonlocal count
        count += event == "line"
        return local

    def scope(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(root) else None

    sys.settrace(scope)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


@pytest.fixture(scope="session")
def steps():
    """``steps(call)``: the lines of ``silkterm.glossary`` that ``call()`` executes (work counted
    without timing, for tests of linear growth)."""
    return _glossary_steps


@pytest.fixture(scope="session")
def pg_server():
    """A private PostgreSQL server for the session (tests/pgserver.py): started on first use,
    stopped at the end. Missing server binaries fail the tests that need it (never a skip)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pgserver import PgServer

    server = PgServer.start()
    yield server
    server.stop()


_databases = iter(range(1, 1_000_000))


@pytest.fixture
def pg_url(pg_server) -> str:
    """The URL of a new empty database on the private server (one per test)."""
    return pg_server.create_database(f"t{next(_databases)}")
