"""The one atomic writer (glossary.textio.open_atomic, AtomicWriter, write_bytes_atomic)."""

from __future__ import annotations

import os
import stat

import pytest

from silkterm.glossary import InputError
from silkterm.glossary.textio import AtomicWriter, open_atomic, write_bytes_atomic


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_new_file_gets_the_permissions_open_would_give(tmp_path):
    # (mkstemp makes 0600 files: a glossary export or TMX used to be unreadable by the group)
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    write_bytes_atomic(a, b"Khorgos")
    with open_atomic(b, encoding="utf-8") as fh:
        fh.write("Khorgos")
    w = AtomicWriter(c)
    w.write(b"Khorgos")
    w.commit()
    for p in (a, b, c):
        assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~_umask()
        assert p.read_bytes() == b"Khorgos"


def test_an_existing_file_keeps_its_permissions(tmp_path):
    p = tmp_path / "g.tbx"
    p.write_bytes(b"old")
    p.chmod(0o640)
    with open_atomic(p, "wb") as fh:
        fh.write(b"new")
    assert (stat.S_IMODE(p.stat().st_mode), p.read_bytes()) == (0o640, b"new")


def test_a_failure_leaves_the_file_and_no_temporary(tmp_path):
    p = tmp_path / "out.txt"
    p.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), open_atomic(p, encoding="utf-8") as fh:
        fh.write("half")
        raise RuntimeError("stop")
    assert [x.name for x in tmp_path.iterdir()] == ["out.txt"]
    assert p.read_text(encoding="utf-8") == "old"


def test_a_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot write"):
        write_bytes_atomic(tmp_path / "no" / "out.txt", b"x")


def test_only_writing_modes(tmp_path):
    with pytest.raises(ValueError), open_atomic(tmp_path / "x", "r"):
        pass
