"""silkterm annotate --style html, rendered in headless Chromium: counts, the changes-only switch,
tooltips on focus that stay inside the window, a screenshot and a printout."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from silkterm.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "seeds" / "000_dfc09a1d2e2031cc.txt"

# Run in the page after its own script: what the browser computed, written into the DOM.
PROBE = """<script>
(function () {
  var tries = 0;
  function probe() {
  // :focus matches only in a focused window: headless Chromium gives it focus soon after loading
  if (!document.hasFocus() && tries++ < 100) { setTimeout(probe, 50); return; }
  var r = {width: window.innerWidth, focused: document.hasFocus()};
  var box = document.getElementById("changes-only");
  var kept = document.querySelector("mark.term.keep");
  function look(el) { var s = getComputedStyle(el); return [s.backgroundColor, s.borderBottomWidth]; }
  r.kept_before = look(kept);
  r.kept_tabindex_before = kept.tabIndex;
  box.click();
  r.kept_after = look(kept);
  r.kept_tabindex_after = kept.tabIndex;
  r.replace_after = look(document.querySelector("mark.term.replace"));
  box.click();
  r.tips = [];
  var marks = document.querySelectorAll("mark.term");
  for (var i = 0; i < marks.length; i++) {
    var tip = document.getElementById(marks[i].getAttribute("aria-describedby"));
    var hidden = getComputedStyle(tip).display;
    marks[i].focus({preventScroll: true});
    var rect = tip.getBoundingClientRect();
    r.tips.push([hidden, getComputedStyle(tip).display, rect.left, rect.right,
                 rect.top >= marks[i].getBoundingClientRect().bottom - 1]);
  }
  document.body.setAttribute("data-probe", JSON.stringify(r));
  }
  probe();
})();
</script>
</body>"""


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is needed: apt-get install chromium (.ci/run installs it)"
    return found


def _headless(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=180, check=False)


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = CliRunner().invoke(cli, ["annotate", "--style", "html", str(SEED)], prog_name="silkterm")
    assert (result.exit_code, result.stderr) == (0, "")
    page = tmp_path_factory.mktemp("page") / "seed.html"
    page.write_text(result.stdout, encoding="utf-8")
    return page


def test_the_page_renders_with_its_counts(seed_page, tmp_path):
    dom = _headless(tmp_path, "--dump-dom", seed_page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    tree = lxml.html.document_fromstring(dom.stdout)
    counts = [li.text_content() for li in tree.xpath('//ul[@class="counts"]/li')]
    assert counts == ["1 to replace", "2 suggestions", "0 notes", "126 kept", "129 marks in all"]
    assert tree.xpath("//h1")[0].text == SEED.name
    assert len(tree.xpath('//mark[@tabindex="0"]')) == 129


def test_changes_in_the_address_turns_the_switch_on(seed_page, tmp_path):
    dom = _headless(tmp_path, "--dump-dom", seed_page.as_uri() + "#changes")
    assert dom.returncode == 0, dom.stderr[-2000:]
    tree = lxml.html.document_fromstring(dom.stdout)
    # the script takes kept marks out of the tab order while the switch is on
    assert len(tree.xpath('//mark[contains(@class, "keep")][@tabindex="-1"]')) == 126
    assert len(tree.xpath('//mark[not(contains(@class, "keep"))][@tabindex="0"]')) == 3


@pytest.mark.parametrize("width", [1280, 500])  # 500: the narrowest headless window
def test_the_switch_and_the_tooltips_in_the_browser(seed_page, tmp_path, width):
    probe = tmp_path / "probe.html"
    probe.write_text(seed_page.read_text(encoding="utf-8").replace("</body>", PROBE), encoding="utf-8")
    dom = _headless(tmp_path, f"--window-size={width},900", "--virtual-time-budget=10000", "--dump-dom",
                    probe.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = json.loads(lxml.html.document_fromstring(dom.stdout).body.get("data-probe"))
    assert (found["width"], found["focused"]) == (width, True)
    assert found["kept_before"] == ["rgb(238, 243, 253)", "1px"]
    assert found["kept_after"] == ["rgba(0, 0, 0, 0)", "0px"]  # plain text while the switch is on
    assert (found["kept_tabindex_before"], found["kept_tabindex_after"]) == (0, -1)
    assert found["replace_after"] == ["rgb(252, 232, 230)", "2px"]  # changes stay highlighted
    assert len(found["tips"]) == 129
    for hidden, shown, left, right, below in found["tips"]:
        assert (hidden, shown, below) == ("none", "block", True)
        assert 0 <= left < right <= width  # inside the window


def test_a_screenshot_and_a_printout(seed_page, tmp_path):
    png = tmp_path / "page.png"
    shot = _headless(tmp_path, f"--screenshot={png}", "--window-size=1280,1400", seed_page.as_uri())
    assert shot.returncode == 0, shot.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1280, 1400) and len(data) > 50_000
    pdf = tmp_path / "page.pdf"
    printed = _headless(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", seed_page.as_uri())
    assert printed.returncode == 0, printed.stderr[-2000:]
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000
