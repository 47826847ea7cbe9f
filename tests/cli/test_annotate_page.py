"""silkterm annotate --style html, rendered in headless Chromium: counts, the changes-only switch,
tooltips on focus that stay inside the window, a screenshot and a printout."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

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


class _Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``:
    the browser reads commands on fd 3 and writes replies on fd 4, each ended by a NUL)."""

    def __init__(self, tmp_path: Path, url: str) -> None:
        to_browser, self._to = os.pipe()
        self._from, from_browser = os.pipe()

        def child_fds() -> None:  # fd 3 and 4 in the browser, inheritable
            a, b = os.dup(to_browser), os.dup(from_browser)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--remote-debugging-pipe", f"--user-data-dir={tmp_path / 'profile'}",
             "--window-size=1280,900", "about:blank"],
            preexec_fn=child_fds, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self._buf = b""
        self._id = 0
        self.events: list[str] = []
        self.session: str | None = None
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable")
        self.send("Page.navigate", url=url)
        while "Page.loadEventFired" not in self.events:
            self._receive()

    def _receive(self) -> dict[str, Any]:
        while b"\0" not in self._buf:
            block = os.read(self._from, 1 << 16)
            assert block, "Chromium closed the pipe"
            self._buf += block
        line, self._buf = self._buf.split(b"\0", 1)
        message: dict[str, Any] = json.loads(line)
        if "method" in message:
            self.events.append(message["method"])
        return message

    def send(self, method: str, **params: Any) -> Any:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._to, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._id:
                assert "error" not in reply, reply
                return reply["result"]

    def eval(self, expression: str) -> Any:
        return self.send("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (AssertionError, OSError):
            pass
        self.proc.wait(timeout=30)
        os.close(self._to)
        os.close(self._from)


def test_a_tooltip_stays_open_while_the_pointer_moves_onto_it_and_esc_closes_it(seed_page, tmp_path):
    browser = _Browser(tmp_path, seed_page.as_uri())
    try:
        left, top, bottom = browser.eval(
            'var m = document.querySelector("mark.term.replace"); m.scrollIntoView({block: "center"});'
            "var r = m.getClientRects(); r = r[r.length - 1]; [r.left, r.top, r.bottom]")
        tip = 'getComputedStyle(document.querySelector("mark.term.replace .tip")).display'
        assert browser.eval(tip) == "none"
        shown = []
        for y in range(int(top) + 2, int(bottom) + 40, 2):  # from the mark down into its tooltip
            browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=left + 5, y=y)
            shown.append(browser.eval(tip))
        assert set(shown) == {"block"}, shown
        browser.send("Input.dispatchKeyEvent", type="keyDown", key="Escape", code="Escape",
                     windowsVirtualKeyCode=27)
        assert browser.eval(tip) == "none"
    finally:
        browser.close()
