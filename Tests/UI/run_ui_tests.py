#!/usr/bin/env python3
"""run_ui_tests.py — runs the annotator page's end-to-end tests against a refhuman
binary: `python3 Tests/UI/run_ui_tests.py PATH/TO/refhuman [TEST_NAME…]` from the repo
root. Prints one line per test and the page's own timings, saves screenshots to
.build/ui-artifacts/, and exits non-zero if any test fails.
Needs Debian's chromium, chromium-driver and python3-selenium (use /usr/bin/python3)."""

import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

try:
    import selenium  # noqa: F401
except ImportError:
    # Debian's python3-selenium lives with the system interpreter; a pyenv or venv
    # python3 first on PATH cannot see it, so hand over to /usr/bin/python3.
    if Path("/usr/bin/python3").exists() and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree

from browser import Browser  # noqa: E402
from server import Server  # noqa: E402
import ui_tests  # noqa: E402


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    binary = Path(argv[1]).resolve()
    if not binary.is_file():
        print(f"run_ui_tests: no refhuman binary at {binary}", file=sys.stderr)
        return 2
    repo = HERE.parent.parent
    public = repo / "Public"
    artifacts = repo / ".build" / "ui-artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    for stale in artifacts.glob("FAIL-*.png"):  # only this run's failures stay visible
        stale.unlink()
    chosen = [t for t in ui_tests.ALL if len(argv) == 2 or t.__name__ in argv[2:] or t.__name__[5:] in argv[2:]]

    report = {}
    failures = 0
    started = time.monotonic()
    browser = Browser(artifacts)
    try:
        for test in chosen:
            name = test.__name__[5:]
            workdir = Path(tempfile.mkdtemp(prefix=f"refhuman-ui-{name}-"))
            server = Server(binary, public, workdir)
            t0 = time.monotonic()
            try:
                browser.reset()
                test(ui_tests.Context(browser, server, workdir, report))
                print(f"PASS  {name}  ({time.monotonic() - t0:.1f} s)", flush=True)
            except Exception as error:  # one failing test must not stop the others
                failures += 1
                try:
                    shot = browser.screenshot(f"FAIL-{name}")
                except Exception:
                    shot = "no screenshot"
                reason = str(error).splitlines()[0] if str(error) else type(error).__name__
                print(f"FAIL  {name}  ({time.monotonic() - t0:.1f} s): {reason}  [{shot}]", flush=True)
                traceback.print_exc(file=sys.stderr)
                log = workdir / "serve.log"
                if log.exists():
                    text = log.read_text()
                    # A crash's reason comes before its long backtrace; show it, not just the tail.
                    crash = [line for line in text.splitlines() if "Fatal error" in line or "crashed" in line][:5]
                    for line in crash:
                        print(f"      server: {line}", file=sys.stderr)
                    print(f"      server log tail: {text[-400:]!r}", file=sys.stderr)
            finally:
                server.stop()
                shutil.rmtree(workdir, ignore_errors=True)
    finally:
        browser.quit()

    # The next-image budget is judged over every answer of the whole run.
    latencies = report.get("nextImage", [])
    if latencies:
        p90 = ui_tests.percentile(latencies, 0.9)
        verdict = "PASS" if p90 <= 50 else "FAIL"
        failures += verdict == "FAIL"
        print(f"{verdict}  next_image_within_50ms  (p90 {p90:.1f} ms over {len(latencies)} answers)")
        chosen = chosen + [None]

    print("page timings (Performance API):")
    print(f"  next image after an answer:   {ui_tests.summarise(report.get('nextImage', []))}")
    print(f"  filter, per keystroke (1000): {ui_tests.summarise(report.get('filter', []))}")
    print(f"  keystroke to painted list:    {ui_tests.summarise(report.get('filterPaint', []))}")
    print(f"  build 1000-category panel:    {ui_tests.summarise(report.get('catalogRender', []))}")
    print(f"  scroll step to 2nd frame:     {ui_tests.summarise(report.get('scrollFrames', []))}")
    print(f"  picker's first useful paint:  {ui_tests.summarise(report.get('pickerPaint', []))} after navigation (1000 × 13)")
    print(f"  JS heap (1000 × 13):          {ui_tests.summarise(report.get('heapMB', []), 'MB')} (loaded, then scrolled through)")
    print(f"  elements (1000 × 13):         {ui_tests.summarise(report.get('domNodes', []), '')}")
    print(f"  open one tree node (1000):    {ui_tests.summarise(report.get('treeExpand', []))}")
    print(f"  filter from the tree (1000):  {ui_tests.summarise(report.get('treeFilter', []))}")
    print(f"  JS heap, whole tree open:     {ui_tests.summarise(report.get('treeHeapMB', []), 'MB')}, "
          f"elements {ui_tests.summarise(report.get('treeDomNodes', []), '')}")
    if "pause" in report:
        print(f"  pause excluded from time:     {report['pause']}")
    print(f"{len(chosen) - failures} passed, {failures} failed in {time.monotonic() - started:.1f} s; "
          f"screenshots in {artifacts}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
