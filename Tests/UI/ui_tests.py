"""ui_tests.py — end-to-end tests of the annotator, admin, join and enrolment pages: a real
`refhuman serve` on a temporary database, a generated dataset, headless Chromium clicking
and typing as an annotator would, and the database read back afterwards to check what
was stored.
Each test is a function taking a Context; run them with run_ui_tests.py."""

import json
import math
import re
import statistics
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import datasets
from browser import Keys
from other_site import OtherSite

CLOTHES = [c["name"] for c in datasets.CLOTHES]


class Context:
    """What one test gets: the shared browser, its own server and scratch directory,
    and a place to leave numbers for the final report."""

    def __init__(self, browser, server, workdir, report):
        self.browser = browser
        self.server = server
        self.workdir = workdir
        self.report = report

    def serve(self, bundle):
        self.server.import_bundle(bundle)
        self.server.start(port=0)

    def join(self, name="ann"):
        """Adds an annotator, opens their invite link in a browser signed out, presses
        Continue and waits for their name in the annotator page's header."""
        link = self.server.add_annotator(name)
        self.accept(link)
        b = self.browser
        b.wait(lambda: b.text("#who") == name, what="the annotator's name in the header")
        return link

    def accept(self, link, lands_on="/"):
        """Opens an invite link in a browser with no session: the join page asks first, with
        Continue focused, and Enter presses it; then the page goes where the server says."""
        b = self.browser
        b.go(link)
        b.wait(lambda: b.visible("#join-continue") and b.focused() == "join-continue", what="the focused Continue button")
        b.keys(Keys.ENTER)
        b.wait(lambda: b.js("return location.pathname") == lands_on, what=f"the page at {lands_on}")

    def truth(self, handle):
        """The true category of the item behind a handle the page was given."""
        rows = self.server.query("""SELECT item.category_idx FROM item_handle AS h
            JOIN item ON item.id = h.item_id WHERE h.handle = ?""", handle)
        assert len(rows) == 1, f"{len(rows)} items with handle {handle!r}"
        return rows[0][0]

    def live(self, name="ann"):
        """The annotator's judgements that count, oldest first: (item, guesses, abstained,
        phase, response_ms, shown_at), the item as the handle the judgement's study gives it
        (what the page saw; None if that study has no handle for it)."""
        rows = self.server.query("""
            SELECT h.handle, j.guesses, j.abstained, j.phase, j.response_ms, j.shown_at
            FROM live_judgement AS j JOIN annotator AS a ON a.id = j.annotator_id
            LEFT JOIN item_handle AS h ON h.study_id = j.study_id AND h.item_id = j.item_id
            WHERE a.name = ? ORDER BY j.id""", name)
        return [(r[0], json.loads(r[1]), bool(r[2]), r[3], r[4], r[5]) for r in rows]

    def collect_latency(self):
        self.report.setdefault("nextImage", []).extend(self.browser.metrics().get("nextImage", []))


def digit(index):
    return str((index + 1) % 10)


def type_slowly(b, keys, interval=0.06):
    """One key at a time at a brisk typist's pace: a burst of keys sent in one go would
    measure the queue behind the previous frame rather than the page's response."""
    for key in keys:
        started = time.monotonic()
        b.keys(key)
        time.sleep(max(0.0, interval - (time.monotonic() - started)))


def wait_saved(b, timeout=15):
    b.wait(lambda: b.js("return window.refhumanSession.outbox.size") == 0, timeout, "every answer to be saved")


def chips(b):
    return b.js("return [...document.querySelectorAll('#chips .chip')].map(c => "
                "[c.querySelector('.chip-rank').textContent, c.querySelector('.chip-name').textContent])")


def answer_by_digit(b, index):
    item = b.wait_item()
    b.keys(digit(index))
    b.wait(lambda: [name for _, name in chips(b)] == [CLOTHES[index]], what=f"chip {CLOTHES[index]}")
    b.keys(Keys.ENTER)
    return item


def post_judgement_elsewhere(server, link, item_id, guesses, response_ms=900):
    """Answers an item with the annotator's own token, as the same invite link opened in
    a second browser would; returns the HTTP status."""
    token = link.rsplit("/", 1)[1]
    body = json.dumps({"uuid": str(uuid.uuid4()), "item_id": item_id, "guesses": guesses, "abstained": False,
                       "response_ms": response_ms, "shown_at": datetime.now(timezone.utc).isoformat()}).encode()
    request = urllib.request.Request(server.url + "/api/judgements", data=body, method="POST", headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def lease_elsewhere(server, link, count):
    """Leases up to `count` items with the annotator's own token (POST /api/next, as a
    script would); returns their item ids."""
    token = link.rsplit("/", 1)[1]
    request = urllib.request.Request(f"{server.url}/api/next?count={count}", data=b"", method="POST",
                                     headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return [lease["item_id"] for lease in json.loads(response.read())]


TELEMETRY = ("hidden_count", "hidden_ms", "blur_count", "blur_ms", "fullscreen_exits", "viewport_width",
             "viewport_height", "device_pixel_ratio", "image_width", "image_height", "measured_exposure_ms")


def stored_telemetry(server, **where):
    """The telemetry columns and response_ms of the one judgement matching `where`
    (uuid= or item_id=), read from the database file, as a dict."""
    (column, value), = where.items()
    rows = server.query(f"SELECT response_ms, {', '.join(TELEMETRY)} FROM judgement WHERE {column} = ?", value)
    assert len(rows) == 1, f"{len(rows)} judgements with {column} {value}"
    return dict(zip(("response_ms",) + TELEMETRY, rows[0]))


def on_screen(b):
    """What the page's telemetry should report, read through the driver: the viewport, the
    pixel ratio and the image's bounding box, rounded as the page rounds it."""
    return b.js("""const r = document.querySelector('#stage-box .subject').getBoundingClientRect();
        return {viewport_width: innerWidth, viewport_height: innerHeight, device_pixel_ratio: devicePixelRatio,
                image_width: Math.round(r.width), image_height: Math.round(r.height)};""")


def whole_multiple(rendered_css_px, natural_px, pixel_ratio):
    """True when an image is drawn at a whole number of device pixels per source pixel
    (layout rounds CSS sizes to 1/64 px, hence the small tolerance)."""
    factor = rendered_css_px * pixel_ratio / natural_px
    return round(factor) >= 1 and abs(factor - round(factor)) < 0.02


def visible_texts(b, css):
    """The text of each visible element matching `css`."""
    return b.js("""return [...document.querySelectorAll(arguments[0])]
        .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
        .map(e => e.textContent.trim());""", css)


# ---- tests ---------------------------------------------------------------------------


def test_join_and_practice(ctx):
    """Invite link → practice with feedback (right, wrong) → marked switch to the test."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice=1, practice_count=3))
    b = ctx.browser
    ctx.join()
    assert b.text("#phase-badge") == "Practice", b.text("#phase-badge")
    assert b.text("#progress").startswith("0 of 3 practice"), b.text("#progress")

    # 1: right, by digit key.
    first = b.wait_item()
    assert b.js("return document.getElementById('stage-box').dataset.phase") == "practice"
    truth = ctx.truth(first)
    answer_by_digit(b, truth)
    b.wait(lambda: b.js("return document.querySelector('#feedback.right') !== null"), what="'right' feedback")
    assert b.text("#feedback .verdict") == "Right.", b.text("#feedback .verdict")
    assert b.text("#feedback .compare-truth strong") == CLOTHES[truth]
    assert b.text("#progress").startswith("1 of 3 practice images · 1 right"), b.text("#progress")
    b.keys(Keys.ENTER)  # "Next image" has focus

    # 2: wrong, by mouse; feedback shows both categories' examples side by side.
    second = b.wait_item(other_than=first)
    truth = ctx.truth(second)
    wrong = (truth + 3) % 10
    b.click(f"#card-{wrong}")
    b.click("#submit")
    b.wait(lambda: b.js("return document.querySelector('#feedback.wrong') !== null"), what="'wrong' feedback")
    assert b.text("#feedback .compare-chosen strong") == CLOTHES[wrong]
    assert b.text("#feedback .compare-truth strong") == CLOTHES[truth]
    shown = b.js("return [...document.querySelectorAll('#feedback .compare-truth img')].map(i => i.getAttribute('src'))")
    examples = {f"/images/{handle}" for (handle,) in ctx.server.query(
        "SELECT h.handle FROM item_handle AS h JOIN item ON item.id = h.item_id "
        "WHERE h.study_id = ? AND item.split = 'example' AND item.category_idx = ?",
        ctx.server.study_of(second), truth)}
    assert shown and set(shown) <= examples, "the truth column must show the true category's examples"
    chosen_shown = b.js("return [...document.querySelectorAll('#feedback .compare-chosen img')].map(i => i.getAttribute('src'))")
    assert chosen_shown and not set(chosen_shown) & examples
    assert "1 of 2 right (50 %)" in b.text("#feedback .practice-score"), b.text("#feedback .practice-score")
    b.wait(lambda: b.js("return [...document.querySelectorAll('#feedback img')].every(i => i.complete)"))
    b.screenshot("practice-feedback")
    b.click("#next")

    # 3: right again; then the test phase is announced before its first item.
    third = b.wait_item(other_than=second)
    answer_by_digit(b, ctx.truth(third))
    b.wait(lambda: b.js("return document.querySelector('#feedback.right') !== null"), what="feedback 3")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.js("return document.getElementById('switch-dialog').open"), what="the test-phase marker")
    assert "The test starts now" in b.text("#switch-dialog")
    assert "2 of 3 practice images right" in b.text("#switch-score"), b.text("#switch-score")
    b.screenshot("test-phase-marker")
    b.keys(Keys.ENTER)
    test_item = b.wait_item(other_than=third)
    assert b.text("#phase-badge") == "Test"
    assert b.js("return document.getElementById('stage-box').dataset.phase") == "test"
    # No feedback of any kind in the test phase.
    b.keys(digit(0), Keys.ENTER)
    b.wait_item(other_than=test_item)
    assert not b.visible("#feedback-box"), "test answers must get no feedback"
    wait_saved(b)

    rows = ctx.live()
    assert [(r[0], r[3]) for r in rows] == [(first, "practice"), (second, "practice"), (third, "practice"),
                                            (test_item, "test")], rows
    assert rows[1][1] == [wrong] and rows[0][1] == [ctx.truth(first)] and rows[3][1] == [0], rows
    assert all(r[4] is not None and r[4] > 0 and r[5] for r in rows), "response_ms and shown_at are recorded"
    ctx.collect_latency()


def test_label_by_keyboard_mouse_and_search(ctx):
    """Test items answered with digits, arrow keys, the mouse, and search-then-Enter."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice_count=0))
    b = ctx.browser
    ctx.join()
    assert b.text("#phase-badge") == "Test"
    expected = []

    # Digit key, then Enter in the (empty) search box.
    item = answer_by_digit(b, 2)
    expected.append((item, [2]))

    # Arrow keys: from the search box into the cards, across, down a row; Enter picks,
    # focus moves to Submit, Enter submits.
    item = b.wait_item(other_than=item)
    assert b.js("return document.activeElement.id") == "search", b.focused()
    b.keys(Keys.ARROW_DOWN)
    assert b.js("return document.activeElement.dataset.index") == "0"
    b.keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    assert b.js("return document.activeElement.dataset.index") == "2"
    b.keys(Keys.ARROW_DOWN)
    below = b.js("""const a = document.activeElement, two = document.getElementById('card-2');
        const ra = a.getBoundingClientRect(), r2 = two.getBoundingClientRect();
        return a.classList.contains('card') && ra.top > r2.top + 10 && Math.abs(ra.left - r2.left) < 5
               ? Number(a.dataset.index) : null;""")
    assert below is not None, "ArrowDown moves to the card below"
    b.keys(Keys.ARROW_LEFT)
    picked = below - 1
    assert b.js("return Number(document.activeElement.dataset.index)") == picked
    b.keys(Keys.ENTER)
    assert [n for _, n in chips(b)] == [CLOTHES[picked]]
    assert b.js("return document.activeElement.id") == "submit"
    b.keys(Keys.ENTER)
    expected.append((item, [picked]))

    # Mouse: one guess allowed, so a second click replaces the first.
    item = b.wait_item(other_than=item)
    b.click("#card-7")
    b.click("#card-8")
    assert [n for _, n in chips(b)] == ["Bag"], chips(b)
    assert b.js("return document.getElementById('card-8').getAttribute('aria-pressed')") == "true"
    assert b.js("return document.getElementById('card-7').getAttribute('aria-pressed')") == "false"
    b.click("#submit")
    expected.append((item, [8]))

    # Search by synonym: "jumper" finds Pullover; Enter takes it, Enter submits.
    item = b.wait_item(other_than=item)
    b.keys("jumper")
    b.wait(lambda: b.js("return document.querySelector('.card.best')?.dataset.index") == "2", what="best match")
    visible = b.js("return [...document.querySelectorAll('.card')].filter(c => !c.hidden).length")
    assert visible == 1, f"'jumper' should leave one card, left {visible}"
    assert "Pullover" in b.text("#match-summary")
    b.screenshot("search-synonym")
    b.keys(Keys.ENTER)
    assert [n for _, n in chips(b)] == ["Pullover"] and b.js("return document.getElementById('search').value") == ""
    b.keys(Keys.ENTER)
    expected.append((item, [2]))

    # Search by description: "straps" only describes Sandal.
    item = b.wait_item(other_than=item)
    b.keys("straps")
    b.wait(lambda: b.js("return document.querySelector('.card.best')?.dataset.index") == "5", what="Sandal")
    b.keys(Keys.ENTER, Keys.ENTER)
    expected.append((item, [5]))

    b.wait_item(other_than=item)
    b.screenshot("test-phase")
    wait_saved(b)
    assert b.text("#progress").startswith("5 done · 15 left"), b.text("#progress")
    rows = ctx.live()
    assert [(r[0], r[1]) for r in rows] == expected, (rows, expected)
    assert all(r[3] == "test" and not r[2] for r in rows)
    ctx.collect_latency()


def test_top5_ordered_guesses(ctx):
    """max_guesses 5: ordered numbered chips, a sixth refused, removal renumbers."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0, max_guesses=5))
    b = ctx.browser
    ctx.join()
    item = b.wait_item()
    assert "up to 5 guesses" in b.text("#max-guesses")
    b.keys(digit(7), digit(5))                  # Sneaker, Sandal by digit
    b.keys("boot", Keys.ENTER)                   # Ankle boot by search
    b.click("#card-8")                           # Bag by mouse (focus now on that card)
    b.keys("tee", Keys.ENTER)                    # typing anywhere searches: T-shirt
    assert chips(b) == [["1", "Sneaker"], ["2", "Sandal"], ["3", "Ankle boot"], ["4", "Bag"], ["5", "T-shirt"]], chips(b)
    b.keys(digit(1))                             # a sixth guess is refused
    assert len(chips(b)) == 5 and "already have 5" in b.text("#hint"), b.text("#hint")
    b.click("#chips .chip:nth-child(2) .chip-remove")
    assert chips(b) == [["1", "Sneaker"], ["2", "Ankle boot"], ["3", "Bag"], ["4", "T-shirt"]], chips(b)
    b.find("#search").click()
    b.keys(digit(4))                             # Coat becomes #5
    ranks = b.js("return [7, 9, 8, 0, 4].map(i => document.querySelector(`#card-${i} .card-rank`).textContent)")
    assert ranks == ["#1", "#2", "#3", "#4", "#5"], ranks
    b.screenshot("top5-chips")
    b.keys(Keys.BACKSPACE)                       # empty search box: removes the last guess
    assert [n for _, n in chips(b)] == ["Sneaker", "Ankle boot", "Bag", "T-shirt"]
    b.keys(digit(4))
    b.chord(Keys.CONTROL, Keys.ENTER)
    b.wait_item(other_than=item)
    wait_saved(b)
    rows = ctx.live()
    assert [(r[0], r[1]) for r in rows] == [(item, [7, 9, 8, 0, 4])], rows
    ctx.collect_latency()


def test_abstain_then_undo(ctx):
    """"Can't tell" stores an abstention; undo supersedes it and brings the image back."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b = ctx.browser
    ctx.join()
    first = b.wait_item()
    b.click("#abstain")
    second = b.wait_item(other_than=first)
    wait_saved(b)
    assert [(r[0], r[1], r[2]) for r in ctx.live()] == [(first, [], True)]
    assert b.js("return document.getElementById('undo').disabled") is False
    b.chord(Keys.CONTROL, "z")
    b.wait(lambda: b.item_id() == first, what="the undone image back on screen")
    assert "Undone" in b.text("#hint")
    assert ctx.live() == [], "the abstention no longer counts"
    rows = ctx.server.query("SELECT abstained, superseded_at FROM judgement WHERE item_id = ?", ctx.server.item_of(first))
    assert len(rows) == 1 and rows[0][0] == 1 and rows[0][1], rows
    assert b.js("return document.getElementById('undo').disabled") is True
    answer_by_digit(b, 1)
    again = b.wait_item(other_than=first)
    assert again == second, "the item that was on screen comes next again"
    b.click("#card-3")
    b.click("#submit")
    b.wait_item(other_than=second)
    wait_saved(b)
    assert [(r[0], r[1], r[2]) for r in ctx.live()] == [(first, [1], False), (second, [3], False)], ctx.live()
    assert ctx.server.query("SELECT count(*) FROM judgement")[0][0] == 3
    ctx.collect_latency()


def test_submit_survives_server_outage(ctx):
    """A submit whose answer is lost, and a server killed mid-submit and restarted on the
    same port and database: each judgement is stored exactly once."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b, server = ctx.browser, ctx.server
    ctx.join()
    a = answer_by_digit(b, 0)
    wait_saved(b)

    # 1. Server frozen: the POST gets no answer, the page gives up on it and retries.
    #    Thawed, the server stores the first request and must not store the retry again.
    server.freeze()
    try:
        item_b = answer_by_digit(b, 1)
        b.wait_item(other_than=item_b)  # the page goes on; the answer waits in the outbox
        pending = b.js("return JSON.parse(localStorage.getItem(window.refhumanSession.outbox.key))")
        assert [p["judgement"]["item_id"] for p in pending] == [item_b], pending
        uuid_b = pending[0]["judgement"]["uuid"]
        telemetry_b = pending[0]["judgement"]["telemetry"]
        b.wait(lambda: "not saved yet" in (b.text("#sync") or ""), 12, "the retry notice")
        b.screenshot("offline-retrying")
    finally:
        server.thaw()
    wait_saved(b, 20)
    assert b.text("#sync") == "", b.text("#sync")

    # 2. Server killed while the POST is in flight; the annotator even closes the page.
    #    Started again on the same port and database, the reopened page sends it.
    server.freeze()
    item_c = answer_by_digit(b, 2)
    b.wait(lambda: b.js("return window.refhumanSession.outbox.inFlight") is not None, what="the POST in flight")
    uuid_c = b.js("return window.refhumanSession.outbox.entries[0].judgement.uuid")
    telemetry_c = b.js("return window.refhumanSession.outbox.entries[0].judgement.telemetry")
    server.kill()
    b.wait(lambda: b.js("return window.refhumanSession.outbox.state") == "retrying", 10, "the page to notice")
    stored = b.js("return localStorage.getItem(window.refhumanSession.outbox.key)")
    assert uuid_c in stored, "the unsent judgement is persisted in localStorage"
    b.go("about:blank")
    server.start()  # same port, same database
    b.go(server.url + "/")
    shown = b.wait_item()
    assert shown != item_c, "an answered item must not come back after a reload"
    wait_saved(b, 25)

    for uuid, item, guess in ((uuid_b, item_b, 1), (uuid_c, item_c, 2)):
        rows = server.query("SELECT item_id, guesses FROM judgement WHERE uuid = ?", uuid)
        assert rows == [(server.item_of(item), f"[{guess}]")], rows
    per_item = server.query("SELECT item_id, count(*) FROM judgement GROUP BY item_id ORDER BY item_id")
    assert sorted(per_item) == sorted([(server.item_of(a), 1), (server.item_of(item_b), 1),
                                       (server.item_of(item_c), 1)]), per_item
    assert [(r[0], r[1]) for r in ctx.live()] == [(a, [0]), (item_b, [1]), (item_c, [2])]
    # The telemetry is part of the judgement: it survives the retry and the reload.
    for uuid, sent in ((uuid_b, telemetry_b), (uuid_c, telemetry_c)):
        assert sent and sent["viewport_width"] > 0, sent
        row = stored_telemetry(server, uuid=uuid)
        assert {key: row[key] for key in TELEMETRY} == {key: sent.get(key) for key in TELEMETRY}, (row, sent)


def lease_changing_requests(server):
    """The requests in the server's access log so far that can change a lease: leasing
    (POST /api/next), answering (POST /api/judgements) and undoing (DELETE /api/judgements/…)."""
    return [line for line in server.log.read_text().splitlines()
            if re.search(r" (POST /api/(next|judgements)|DELETE /api/judgements/)", line)]


def test_exposure_limit_and_pause(ctx):
    """exposure_ms masks the image with noise; pause stops the clock and keeps the leases."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0, exposure_ms=700))
    b, server = ctx.browser, ctx.server
    ctx.join()
    item = b.wait_item()
    since = b.js("return performance.now() - window.refhumanSession.current.onset")
    if since < 500:
        assert b.js("return document.getElementById('stage-box').dataset.masked") is None, "masked too early"
    b.wait(lambda: b.js("return document.getElementById('stage-box').dataset.masked") == "true", 3, "the mask")
    masked_after = b.js("return performance.now() - window.refhumanSession.current.onset")
    assert masked_after >= 690, f"masked after {masked_after:.0f} ms"
    assert b.visible("#stage-box .mask") and not b.visible("#stage-box .subject")
    b.screenshot("exposure-mask")

    # Leases are in the server's memory; only a lease request (which renews them) or an
    # answer (which ends one) changes them, and the access log shows every request.
    changes = lease_changing_requests(server)
    assert any("/api/next" in line for line in changes), "the access log shows the page's lease request"
    b.click("#pause")
    assert b.visible("#stage-box .cover") and b.text("#pause") == "Resume"
    time.sleep(1.5)
    assert lease_changing_requests(server) == changes, "pausing must not release or renew any lease"
    b.keys(digit(3))
    assert chips(b) == [], "no answering while paused"
    b.click("#resume")
    b.keys(digit(3))
    elapsed = b.js("return performance.now() - window.refhumanSession.current.onset")
    b.keys(Keys.ENTER)
    b.wait_item(other_than=item)
    wait_saved(b)
    rows = ctx.live()
    assert len(rows) == 1 and rows[0][1] == [3]
    response_ms = rows[0][4]
    assert 0 < response_ms <= elapsed - 1400, f"response_ms {response_ms} should exclude the 1.5 s pause (wall {elapsed:.0f})"
    ctx.report["pause"] = f"wall {elapsed:.0f} ms, recorded {response_ms} ms"


def test_telemetry_counts_a_hidden_tab(ctx):
    """Mid-trial a second tab is opened over the annotator's page and closed again: the
    stored judgement says the tab was hidden once, for no longer than the response time,
    and carries the viewport, pixel ratio and image size the page had; without an exposure
    limit there is no measured exposure."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b = ctx.browser
    ctx.join()
    item = b.wait_item()
    page = b.driver.current_window_handle
    b.driver.switch_to.new_window("tab")
    try:
        b.wait(lambda: b.js("return document.visibilityState") == "visible", what="the second tab in front")
        b.driver.close()
    finally:
        b.driver.switch_to.window(page)
    b.wait(lambda: b.js("""const t = window.refhumanSession.telemetry.trial;
        return document.visibilityState === 'visible' && document.hasFocus()
               && t.hidden.count === 1 && t.hidden.since === null;"""),
           what="the page back in front, having seen itself hidden once")
    expected = on_screen(b)
    assert b.item_id() == item
    b.keys(digit(4), Keys.ENTER)
    b.wait_item(other_than=item)
    wait_saved(b)
    row = stored_telemetry(ctx.server, item_id=ctx.server.item_of(item))
    assert row["hidden_count"] == 1, row
    assert 0 < row["hidden_ms"] <= row["response_ms"], row
    assert row["blur_count"] in (0, 1) and 0 <= row["blur_ms"] <= row["response_ms"], row
    assert row["fullscreen_exits"] == 0, row
    assert {key: row[key] for key in expected} == expected, (row, expected)
    assert row["image_width"] > 0 and row["image_height"] > 0, row
    assert row["measured_exposure_ms"] is None, row


def test_telemetry_measures_the_exposure(ctx):
    """With exposure_ms 500 the stored judgement has the exposure the page measured from
    the frame that painted the image to the one that painted the mask: at least 500 ms
    less one frame, and what the page itself measured."""
    exposure = 500
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0, exposure_ms=exposure))
    b = ctx.browser
    ctx.join()
    item = b.wait_item()
    b.wait(lambda: b.js("return window.refhumanSession.stage.measuredExposure()") is not None, 5,
           "the mask painted")
    measured = b.js("return window.refhumanSession.stage.measuredExposure()")
    expected = on_screen(b)
    b.keys(digit(2), Keys.ENTER)
    b.wait_item(other_than=item)
    wait_saved(b)
    row = stored_telemetry(ctx.server, item_id=ctx.server.item_of(item))
    stored = row["measured_exposure_ms"]
    assert stored is not None, row
    assert abs(stored - measured) <= 0.051, (stored, measured)
    assert exposure - 17 <= stored <= row["response_ms"] + 100, row
    assert {key: row[key] for key in expected} == expected, (row, expected)
    assert row["hidden_count"] == 0 and row["hidden_ms"] == 0, row


def test_thousand_categories(ctx):
    """1,000 categories with 13 examples each: load, lazy thumbnails, scroll, filter per
    keystroke within 16 ms, take the best match with Enter."""
    bundle, entries = datasets.thousand(ctx.workdir / "bundle")
    ctx.serve(bundle)
    b = ctx.browser
    ctx.join()
    item = b.wait_item(timeout=20)
    assert b.js("return document.querySelectorAll('.card').length") == 1000
    assert b.js("return document.querySelectorAll('.group').length") == 20
    thumbs = lambda: b.js("""const all = [...document.querySelectorAll('.thumbs img')];
        return [all.length, all.filter(i => i.complete && i.naturalWidth > 0).length,
                all.every(i => i.loading === 'lazy')];""")
    created, loaded, lazy = thumbs()
    assert lazy, "every thumbnail has loading=lazy"
    assert 0 < created < 2000, f"{created} thumbnails created up front (of 13,000): they must come lazily"

    # Scroll the whole panel in steps; far cards render and fetch their thumbnails.
    frames = []
    for step in range(1, 6):
        frames.append(b.js("""const p = document.scrollingElement; const t = performance.now();
            p.scrollTop = p.scrollHeight * arguments[0] / 5;
            return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now() - t))));""", step))
        time.sleep(0.2)
    last = "#card-999 .thumbs img"
    b.wait(lambda: b.js(f"const i = [...document.querySelectorAll('{last}')]; "
                        "return i.length === 13 && i.every(i => i.complete && i.naturalWidth > 0)"),
           15, "the last card's thumbnails")
    assert thumbs()[1] > loaded
    b.screenshot("thousand-scrolled")
    b.js("document.scrollingElement.scrollTop = 0")

    # Type a name one keystroke at a time, then a description phrase, then a synonym.
    target = 777
    b.find("#search").click()
    b.js("window.refhumanMetrics.filter.length = 0; window.refhumanMetrics.filterPaint.length = 0")
    name = entries[target]["name"]
    type_slowly(b, name)
    b.wait(lambda: b.js("return document.querySelector('.card.best')?.dataset.index") == str(target), what="best match")
    shown = b.js("return [...document.querySelectorAll('.card')].filter(c => !c.hidden).length")
    assert 1 <= shown < 1000
    b.wait(lambda: len(b.metrics()["filterPaint"]) >= len(name))
    b.keys(Keys.ENTER)
    assert [n for _, n in chips(b)] == [name]
    for phrase in ("specimen 77", "kind500"):
        type_slowly(b, phrase)
        b.wait(lambda: b.js("return document.querySelector('.card.best') !== null"))
        if phrase == "specimen 77":
            # 77, 177 … 977 and 770 … 779: 19 cards in ten groups; thumbnails once typing stops.
            assert b.js("return [...document.querySelectorAll('.card')].filter(c => !c.hidden).length") == 19
            b.wait(lambda: b.js("return [...document.querySelectorAll('.card:not([hidden]) .thumbs')]"
                                ".filter(t => t.getBoundingClientRect().top < innerHeight)"
                                ".every(t => t.children.length === 13 && [...t.children].every(i => i.complete))"),
                   5, "thumbnails in view after typing stops")
            b.screenshot("thousand-filter")
        type_slowly(b, [Keys.BACKSPACE] * len(phrase))
    b.wait(lambda: b.js("return [...document.querySelectorAll('.card')].every(c => !c.hidden)"), what="all cards back")
    b.keys("kind500", Keys.ENTER, Keys.ENTER)
    b.wait_item(other_than=item)
    wait_saved(b)
    assert [(r[0], r[1]) for r in ctx.live()] == [(item, [target, 500])], ctx.live()

    b.js("window.refhumanSampleMemory()")  # after every card was seen and its thumbnails loaded
    m = b.metrics()
    filters, paints = m["filter"], m["filterPaint"]
    ctx.report["pickerPaint"] = m["pickerPaint"]
    ctx.report["heapMB"] = m["heapMB"]
    ctx.report["domNodes"] = m["domNodes"]
    keystrokes = len(name) + 2 * (len("specimen 77") + len("kind500")) + len("kind500")
    assert len(filters) >= keystrokes, (len(filters), keystrokes)
    ctx.report["catalogRender"] = m["catalogRender"]
    ctx.report["filter"] = filters
    ctx.report["filterPaint"] = paints
    ctx.report["scrollFrames"] = frames
    # The budget is per keystroke; a 2-core machine shared with other jobs can stall any
    # single one, so the test holds nine keystrokes in ten to it (and prints the max).
    assert percentile(filters, 0.9) <= 16, f"filtering took {summarise(filters)} per keystroke (budget 16 ms)"
    ctx.collect_latency()


def test_thousand_categories_as_a_tree(ctx):
    """The thousand under a four-level hierarchy: the tree view opens with the top level
    only, every node expanded by keyboard (timed per node), all thousand leaves then in the
    tree; typing filters the flat list within 16 ms a keystroke; the heap and element
    count once everything is open."""
    bundle, entries = datasets.thousand(ctx.workdir / "bundle", hierarchy=True)
    ctx.serve(bundle)
    b = ctx.browser
    ctx.join()
    b.wait_item(timeout=20)
    b.click("#picker-mode")
    assert b.js("return document.querySelectorAll('#tree [role=treeitem]').length") == 1
    b.find("#search").click()
    b.keys(Keys.ARROW_DOWN)
    assert focused_tree_item(b) == ["specimens", "false", "1"], focused_tree_item(b)
    # Every node opened with Right, as a person would: first the root and the orders on
    # the way down, then the families on the way back up from End, so no family's fifty
    # leaves stand between the focus and the next node.
    opened = 0
    for _ in range(60):
        state = focused_tree_item(b)
        if state[1] == "false" and state[2] in ("1", "2"):
            b.keys(Keys.ARROW_RIGHT)
            opened += 1
        before = focused_tree_item(b)
        b.keys(Keys.ARROW_DOWN)
        if focused_tree_item(b) == before:
            break
    b.keys(Keys.END)
    for _ in range(60):
        state = focused_tree_item(b)
        if state[2] == "1":
            break
        if state[1] == "false":
            b.keys(Keys.ARROW_RIGHT)
            opened += 1
        b.keys(Keys.ARROW_UP)
    assert opened == 25, f"opened {opened} of 25 nodes"
    assert b.js("return document.querySelectorAll('#tree .tree-leaf').length") == 1000
    counts = b.js("return [...document.querySelectorAll('#tree .tree-node')].slice(0, 3).map(n => n.querySelector('.tree-count').textContent)")
    assert counts == ["1000", "250", "50"], counts
    b.screenshot("thousand-tree")
    b.js("window.refhumanSampleMemory()")
    b.js("window.refhumanMetrics.filter.length = 0; window.refhumanMetrics.filterPaint.length = 0")
    b.find("#search").click()
    type_slowly(b, entries[321]["name"])
    b.wait(lambda: b.js("return document.querySelector('.card.best')?.dataset.index") == "321", what="best match")
    assert b.visible("#catalog") and not b.visible("#tree")
    m = b.metrics()
    ctx.report["treeExpand"] = m["treeExpand"]
    ctx.report["treeFilter"] = m["filter"]
    ctx.report["treeHeapMB"] = m["heapMB"][-1:]
    ctx.report["treeDomNodes"] = m["domNodes"][-1:]
    assert len(m["treeExpand"]) == 25, m["treeExpand"]
    assert percentile(m["filter"], 0.9) <= 16, f"filtering took {summarise(m['filter'])} per keystroke (budget 16 ms)"


def test_phone_touch(ctx):
    """A 390x844 touch screen: no sideways scrolling, large targets, answer by tapping."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice=1, practice_count=1))
    b = ctx.browser
    b.phone()
    ctx.join()
    item = b.wait_item()
    width = b.js("return [document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], f"page is {width[0]} px wide in a {width[1]} px viewport"
    box = b.js("const r = document.getElementById('stage-box').getBoundingClientRect(); return [r.top, r.bottom, r.width];")
    assert box[1] < 844 / 2 and box[2] >= 120, box
    heights = b.js("return ['submit', 'abstain', 'search'].map(id => document.getElementById(id).getBoundingClientRect().height)")
    assert min(heights) >= 44, f"touch targets too small: {heights}"
    b.tap("#card-4")
    b.wait(lambda: [n for _, n in chips(b)] == ["Coat"], what="the tapped card as guess")
    b.tap("#submit")
    b.wait(lambda: b.visible("#feedback-box"), what="practice feedback")
    b.wait(lambda: b.js("return document.querySelector('#feedback .compare, #feedback.right') !== null"))
    b.screenshot("phone-feedback")
    b.tap("#next")
    b.wait(lambda: b.js("return document.getElementById('switch-dialog').open"))
    b.tap("#switch-dialog button")
    second = b.wait_item(other_than=item)
    assert b.js("return document.activeElement?.id") != "search", "a tap must not pop up the on-screen keyboard"
    b.tap("#card-2")
    b.screenshot("phone")
    b.tap("#submit")
    b.wait_item(other_than=second)
    wait_saved(b)
    assert [(r[0], r[1]) for r in ctx.live()] == [(item, [4]), (second, [2])]


def test_desktop_columns_do_not_scroll_sideways(ctx):
    """On a desktop window the image column and the page fit their widths: no
    horizontal scrollbar under the left column."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b = ctx.browser
    ctx.join()
    b.wait_item()
    column = b.js("const c = document.querySelector('.stage-column'); return [c.scrollWidth, c.clientWidth];")
    assert column[0] <= column[1], f"the image column is {column[0]} px wide inside {column[1]} px"
    page = b.js("return [document.documentElement.scrollWidth, innerWidth]")
    assert page[0] <= page[1], f"page is {page[0]} px wide in a {page[1]} px window"


def test_answered_item_never_queued_again(ctx):
    """An /api/next answered before one of the page's judgements landed, and delivered
    after it, still lists the judged item as leased: the page must not queue it again."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=3, practice_count=0))
    b = ctx.browser
    ctx.join()
    first = b.wait_item()
    # Hold every /api/next response in the page until the test lets it through; the
    # server has already answered it by then, from the state at the time of asking.
    b.js("""const gate = window.testNextGate = { held: 0 };
        const opened = new Promise((open) => { gate.open = open; });
        const realFetch = gate.realFetch = window.fetch;
        window.fetch = async (...args) => {
            const response = await realFetch(...args);
            if (String(args[0]).startsWith('/api/next')) { gate.held += 1; await opened; }
            return response;
        };""")
    answered = [first]
    b.keys(digit(0), Keys.ENTER)
    answered.append(b.wait_item(other_than=first))
    b.keys(digit(1), Keys.ENTER)
    # Two items left in the queue: showing the third asks the server for more.
    third = b.wait_item(other_than=answered[-1])
    answered.append(third)
    b.wait(lambda: b.js("return window.testNextGate.held") == 1, what="the held /api/next response")
    b.keys(digit(2), Keys.ENTER)
    b.wait_item(other_than=third)
    wait_saved(b)
    assert ctx.server.query("SELECT count(*) FROM live_judgement WHERE item_id = ?", ctx.server.item_of(third))[0][0] == 1
    b.js("window.testNextGate.open(); window.fetch = window.testNextGate.realFetch;")
    b.wait(lambda: b.js("return window.refhumanSession.leases.pending === null"), what="the refill to finish")
    queued = b.js("return window.refhumanSession.leases.items.map((item) => item.item_id)")
    assert not set(queued) & set(answered), f"answered items {answered} queued again: {queued}"

    shown = list(answered)
    for guess in (3, 4, 5, 6):
        item = b.wait_item(other_than=shown[-1])
        assert item not in shown, f"item {item} shown twice ({shown})"
        shown.append(item)
        b.keys(digit(guess), Keys.ENTER)
    b.wait_item(other_than=shown[-1])
    wait_saved(b)
    assert b.text("#sync") == "", b.text("#sync")
    assert [r[0] for r in ctx.live()] == shown, (ctx.live(), shown)


def test_answered_elsewhere_is_dropped_quietly(ctx):
    """The same link answered an item in another browser first: the page's own answer
    for it is refused with 409, and the page drops it without a warning."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b, server = ctx.browser, ctx.server
    link = ctx.join()
    first = b.wait_item()
    queued = b.js("return window.refhumanSession.leases.items[0].item_id")
    assert post_judgement_elsewhere(server, link, queued, [6]) == 200
    answer_by_digit(b, 0)
    again = b.wait_item(other_than=first)
    assert again == queued, "the page cannot know yet, so it shows the item"
    b.keys(digit(1), Keys.ENTER)
    b.wait_item(other_than=queued)
    wait_saved(b)
    assert b.js("return window.refhumanSession.outbox.rejected.length") == 0
    assert b.text("#sync") == "", f"a warning for an answer already given: {b.text('#sync')!r}"
    assert [(r[0], r[1]) for r in ctx.live()] == [(queued, [6]), (first, [0])], ctx.live()


HANDLE = re.compile(r"[0-9a-f]{24}")


def test_nothing_an_annotator_sees_reveals_order_or_content(ctx):
    """Blinding: every item id and image URL the API gives the page (its leases, asked for
    through the page's own session, and the categories' example images) is an opaque
    handle of the annotator's study: never a number, an item's row id or an image's
    sha256; sorted, the handles do not give the import order; a second study of the same
    dataset knows the same items by other handles; and /images/ with a leased image's
    sha256 answers 404 where its handle answers 200."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice_count=0))
    b, server = ctx.browser, ctx.server
    ctx.join()
    on_screen_item = b.wait_item()

    # Everything the annotator is leased: the server answers live leases first, so one call
    # for 50 brings back the page's own leases along with every other test item.
    status, leases = b.fetch("/api/next?count=50", "POST")
    assert status == 200 and isinstance(leases, list), (status, leases)
    page_queue = b.js("return window.refhumanSession.leases.items.map((item) => item.item_id)")
    tests = server.query("SELECT count(*) FROM item WHERE split = 'test'")[0][0]
    leased = [lease["item_id"] for lease in leases]
    assert len(leased) == len(set(leased)) == tests == 20, (len(leased), tests, leased)
    assert {on_screen_item, *page_queue} <= set(leased), (on_screen_item, page_queue, leased)
    for lease in leases:
        assert lease["image_url"] == f"/images/{lease['item_id']}", lease
    status, categories = b.fetch("/api/categories")
    assert status == 200 and len(categories) == 10, (status, categories)
    examples = {c["index"]: c["examples"] for c in categories}
    example_urls = [url for urls in examples.values() for url in urls]
    assert len(example_urls) == 40, example_urls
    # The page shows no image by any other name (thumbnails, the item on screen).
    shown = b.js("return [...document.images].map((i) => i.getAttribute('src')).filter((s) => s && s.includes('/images/'))")
    urls = [lease["image_url"] for lease in leases] + example_urls
    assert shown and set(shown) <= set(urls), (shown, urls)

    # (a) No id is a number, an item's row id or an image's content hash.
    row_ids = {str(i) for (i,) in server.query("SELECT id FROM item")}
    hashes = {h for (h,) in server.query("SELECT sha256 FROM image")}
    assert len(hashes) == server.query("SELECT count(*) FROM item")[0][0] == 20 + 40, len(hashes)
    ids = leased + [url.removeprefix("/images/") for url in urls]
    for value in ids:
        assert isinstance(value, str) and HANDLE.fullmatch(value), f"not an opaque handle: {value!r}"
        try:
            int(value)
        except ValueError:
            pass
        else:
            raise AssertionError(f"the id {value!r} parses as an integer")
        assert value not in row_ids and value not in hashes, f"{value!r} is an item id or an image's sha256"
    for url in urls:
        assert url.startswith("/images/") and not any(h in url for h in hashes), url

    # Every handle is this annotator's study's, for the item it stands for.
    study = server.study_of(on_screen_item)
    own = {handle: (item, split, category) for handle, item, split, category in server.query(
        """SELECT h.handle, item.id, item.split, item.category_idx FROM item_handle AS h
           JOIN item ON item.id = h.item_id WHERE h.study_id = ?""", study)}
    assert all(own.get(handle, (None, None))[1] == "test" for handle in leased), leased
    for index, urls_of_category in examples.items():
        for url in urls_of_category:
            _, split, category = own.get(url.removeprefix("/images/"), (None, None, None))
            assert (split, category) == ("example", index), (url, split, category, index)

    # (b) Sorted by handle, the leased items are not in their row (import) order.
    rows = [own[handle][0] for handle in sorted(leased)]
    assert len(rows) >= 10 and rows != sorted(rows), f"handles sort in import order: {rows}"

    # (c) A second study of the same dataset knows the same items by other handles.
    server.run("studies", "create", "second-look")
    other = server.query("SELECT id FROM study WHERE name = ?", "second-look")[0][0]
    assert other != study
    theirs = dict(server.query("SELECT item_id, handle FROM item_handle WHERE study_id = ?", other))
    mine = {item: handle for handle, (item, _, _) in own.items()}
    assert set(theirs) == set(mine) and len(mine) == 60, (len(theirs), len(mine))
    for handle in leased:
        item = own[handle][0]
        assert theirs[item] != handle, f"item {item} has handle {handle} in both studies"
    assert not set(theirs.values()) & set(mine.values()), "a handle shared by two studies"

    # (d) A leased image's sha256 names no image; its handle does.
    for handle in leased[:3]:
        sha = server.query("""SELECT image.sha256 FROM item JOIN image ON image.id = item.image_id
            WHERE item.id = ?""", own[handle][0])[0][0]
        assert b.fetch(f"/images/{sha}")[0] == 404, f"/images/{sha} is served"
        assert b.fetch(f"/images/{handle}")[0] == 200, f"/images/{handle} is not served"


def test_practice_feedback_follows_top_k_rule(ctx):
    """With three guesses scored, the truth as guess #2 is right, and the feedback
    says the verdict once."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice=1, practice_count=2, max_guesses=3))
    b = ctx.browser
    ctx.join()
    assert visible_texts(b, "#max-guesses") == ["Give up to 3 guesses, best first."]

    first = b.wait_item()
    truth = ctx.truth(first)
    wrong = (truth + 1) % 10
    b.keys(digit(wrong), digit(truth))
    b.wait(lambda: len(chips(b)) == 2, what="two chips")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.js("return document.querySelector('#feedback.right, #feedback.wrong') !== null"), what="feedback")
    assert b.js("return document.querySelector('#feedback.right') !== null"), b.text("#feedback")
    assert b.text("#feedback .verdict") == "Right. Your guess #2; any of your 3 guesses counts.", b.text("#feedback .verdict")
    text = b.text("#feedback")
    assert "first guess" not in text and text.lower().count("it is") == 1, text
    assert b.text("#feedback .compare-truth strong") == CLOTHES[truth]
    assert "1 of 1 right (100 %)" in b.text("#feedback .practice-score"), b.text("#feedback .practice-score")
    # The truth is on screen: the answer cannot be taken back, by button or by Ctrl+Z.
    assert b.js("return document.getElementById('undo').disabled") is True
    b.chord(Keys.CONTROL, "z")
    assert b.js("return document.querySelector('#feedback.right') !== null"), "feedback still shown after Ctrl+Z"
    b.keys(Keys.ENTER)

    second = b.wait_item(other_than=first)
    truth = ctx.truth(second)
    misses = [(truth + 1) % 10, (truth + 2) % 10]
    b.keys(*[digit(m) for m in misses])
    b.wait(lambda: len(chips(b)) == 2, what="two chips")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.js("return document.querySelector('#feedback.wrong') !== null"), what="'wrong' feedback")
    assert b.text("#feedback .verdict") == "Not quite. None of your 2 guesses.", b.text("#feedback .verdict")
    assert b.text("#feedback").lower().count("it is") == 1, b.text("#feedback")
    assert b.text("#feedback .compare-chosen strong") == CLOTHES[misses[0]]
    assert "1 of 2 right (50 %)" in b.text("#feedback .practice-score")
    wait_saved(b)
    assert [(r[0], r[1]) for r in ctx.live()] == [(first, [(ctx.truth(first) + 1) % 10, ctx.truth(first)]), (second, misses)]


def test_one_guess_rule_said_once(ctx):
    """With one guess allowed, the answer bar asks for a pick once, not twice."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b = ctx.browser
    ctx.join()
    b.wait_item()
    texts = visible_texts(b, "#answer p")
    asking = [t for t in texts if "pick" in t.lower()]
    assert asking == ["No guess yet: pick a category."], texts


def test_pixels_are_whole_multiples(ctx):
    """Tiny images, the one under judgement and every thumbnail, are drawn at a whole
    number of device pixels per source pixel: on a desktop, after zooming it to 150 %,
    and on a 2.75x phone."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice=1, practice_count=1))
    b = ctx.browser

    def uneven():
        """(pixel ratio, the images drawn at an uneven or smoothed scale)."""
        ratio = b.js("return devicePixelRatio")
        b.wait(lambda: b.js("return [...document.querySelectorAll('#card-0 .thumbs img')]"
                            ".some(i => i.complete && i.naturalWidth)"), what="thumbnails")
        drawn = b.js("""return [...document.querySelectorAll('.subject, .thumbs img, #feedback img')]
            .filter(i => i.complete && i.naturalWidth && i.getClientRects().length)
            .map(i => [i.className || i.parentElement.className, i.getBoundingClientRect().width, i.naturalWidth,
                       getComputedStyle(i).imageRendering])""")
        assert any(d[0].startswith("subject") for d in drawn) and len(drawn) > 1, drawn
        return ratio, [d for d in drawn if not whole_multiple(d[1], d[2], ratio) or d[3] != "pixelated"]

    def check(where):
        try:
            b.wait(lambda: not uneven()[1], 5, where)
        except AssertionError:
            ratio, wrong = uneven()
            raise AssertionError(f"{where} at {ratio}x: drawn at uneven scales {wrong[:4]}") from None

    ctx.join()
    b.wait_item()
    check("desktop")
    # Browser zoom, as the page sees it: more device pixels per CSS pixel, no reload.
    b.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                             {"width": 1280, "height": 860, "deviceScaleFactor": 1.5, "mobile": False})
    b.wait(lambda: b.js("return devicePixelRatio") == 1.5, what="the zoomed pixel ratio")
    check("desktop zoomed")
    b.phone(393, 851, pixel_ratio=2.75)
    b.go(ctx.server.url + "/")
    item = b.wait_item()
    check("phone")
    b.tap(f"#card-{(ctx.truth(item) + 1) % 10}")
    b.tap("#submit")
    b.wait(lambda: b.js("return [...document.querySelectorAll('#feedback .compare img')]"
                        ".filter(i => i.complete && i.naturalWidth).length >= 2"), what="feedback examples")
    check("phone feedback")


def test_search_box_not_focused_on_touch_screens(ctx):
    """On load the search box takes focus on a desktop (type at once), but not on a touch
    phone, where focus would open the on-screen keyboard; a key press still searches."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b = ctx.browser
    ctx.join()
    b.wait_item()
    assert b.js("return document.activeElement.id") == "search", b.focused()
    b.phone()
    b.go(ctx.server.url + "/")
    b.wait_item()
    assert b.js("return document.activeElement.id") != "search", "the search box took focus on a phone"
    b.keys("straps")
    b.wait(lambda: b.js("return document.querySelector('.card.best')?.dataset.index") == "5", what="search by keys")


def test_pause_only_while_labelling(ctx):
    """The Pause button is there while labelling, and gone from the no-link and done pages."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0, categories=datasets.CLOTHES[:2]))
    b = ctx.browser
    b.go(ctx.server.url + "/")
    b.wait(lambda: b.visible("#notice"), what="the no-link page")
    assert b.text("#notice-title") == "Please open your invite link"
    assert not b.visible("#pause"), "a Pause button on the no-link page"
    ctx.join()
    first = b.wait_item()
    assert b.visible("#pause")
    b.keys("1", Keys.ENTER)
    b.wait_item(other_than=first)
    b.keys("2", Keys.ENTER)
    b.wait(lambda: b.visible("#done"), what="the done page")
    assert b.text("#done-count") == "2"
    assert not b.visible("#pause"), "a Pause button on the done page"


def open_admin(ctx, answers=3):
    """An annotator answers a few test items, then the admin link opens the admin page
    (same browser: the join page asks, and Switch replaces the annotator's session)."""
    b = ctx.browser
    ctx.join()
    item = None
    for guess in range(answers):
        item = b.wait_item(other_than=item)
        b.keys(digit(guess), Keys.ENTER)
    b.wait_item(other_than=item)
    wait_saved(b)
    b.go(ctx.server.admin_link)
    b.wait(lambda: b.visible("#join-switch"), what="the question whether to switch")
    b.click("#join-switch")
    b.wait(lambda: b.js("return location.pathname") == "/admin", what="the admin page")
    b.wait(lambda: b.js("return document.querySelectorAll('#annotators tbody tr').length") == 1, what="the progress tables")


def report_frame_ready(b):
    return b.js("""const d = document.getElementById('report').contentDocument;
        return !!d && d.readyState === 'complete' && d.location.href !== 'about:blank'
               && d.body.textContent.includes('Human top-1 error');""")


def test_admin_refresh_keeps_report_place(ctx):
    """The admin page's refresh (every 30 s when live) reloads the report and puts the
    reader back where they were in it, not at its top."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice_count=0))
    b = ctx.browser
    open_admin(ctx)
    b.wait(lambda: report_frame_ready(b), what="the report in its frame")
    height = b.js("const d = document.getElementById('report').contentDocument; return d.scrollingElement.scrollHeight;")
    assert height > 1500, f"the report is too short to scroll ({height} px)"
    b.js("const f = document.getElementById('report'); f.contentWindow.scrollTo(0, 900); window.testOldReport = f.contentDocument;")
    assert b.js("return document.getElementById('report').contentWindow.scrollY") == 900
    b.click("#refresh")
    b.wait(lambda: b.js("return document.getElementById('report').contentDocument !== window.testOldReport")
           and report_frame_ready(b), what="the reloaded report")
    b.wait(lambda: b.js("return document.getElementById('report').contentWindow.scrollY") == 900, 5,
           "the reader's place in the reloaded report")


def test_admin_page_fits_a_phone(ctx):
    """At 390 px the admin page is no wider than the screen; wide tables scroll on their own."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b = ctx.browser
    open_admin(ctx, answers=1)
    b.phone()
    b.go(ctx.server.url + "/admin")
    b.wait(lambda: b.js("return document.querySelectorAll('#annotators tbody tr').length") == 1, what="the tables")
    # Compared with the screen, not innerWidth: a phone widens its layout viewport to fit a
    # page that is too wide, so innerWidth would grow with the fault.
    width = b.js("return [document.documentElement.scrollWidth, innerWidth]")
    assert width == [390, 390], f"the admin page is {width[0]} px wide (viewport {width[1]} px) on a 390 px screen"


def test_admin_times_are_local_with_utc_on_hover(ctx):
    """'last answer' is shown in the reader's time zone, the stored UTC time on hover."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b = ctx.browser
    b.time_zone("Asia/Kolkata")  # UTC+5:30: neither the machine's zone nor a whole hour off
    open_admin(ctx, answers=2)
    stored = ctx.server.query("SELECT max(submitted_at) FROM judgement")[0][0]
    utc = datetime.fromisoformat(stored.replace("Z", "+00:00"))
    local = utc.astimezone(ZoneInfo("Asia/Kolkata"))
    shown = b.js("""const t = document.querySelector('#annotators tbody tr td:nth-child(5) time');
        return t ? [t.textContent, t.title, t.dateTime] : null;""")
    assert shown == [local.strftime("%Y-%m-%d %H:%M:%S"), utc.strftime("%Y-%m-%d %H:%M:%S UTC"), stored], (shown, stored)


def test_admin_flags_fast_answers(ctx):
    """Test answers sent through the API in under 400 ms get their annotator the flag
    "fast" in the admin table, its rule in the title and under the table; an annotator
    with unhurried answers gets no flag at all."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice_count=0))
    b, server = ctx.browser, ctx.server
    for name, response_ms in (("quick", 250), ("steady", 2500)):
        link = server.add_annotator(name)
        items = lease_elsewhere(server, link, 4)
        assert len(items) == 4, items
        for guess, item in enumerate(items):
            assert post_judgement_elsewhere(server, link, item, [guess], response_ms) == 200
    ctx.accept(server.admin_link, lands_on="/admin")
    b.wait(lambda: b.js("return document.querySelectorAll('#annotators tbody tr').length") == 2, what="the annotators")
    status, progress = b.fetch("/api/admin/progress")
    assert status == 200, status
    # Neither has signed in with a browser, so neither has a User-Agent yet.
    served = {a["name"]: (a.get("flags"), a.get("user_agent")) for a in progress["annotators"]}
    assert served == {"quick": (["fast"], None), "steady": ([], None)}, progress["annotators"]
    headers = b.js("return [...document.querySelectorAll('#annotators thead th')].map(th => th.textContent.trim())")
    assert headers[-1].lower() == "flags", headers
    shown = b.js("""return Object.fromEntries([...document.querySelectorAll('#annotators tbody tr')].map(tr => [
        tr.cells[0].textContent, [tr.cells[tr.cells.length - 1].textContent.trim(),
        [...tr.cells[tr.cells.length - 1].querySelectorAll('.flag')].map(f => [f.textContent, f.title])]]));""")
    rule = "More than 10 % of this annotator's test answers came in under 400 ms."
    assert shown == {"quick": ["fast", [["fast", rule]]], "steady": ["", []]}, shown
    # The rule is on the page too, for a reader who cannot hover.
    assert b.visible("#flag-legend"), "the flags' rules are not shown"
    assert visible_texts(b, "#flag-legend dt, #flag-legend dd") == ["fast", rule]
    refused = b.csp_violations()
    assert not refused, f"{len(refused)} CSP violation(s), first: {refused[0]}"
    b.screenshot("admin-flags")


def test_disabled_link_is_explained(ctx):
    """A browser still signed in with a link that has since been disabled is told so, and
    whom to ask, rather than to open the very link that no longer works."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b = ctx.browser
    ctx.join()
    b.wait_item()
    ctx.server.run("annotators", "disable", "ann")
    b.go(ctx.server.url + "/")
    b.wait(lambda: b.visible("#notice"), what="the notice")
    assert b.text("#notice-title") == "This link no longer works", b.text("#notice-title")
    assert "Ask the person running the study" in b.text("#notice-text"), b.text("#notice-text")
    assert not b.visible("#pause") and not b.visible("#workspace")


# ---- signing in and out, and the Content-Security-Policy ----------------------------

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def http_get(url):
    """(status, headers with lower-case names, body) of a plain GET from outside the browser."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "text/html"}), timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def post_session(server, token):
    """(status, JSON body) of POST /api/session as a script sends it: no Origin, no cookie."""
    request = urllib.request.Request(server.url + "/api/session", data=json.dumps({"token": token}).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def sessions_of(server, name):
    """How many live sessions the server keeps for the account `name` (from its database)."""
    return server.query("""SELECT count(*) FROM session JOIN annotator ON annotator.id = session.annotator_id
        WHERE annotator.name = ? AND session.expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now')""", name)[0][0]


def session_name(b):
    """The name GET /api/session gives for the page's own session, or its status when none."""
    status, body = b.fetch("/api/session")
    return body["name"] if status == 200 else status


def link_unknown_words():
    """The paragraphs of Public/link-unknown.html, whitespace collapsed."""
    html = (Path(__file__).resolve().parent.parent.parent / "Public" / "link-unknown.html").read_text()
    return [" ".join(p.split()) for p in re.findall(r"<p>(.*?)</p>", html, re.S)]


def test_join_link_leaves_no_token_behind(ctx):
    """The join page takes the token out of the address at once, sets no cookie and signs
    nothing in by itself; Continue (Enter) does; the token is in neither the address nor
    the history afterwards, and /join reloaded has nothing to accept."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b, server = ctx.browser, ctx.server
    link = server.add_annotator("ann")
    token = link.rsplit("/", 1)[1]

    status, headers, _ = http_get(link)
    assert status == 200, f"GET /join/TOKEN answered {status}"
    assert headers.get("referrer-policy") == "no-referrer", headers
    assert headers.get("cache-control") == "no-store", headers
    assert "set-cookie" not in headers, f"the join page set a cookie: {headers['set-cookie']}"

    b.go(link)
    b.wait(lambda: b.visible("#join-continue"), what="the Continue button")
    assert b.js("return location.href") == server.url + "/join", b.js("return location.href")
    assert token not in b.js("return location.href + document.title + document.body.innerHTML")
    assert b.text("#join-fresh h1") == "Open RefHuman as the person this link was made for", b.text("#join-fresh h1")
    assert b.focused() == "join-continue", b.focused()
    assert b.driver.get_cookies() == [], f"cookies before Continue: {b.driver.get_cookies()}"
    b.screenshot("join-continue")
    assert session_name(b) == 401, "signed in before Continue was pressed"

    b.keys(Keys.ENTER)
    b.wait(lambda: b.js("return location.pathname") == "/", what="the annotator page")
    b.wait(lambda: b.text("#who") == "ann", what="the name in the header")
    assert token not in b.js("return location.href")
    assert b.cookie("refhuman_session") not in (None, token), "the cookie must hold a session id, not the token"
    assert session_name(b) == "ann"
    b.driver.back()  # the join page replaced its own entries: Back leaves the site
    b.wait(lambda: not b.driver.current_url.startswith(server.url + "/join"), what="Back past the join page")
    assert token not in b.driver.current_url, b.driver.current_url

    b.go(server.url + "/join")  # the cleaned address, reloaded
    b.wait(lambda: b.visible("#join-no-token"), what="the page for an address without a token")
    assert not b.visible("#join-continue")


def test_join_link_problems_are_explained(ctx):
    """An unknown link says what link-unknown.html says; a server that cannot be reached
    is said so and Continue stays; too many failures show the server's own words."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b, server = ctx.browser, ctx.server

    b.go(server.url + "/join/no-such-token")
    b.wait(lambda: b.visible("#join-continue"), what="the Continue button")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.visible("#join-unknown"), what="the unknown-link message")
    shown = [" ".join(t.split()) for t in visible_texts(b, "#join-unknown p")]
    assert shown == link_unknown_words(), (shown, link_unknown_words())
    assert b.text("#join-unknown h1") == "This link does not work"
    assert not b.visible("#join-continue")

    # No server: said so, and the button stays for another go once it is back.
    link = server.add_annotator("ann")
    b.go(link)
    b.wait(lambda: b.visible("#join-continue"), what="the Continue button")
    server.kill()
    b.keys(Keys.ENTER)
    b.wait(lambda: "could not be reached" in (b.text("#join-problem") or ""), what="the network error")
    assert b.visible("#join-continue") and b.focused() == "join-continue", b.focused()
    server.start()  # same port and database
    b.keys(Keys.ENTER)
    b.wait(lambda: b.js("return location.pathname") == "/", what="the annotator page after the retry")
    b.wait(lambda: b.text("#who") == "ann", what="the name in the header")

    # Too many failed attempts from this address: the page shows the server's detail.
    assert b.fetch("/api/logout", "POST")[0] == 204
    refusal = None
    for _ in range(200):
        status, body = post_session(server, f"wrong-{uuid.uuid4()}")
        if status == 429:
            refusal = body
            break
        assert status == 401, (status, body)
    assert refusal is not None, "200 wrong tokens from one address and still no 429"
    assert refusal.get("error") == "too many attempts" and refusal.get("detail"), refusal
    b.go(server.url + "/join/yet-another-wrong-token")
    b.wait(lambda: b.visible("#join-continue"), what="the Continue button")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.text("#join-problem") == refusal["detail"], what=f"the server's detail {refusal['detail']!r}")
    assert b.visible("#join-continue")


def test_join_link_of_another_account_asks_before_switching(ctx):
    """Login CSRF: signed in as ann, a link to bob's invite on another site, or a form there
    posting bob's token, switches nothing. The join page asks; Stay (focused, Enter)
    keeps ann; only Switch makes this browser bob's."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice_count=0))
    b, server = ctx.browser, ctx.server
    ctx.join("ann")
    b.wait_item()
    ann_cookie = b.cookie("refhuman_session")
    bob_link = server.add_annotator("bob")
    bob_token = bob_link.rsplit("/", 1)[1]
    forged = bob_token.replace("\\", "\\\\").replace('"', '\\"')
    page = f"""<!doctype html><title>elsewhere</title>
        <a id="invite" href="{bob_link}">a prize for you</a>
        <form id="forge" method="post" action="{server.url}/api/session" enctype="text/plain">
          <input type="hidden" name='{{"token": "{forged}", "pad": "' value='"}}'>
          <button id="forge-submit" type="submit">claim</button>
        </form>"""

    with OtherSite(page) as site:
        b.go(site.url)
        b.click("#invite")
        b.wait(lambda: b.visible("#join-signed-in"), what="the question whether to switch")
        assert b.js("return location.href") == server.url + "/join"
        assert visible_texts(b, "#join-signed-in .join-current") == ["ann", "ann"]
        assert b.text("#join-signed-in h1") == "You are signed in as ann.", b.text("#join-signed-in h1")
        assert "Switch to the account of this invite link?" in b.text("#join-signed-in")
        assert b.text("#join-stay") == "Stay signed in as ann"
        assert b.focused() == "join-stay", "the choice that changes nothing has the focus"
        b.screenshot("join-switch-or-stay")
        assert session_name(b) == "ann" and b.cookie("refhuman_session") == ann_cookie, "switched without asking"
        assert sessions_of(server, "bob") == 0, "a session for bob before anyone pressed Switch"

        # A form on the other site posts bob's token as JSON-looking text/plain.
        b.go(site.url)
        b.click("#forge-submit")
        b.wait(lambda: not b.driver.current_url.startswith(site.url), what="the forged post to be answered")
        b.go(server.url + "/")
        b.wait(lambda: b.text("#who") == "ann", what="ann still signed in after the forged post")
        assert session_name(b) == "ann"
        assert sessions_of(server, "bob") == 0, "the forged post opened a session for bob"

    # Stay, by keyboard: nothing changes.
    b.go(bob_link)
    b.wait(lambda: b.visible("#join-signed-in") and b.focused() == "join-stay", what="the focused Stay button")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.js("return location.pathname") == "/", what="the annotator page after Stay")
    b.wait(lambda: b.text("#who") == "ann", what="ann in the header")
    assert session_name(b) == "ann" and b.cookie("refhuman_session") == ann_cookie
    assert sessions_of(server, "bob") == 0

    # Switch, by keyboard: now this browser is bob's.
    b.go(bob_link)
    b.wait(lambda: b.visible("#join-signed-in") and b.focused() == "join-stay", what="the focused Stay button")
    b.tab_to("join-switch", backwards=True)
    b.keys(Keys.ENTER)
    b.wait(lambda: b.js("return location.pathname") == "/", what="the annotator page after Switch")
    b.wait(lambda: b.text("#who") == "bob", what="bob in the header")
    assert session_name(b) == "bob" and sessions_of(server, "bob") == 1
    assert b.cookie("refhuman_session") not in (ann_cookie, bob_token)


def test_sign_out_by_keyboard(ctx):
    """Sign out on the annotator page and on the admin page, reached with the Tab key and
    pressed with Enter or Space: the session ends on the server, not just in the browser."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b, server = ctx.browser, ctx.server
    ctx.join()
    first = b.wait_item()
    b.keys(digit(0), Keys.ENTER)
    b.wait_item(other_than=first)
    wait_saved(b)
    old_cookie = b.cookie("refhuman_session")
    assert b.js("return document.activeElement.id") == "search", b.focused()
    b.tab_to("sign-out", backwards=True)  # from the search box back up to the header
    b.keys(Keys.ENTER)
    b.wait(lambda: b.js("return location.pathname") == "/signed-out.html", what="the signed-out page")
    assert b.text("h1") == "You are signed out", b.text("h1")
    assert b.fetch("/api/session")[0] == 401
    assert sessions_of(server, "ann") == 0, "the session outlived Sign out on the server"
    # The old cookie is dead on the server too, not merely forgotten by this browser.
    request = urllib.request.Request(server.url + "/api/session", headers={"Cookie": f"refhuman_session={old_cookie}"})
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("the signed-out session still answers GET /api/session")
    except urllib.error.HTTPError as error:
        assert error.code == 401, error.code
    b.go(server.url + "/")
    b.wait(lambda: b.visible("#notice"), what="the page for a browser without a session")
    assert b.text("#notice-title") == "Please open your invite link"
    assert not b.visible("#sign-out"), "a Sign out button without a session"
    assert [(r[0], r[1]) for r in ctx.live()] == [(first, [0])], "the answer given before signing out is kept"

    ctx.accept(server.admin_link, lands_on="/admin")
    b.wait(lambda: b.js("return document.querySelectorAll('#annotators tbody tr').length") == 1, what="the admin page")
    b.tab_to("sign-out")
    b.keys(Keys.SPACE)
    b.wait(lambda: b.js("return location.pathname") == "/signed-out.html", what="the signed-out page")
    assert b.fetch("/api/session")[0] == 401
    assert b.fetch("/api/admin/progress")[0] == 401


def test_pages_keep_to_the_content_security_policy(ctx):
    """Every page is served with the strict Content-Security-Policy, and none of them
    (join, annotator with practice feedback, admin with its report, signed out) makes
    Chromium refuse anything: no inline script, style or handler."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice=1, practice_count=1, example=9))
    b, server = ctx.browser, ctx.server
    link = server.add_annotator("ann")
    for path in ("/", "/admin", "/join/" + link.rsplit("/", 1)[1], "/signed-out.html", "/js/main.js", "/api/session"):
        _, headers, _ = http_get(server.url + path)
        assert headers.get("content-security-policy") == CSP, f"{path}: {headers.get('content-security-policy')!r}"
        assert headers.get("x-content-type-options") == "nosniff", f"{path}: {headers}"
        assert headers.get("referrer-policy") == "no-referrer", f"{path}: {headers}"

    def clean(where):
        refused = b.csp_violations()
        assert not refused, f"{where}: {len(refused)} CSP violation(s), first: {refused[0]}"

    b.go(link)
    b.wait(lambda: b.visible("#join-continue"), what="the join page")
    clean("join page")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.text("#who") == "ann", what="the annotator page")
    item = b.wait_item()
    b.wait(lambda: b.js("return [...document.querySelectorAll('#card-0 .thumbs img')].some(i => i.complete && i.naturalWidth)"),
           what="thumbnails")
    clean("annotator page")
    # The rows a card's thumbnails take come from data-rows now that style="--rows" is refused.
    rows = b.js("return getComputedStyle(document.querySelector('#card-0 .thumbs')).getPropertyValue('--rows').trim()")
    assert rows == "2", f"--rows of nine thumbnails is {rows!r}"
    b.keys(digit((ctx.truth(item) + 1) % 10), Keys.ENTER)
    b.wait(lambda: b.js("return [...document.querySelectorAll('#feedback img')].filter(i => i.complete).length >= 2"),
           what="practice feedback with examples")
    clean("annotator page with practice feedback")

    b.go(server.admin_link)
    b.wait(lambda: b.visible("#join-switch"), what="the join page, signed in")
    clean("join page, signed in")
    b.click("#join-switch")
    b.wait(lambda: b.js("return location.pathname") == "/admin", what="the admin page")
    # A refused frame never loads, so the wait ends on whichever comes first.
    refused = []
    b.wait(lambda: refused.extend(b.csp_violations()) or refused or b.js("""
        const d = document.getElementById('report').contentDocument;
        return !!d && d.readyState === 'complete' && d.location.href !== 'about:blank'
               && d.body.textContent.includes('Human top-1 error');"""), what="the report in its frame")
    refused.extend(b.csp_violations())
    assert not refused, f"admin page and its report: {len(refused)} CSP violation(s), first: {refused[0]}"
    b.click("#sign-out")
    b.wait(lambda: b.js("return location.pathname") == "/signed-out.html", what="the signed-out page")
    clean("signed-out page")

    # The check itself can fail: a style attribute in markup is reported.
    b.js("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">inline</p>')")
    b.wait(lambda: b.csp_violations(), what="the console to report a deliberate inline style")


# ---- a crowd study's participants: enrolment link, consent, practice pass mark, finish --

PROLIFIC_DONE = "https://app.prolific.com/submissions/complete?cc="

INSTRUCTIONS = """Label each **image** with its *category*.

- Look at the whole picture.
- Then pick one category.

<img src=x> and <script>stay text</script>"""

CONSENT = """Your answers are stored **without your name**.

You may stop at any time."""


def study_options(ctx, *, instructions=INSTRUCTIONS, consent=CONSENT, consent_version="v1", **flags):
    """Command-line options for `studies create`: the texts written to files in the test's
    directory, then `--flag value` for each keyword (underscores become dashes)."""
    options = ["--dataset", "clothes"]
    for kind, text in (("instructions", instructions), ("consent", consent)):
        if text is not None:
            path = Path(ctx.workdir) / f"{kind}-{uuid.uuid4().hex[:8]}.txt"
            path.write_text(text)
            options += [f"--{kind}-file", str(path)]
    if consent is not None:
        options += ["--consent-version", consent_version]
    for flag, value in flags.items():
        options += [f"--{flag.replace('_', '-')}", str(value)]
    return options


def participants(server, pid):
    """The participant rows of platform id `pid` as dicts (platform, ids, the path's times)."""
    columns = ("annotator_id", "platform", "platform_pid", "platform_study", "platform_session", "turk_submit_to",
               "consented_at", "consent_version", "declined_at", "screened_out_at", "completed_at")
    rows = server.query(f"SELECT {', '.join(columns)} FROM participant WHERE platform_pid = ?", pid)
    return [dict(zip(columns, row)) for row in rows]


def counted(server):
    """(participant rows, annotator rows): what an enrolment would add to."""
    return (server.query("SELECT count(*) FROM participant")[0][0], server.query("SELECT count(*) FROM annotator")[0][0])


def live_of(server, annotator_id, phase):
    return server.query("SELECT count(*) FROM live_judgement WHERE annotator_id = ? AND phase = ?", annotator_id, phase)[0][0]


def no_csp_violations(b, where):
    refused = b.csp_violations()
    assert not refused, f"{where}: {len(refused)} CSP violation(s), first: {refused[0]}"


def agree_to_consent(b, key=Keys.ENTER):
    """The instructions (Continue focused, Enter), then the consent: focus on its heading, not
    on a button; Tab reaches "I agree", `key` presses it."""
    b.wait(lambda: b.visible("#intro") and b.focused() == "intro-continue", what="the instructions, Continue focused")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.visible("#consent") and b.focused() == "consent-title", what="the consent text, its heading focused")
    b.tab_to("consent-agree")
    b.keys(key)
    b.wait(lambda: not b.visible("#consent"), what="the consent screen to give way")


def finish_link(b, outcome_title):
    """Waits for the finish screen with `outcome_title`; returns (href, label) of its link,
    which must have the focus."""
    b.wait(lambda: b.visible("#finish") and b.text("#finish-title") == outcome_title,
           what=f"the finish screen saying {outcome_title!r}")
    b.wait(lambda: b.focused() == "finish-go", what="the focused link back to the platform")
    assert not b.visible("#workspace") and not b.visible("#pause"), "labelling left on screen after the finish"
    return b.js("const a = document.getElementById('finish-go'); return [a.href, a.textContent.trim()];")


def test_prolific_participant_declines(ctx):
    """Prolific: the link's ids leave the address; the instructions (time, pay, quota and the
    text rendered from its Markdown subset, a literal <img> as text) come before the consent
    text and its version; "I do not agree", by keyboard, ends it, and the finish screen's
    focused link (Enter) goes to Prolific with the no-consent code. The participant row keeps
    the ids and the refusal."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice=1, practice_count=2))
    b, server = ctx.browser, ctx.server
    link = server.add_study("prolific-pilot", *study_options(
        ctx, consent_version="2026-11", title="Clothes pilot", minutes=7, pay="£1.20", quota=2,
        completion_code="DONE1", no_consent_code="NOPE1", screened_out_code="LOW1"))
    b.go(link + "?PROLIFIC_PID=p1&STUDY_ID=s1&SESSION_ID=x1")
    b.wait(lambda: b.visible("#intro"), what="the instructions")
    assert b.driver.current_url == server.url + "/", b.driver.current_url
    assert "p1" not in b.js("return location.href + document.title + document.body.innerText")
    assert b.focused() == "intro-continue", b.focused()
    assert b.text("#intro-title") == "Clothes pilot", b.text("#intro-title")
    assert visible_texts(b, "#intro-facts li") == ["Takes about 7 minutes.", "Pay: £1.20", "You will label 2 images."], \
        visible_texts(b, "#intro-facts li")
    rendered = b.js("""const t = document.getElementById('intro-instructions');
        return [[...t.children].map(e => e.tagName), t.querySelector('p strong')?.textContent, t.querySelector('p em')?.textContent,
                [...t.querySelectorAll('li')].map(li => li.textContent), t.querySelectorAll('img, script').length,
                t.lastElementChild.textContent];""")
    assert rendered == [["P", "UL", "P"], "image", "category", ["Look at the whole picture.", "Then pick one category."], 0,
                        "<img src=x> and <script>stay text</script>"], rendered
    assert not b.visible("#consent") and not b.visible("#workspace")
    assert b.text("#phase-badge") == "" and b.text("#who"), "the header names the participant, shows no phase"
    b.screenshot("participant-instructions")
    no_csp_violations(b, "enrolment and instructions")

    b.keys(Keys.ENTER)
    b.wait(lambda: b.visible("#consent") and b.focused() == "consent-title", what="the consent text, its heading focused")
    assert [" ".join(t.split()) for t in visible_texts(b, "#consent-text p")] == [
        "Your answers are stored without your name.", "You may stop at any time."], visible_texts(b, "#consent-text p")
    assert b.text("#consent-text strong") == "without your name"
    assert b.text("#consent-version") == "2026-11"
    # A stray Enter on the heading answers nothing.
    b.keys(Keys.ENTER)
    assert b.visible("#consent") and participants(server, "p1")[0]["declined_at"] is None
    b.screenshot("participant-consent")
    b.tab_to("consent-decline")
    b.keys(Keys.ENTER)
    href, label = finish_link(b, "You did not agree, so the study ends here.")
    assert (href, label) == (PROLIFIC_DONE + "NOPE1", "Return to Prolific"), (href, label)
    assert b.text("#finish-code") == "NOPE1"
    b.screenshot("participant-declined")
    no_csp_violations(b, "consent and finish")

    rows = participants(server, "p1")
    assert len(rows) == 1, rows
    row = rows[0]
    assert (row["platform"], row["platform_study"], row["platform_session"]) == ("prolific", "s1", "x1"), row
    assert row["declined_at"] and not row["consented_at"] and not row["completed_at"], row
    assert live_of(server, row["annotator_id"], "practice") + live_of(server, row["annotator_id"], "test") == 0

    # Reloaded, the page shows the same ending; Enter on the link leaves for Prolific (blocked
    # here: there is no internet, but the address it went to is known).
    b.go(server.url + "/")
    assert finish_link(b, "You did not agree, so the study ends here.")[0] == PROLIFIC_DONE + "NOPE1"
    b.block("*://app.prolific.com/*")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.driver.current_url == PROLIFIC_DONE + "NOPE1", what="the browser on its way to Prolific")
    b.block()
    # The link's ids are in no history entry: Back, all the way to where the test began.
    visited = []
    for _ in range(3):
        b.driver.back()
        visited.append(b.driver.current_url)
    assert not [url for url in visited if "PROLIFIC_PID" in url or url.startswith(server.url + "/s/")], visited


def test_prolific_participant_fails_practice(ctx):
    """Practice pass mark 100 %: one practice answer wrong, and after the last practice
    feedback comes the screened-out finish (no test, no test-phase marker) with the
    screened-out code in the link to Prolific; nothing is stored for the test."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice=1, practice_count=2))
    b, server = ctx.browser, ctx.server
    link = server.add_study("strict", *study_options(
        ctx, practice_count=2, practice_pass="1.0", quota=2, completion_code="DONE2", screened_out_code="LOW2",
        no_consent_code="NOPE2"))
    b.go(link + "?PROLIFIC_PID=p2&STUDY_ID=s2&SESSION_ID=x2")
    agree_to_consent(b, Keys.SPACE)
    first = b.wait_item()
    assert b.text("#phase-badge") == "Practice"
    answer_by_digit(b, (ctx.truth(first) + 1) % 10)
    b.wait(lambda: b.js("return document.querySelector('#feedback.wrong') !== null"), what="'wrong' feedback")
    b.keys(Keys.ENTER)
    second = b.wait_item(other_than=first)
    answer_by_digit(b, ctx.truth(second))
    b.wait(lambda: b.js("return document.querySelector('#feedback.right') !== null"), what="'right' feedback")
    b.keys(Keys.ENTER)
    href, label = finish_link(b, "Your practice answers did not reach the accuracy this study needs, so it ends here.")
    assert (href, label) == (PROLIFIC_DONE + "LOW2", "Return to Prolific"), (href, label)
    assert not b.js("return document.getElementById('switch-dialog').open"), "the test-phase marker after screening out"
    b.screenshot("participant-screened-out")
    no_csp_violations(b, "practice and screened-out finish")

    row, = participants(server, "p2")
    assert row["consented_at"] and row["consent_version"] == "v1", row
    assert row["screened_out_at"] and not row["completed_at"] and not row["declined_at"], row
    assert live_of(server, row["annotator_id"], "practice") == 2
    assert live_of(server, row["annotator_id"], "test") == 0, "a test answer from a participant screened out"


def test_prolific_participant_returns_the_study(ctx):
    """Midway through practice, "Return study" in the header (reached by Tab, pressed with
    Enter, confirmed in the browser's own dialog) ends the path: the finish screen says the
    study is returned and offers no code (a code would claim a completion), the labelling
    and the button are gone, and the participant row records the return while the answer
    already given stays. A reload shows the same ending."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice=1, practice_count=2))
    b, server = ctx.browser, ctx.server
    link = server.add_study("returnable", *study_options(ctx, quota=2, completion_code="DONE3"))
    b.go(link + "?PROLIFIC_PID=p3&STUDY_ID=s3&SESSION_ID=x3")
    agree_to_consent(b)
    first = b.wait_item()
    answer_by_digit(b, ctx.truth(first))
    b.wait(lambda: b.js("return document.querySelector('#feedback.right') !== null"), what="'right' feedback")
    assert b.visible("#return-study"), "no Return study button while labelling"
    b.tab_to("return-study")
    b.keys(Keys.ENTER)
    b.wait(lambda: _alert_text(b), what="the browser's confirm dialog")
    assert "answers you gave are kept" in _alert_text(b), _alert_text(b)
    b.driver.switch_to.alert.accept()
    b.wait(lambda: b.visible("#finish") and b.text("#finish-title") == "You have returned this study.",
           what="the returned finish screen")
    assert b.focused() == "finish-title", b.focused()
    assert not b.visible("#finish-code-box") and not b.visible("#finish-go-box") and not b.visible("#finish-form")
    assert not b.visible("#workspace") and not b.visible("#return-study") and not b.visible("#pause")
    row, = participants(server, "p3")
    assert server.query("SELECT returned_at IS NOT NULL FROM participant WHERE platform_pid = 'p3'")[0][0] == 1
    assert live_of(server, row["annotator_id"], "practice") == 1, "the answer given before returning was lost"
    no_csp_violations(b, "returning the study")
    b.go(server.url + "/")
    b.wait(lambda: b.visible("#finish") and b.text("#finish-title") == "You have returned this study.",
           what="the returned finish screen after a reload")
    assert not b.visible("#return-study")


def _alert_text(b):
    """The open alert or confirm dialog's text, or '' when there is none."""
    try:
        return b.driver.switch_to.alert.text
    except Exception:
        return ""


def test_prolific_participant_completes_and_resumes(ctx):
    """The consent text replaced while on screen: agreeing to the old version brings up the
    new one (409), agreed to by Enter; pass the practice, label the quota of 2 test items with
    the header counting "1 of 2", and the finish link carries the completion code. The same
    link and PROLIFIC_PID in a browser with no cookies resumes that participant (the finish
    again), never a second one."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice=1, practice_count=1))
    b, server = ctx.browser, ctx.server
    link = server.add_study("main", *study_options(
        ctx, practice_count=1, practice_pass="0.5", quota=2, completion_code="DONE3", screened_out_code="LOW3",
        no_consent_code="NOPE3"))
    opened = link + "?PROLIFIC_PID=p3&STUDY_ID=s3&SESSION_ID=x3"
    b.go(opened)
    b.wait(lambda: b.visible("#intro") and b.focused() == "intro-continue", what="the instructions, Continue focused")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.visible("#consent") and b.text("#consent-version") == "v1", what="consent version v1")
    # The researcher replaces the consent text while it is on screen: agreeing to v1 is
    # refused (409), and the page shows v2, saying it changed, for a fresh answer.
    server.run("studies", "edit", "main", *study_options(ctx, instructions=None, consent="Version **two** of the text.",
                                                         consent_version="v2")[2:])
    b.tab_to("consent-agree")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.text("#consent-version") == "v2" and b.visible("#consent-changed"), what="the new consent text")
    assert b.text("#consent-text") == "Version two of the text." and b.focused() == "consent-title", b.focused()
    assert not participants(server, "p3")[0]["consented_at"], "agreed to a consent text no longer shown"
    b.tab_to("consent-agree")
    b.keys(Keys.ENTER)
    practice = b.wait_item()
    answer_by_digit(b, ctx.truth(practice))
    b.wait(lambda: b.js("return document.querySelector('#feedback.right') !== null"), what="'right' feedback")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.js("return document.getElementById('switch-dialog').open"), what="the test-phase marker")
    b.keys(Keys.ENTER)
    first = b.wait_item(other_than=practice)
    assert b.text("#phase-badge") == "Test"
    assert b.text("#progress").startswith("0 of 2"), b.text("#progress")
    answer_by_digit(b, 3)
    second = b.wait_item(other_than=first)
    b.wait(lambda: (b.text("#progress") or "").startswith("1 of 2"), what="'1 of 2' in the header")
    b.screenshot("participant-quota-progress")
    answer_by_digit(b, 4)
    href, label = finish_link(b, "Thank you, you have finished.")
    assert (href, label) == (PROLIFIC_DONE + "DONE3", "Return to Prolific"), (href, label)
    assert b.text("#finish-code") == "DONE3"
    b.screenshot("participant-completed")
    no_csp_violations(b, "labelling and finish")

    row, = participants(server, "p3")
    assert row["consented_at"] and row["consent_version"] == "v2", row
    assert row["completed_at"] and not row["screened_out_at"], row
    assert [(r[0], r[1], r[3]) for r in ctx.live(server.query("SELECT name FROM annotator WHERE id = ?", row["annotator_id"])[0][0])] \
        == [(practice, [ctx.truth(practice)], "practice"), (first, [3], "test"), (second, [4], "test")]
    before = counted(server)

    # A fresh browser: no cookie, no storage. The same PROLIFIC_PID finds its participation.
    b.js("localStorage.clear(); sessionStorage.clear();")
    b.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    b.go("about:blank")
    b.go(opened)
    assert finish_link(b, "Thank you, you have finished.")[0] == PROLIFIC_DONE + "DONE3"
    assert len(participants(server, "p3")) == 1, participants(server, "p3")
    assert counted(server) == before, "resuming added a participant or an account"


def test_mturk_preview_then_assignment(ctx):
    """MTurk: the preview (ASSIGNMENT_ID_NOT_AVAILABLE) shows the instructions and "Accept the
    HIT to start", sets no cookie and stores nothing; the accepted assignment labels its quota
    and the finish form, submitted with Enter, posts assignmentId to turkSubmitTo's
    /mturk/externalSubmit (a local server standing in for MTurk)."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice_count=0))
    b, server = ctx.browser, ctx.server
    link = server.add_study("hit", *study_options(
        ctx, consent=None, title="Clothes HIT", minutes=3, pay="$0.50", quota=2, practice_count=0,
        completion_code="MTURK-OK"))
    with OtherSite("<!doctype html><title>MTurk</title><p>Assignment received.</p>") as mturk:
        submit_to = mturk.url.rstrip("/")
        query = f"&hitId=h1&turkSubmitTo={urllib.parse.quote(submit_to, safe='')}"
        before = counted(server)
        b.go(link + "?assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE" + query)
        b.wait(lambda: b.visible("#enrol-preview"), what="the HIT's preview")
        assert b.js("return location.href") == link, "the platform's ids stayed in the address"
        assert b.focused() == "enrol-preview-title", b.focused()
        assert b.text("#enrol-preview-title") == "Clothes HIT"
        assert visible_texts(b, "#enrol-facts li") == ["Takes about 3 minutes.", "Pay: $0.50", "You will label 2 images."]
        assert b.text("#enrol-instructions strong") == "image" and b.js(
            "return document.querySelectorAll('#enrol-instructions li').length") == 2
        assert "Accept the HIT to start" in b.text("#enrol-accept")
        b.screenshot("mturk-preview")
        no_csp_violations(b, "MTurk preview")
        assert b.driver.get_cookies() == [], f"a preview set cookies: {b.driver.get_cookies()}"
        assert counted(server) == before, "a preview stored a participant or an account"

        b.go(link + "?workerId=w1&assignmentId=a1" + query)
        first = b.wait_item()
        assert b.driver.current_url == server.url + "/", b.driver.current_url
        assert b.text("#progress").startswith("0 of 2"), b.text("#progress")
        answer_by_digit(b, 1)
        b.wait_item(other_than=first)
        b.wait(lambda: (b.text("#progress") or "").startswith("1 of 2"), what="'1 of 2' in the header")
        answer_by_digit(b, 2)
        b.wait(lambda: b.visible("#finish-form") and b.focused() == "finish-submit", what="the focused Submit to MTurk")
        assert b.text("#finish-title") == "Thank you, you have finished."
        assert b.text("#finish-submit") == "Submit to MTurk"
        form = b.js("""const f = document.getElementById('finish-form');
            return [f.method, f.action, Object.fromEntries([...f.querySelectorAll('input[type=hidden]')].map(i => [i.name, i.value]))];""")
        assert form[:2] == ["post", submit_to + "/mturk/externalSubmit"], form
        assert form[2].get("assignmentId") == "a1", form
        b.screenshot("mturk-finish")
        no_csp_violations(b, "labelling and the MTurk finish")
        b.keys(Keys.ENTER)
        b.wait(lambda: mturk.posts, what="MTurk's externalSubmit to receive the form")
        path, fields = mturk.posts[0]
        assert path == "/mturk/externalSubmit" and fields.get("assignmentId") == ["a1"], mturk.posts
        b.wait(lambda: b.driver.current_url.startswith(submit_to), what="the browser on MTurk's page")
        refused = [m for m in b.csp_violations() if "form-action" in m]
        assert not refused, f"the form post was refused: {refused[0]}"

    row, = participants(server, "w1")
    assert (row["platform"], row["platform_study"], row["platform_session"], row["turk_submit_to"]) \
        == ("mturk", "h1", "a1", submit_to), row
    assert row["completed_at"] and live_of(server, row["annotator_id"], "test") == 2, row
    assert counted(server) == (before[0] + 1, before[1] + 1)


def test_study_link_problems_are_explained(ctx):
    """An unknown study link, a link without the platform's id, a full study and a closed
    one each get a heading and the server's refusal in one line, with the focus on the
    heading, and sign nobody in."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b, server = ctx.browser, ctx.server
    link = server.add_study("small", *study_options(ctx, consent=None, practice_count=0, cap=1))

    def refused(url, title):
        b.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        b.go(url)
        b.wait(lambda: b.visible("#enrol-refused"), what=f"the refusal {title!r}")
        assert b.text("#enrol-refused-title") == title, b.text("#enrol-refused-title")
        assert b.focused() == "enrol-refused-title", b.focused()
        assert b.driver.get_cookies() == [], "a refused enrolment set a cookie"
        line = b.text("#enrol-refused-line")
        assert line and "\n" not in line, line
        return line

    assert "unknown study link" in refused(server.url + "/s/no-such-code?PROLIFIC_PID=p9", "This study link does not work")
    assert "PROLIFIC_PID" in refused(link, "This link is incomplete")
    b.go(link + "?PROLIFIC_PID=first")
    b.wait_item()
    refused(link + "?PROLIFIC_PID=second", "This study is full")
    b.screenshot("study-link-full")
    server.run("studies", "close", "small")
    refused(link + "?workerId=third&assignmentId=a3&hitId=h3", "This study has closed")
    no_csp_violations(b, "enrolment refusals")
    assert [r[0] for r in server.query("SELECT platform_pid FROM participant WHERE platform IS NOT NULL")] == ["first"]


def test_invite_account_in_a_study_with_a_quota(ctx):
    """An invite-link account (no platform, no consent text) in a study with a quota of 2:
    straight to labelling as ever, the header counts "1 of 2", and the end is the plain
    "All done" page, with no finish screen. Moved to a study with a completion code, it
    ends at that code with a focused Copy button."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice_count=0))
    b, server = ctx.browser, ctx.server
    server.run("studies", "create", "quota", *study_options(ctx, instructions=None, consent=None, practice_count=0, quota=2))
    link = server.run("annotators", "add", "ann", "--study", "quota", "--base-url", server.url).strip().splitlines()[0]
    ctx.accept(link)
    first = b.wait_item()
    assert not b.visible("#intro") and not b.visible("#consent")
    assert b.text("#progress").startswith("0 of 2"), b.text("#progress")
    answer_by_digit(b, 5)
    b.wait_item(other_than=first)
    b.wait(lambda: (b.text("#progress") or "").startswith("1 of 2"), what="'1 of 2' in the header")
    answer_by_digit(b, 6)
    b.wait(lambda: b.visible("#done"), what="the done page")
    assert b.text("#done-count") == "2" and not b.visible("#finish"), b.text("#done-count")
    assert not b.visible("#pause")
    assert [r[1] for r in ctx.live()] == [[5], [6]], ctx.live()

    # Moved to a study that hands out a completion code: its finish shows the code, large,
    # with Copy focused (no platform to go back to), and Enter copies it.
    server.run("studies", "create", "coded", *study_options(ctx, instructions=None, consent=None, practice_count=0,
                                                           quota=1, completion_code="INV-7"))
    server.run("annotators", "enrol", "ann", "--study", "coded")
    b.go(server.url + "/")
    answer_by_digit(b, 7)
    b.wait(lambda: b.visible("#finish") and b.focused() == "finish-copy", what="the finish screen, Copy focused")
    assert b.text("#finish-title") == "Thank you, you have finished." and b.text("#finish-code") == "INV-7"
    assert not b.visible("#finish-go") and not b.visible("#finish-form") and not b.visible("#done")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.text("#finish-copied") in ("Copied.", "The code is selected: press Ctrl+C (⌘C on a Mac) to copy it."),
           what="the code copied (or selected to copy)")
    assert b.js("return getSelection().toString() || 'INV-7'") == "INV-7"
    b.screenshot("finish-code-only")
    no_csp_violations(b, "labelling and the code-only finish")


# ---- the admin page's studies, participants and invites; the enrolment page in a frame --

def tab_until(b, css, limit=120):
    """Presses Tab until the focused element matches `css`, as someone without a mouse would."""
    for _ in range(limit):
        if b.js("return !!document.activeElement && document.activeElement.matches(arguments[0])", css):
            return
        b.keys(Keys.TAB)
    raise AssertionError(f"{css} is not reachable with Tab (focus ended on {b.focused()})")


def focused_matches(b, css):
    return b.js("return !!document.activeElement && document.activeElement.matches(arguments[0])", css)


def row_button(action, name, table="#study-list"):
    return f'{table} button[data-action="{action}"][data-name="{name}"]'


def press(b, css):
    """Tabs to the element and presses Enter on it."""
    tab_until(b, css)
    b.keys(Keys.ENTER)


def type_into(b, css, text):
    """Tabs to a form field, empties it and types `text`."""
    tab_until(b, css)
    b.chord(Keys.CONTROL, "a")
    b.keys(Keys.DELETE)
    if text:
        b.keys(text)


def confirm_dialog(b, answer):
    """The confirmation dialog opens with Cancel focused; `answer` True tabs to the other
    button and presses Enter, False presses Escape."""
    b.wait(lambda: b.js("return document.getElementById('confirm').open") and b.focused() == "confirm-cancel",
           what="the confirmation, Cancel focused")
    if answer:
        b.keys(Keys.TAB)
        assert b.focused() == "confirm-ok", b.focused()
        b.keys(Keys.ENTER)
    else:
        b.keys(Keys.ESCAPE)
    b.wait(lambda: not b.js("return document.getElementById('confirm').open"), what="the dialog to close")


def admin_studies(b):
    """{study name: [cells…]} of the admin page's studies table (the actions cell as its buttons' words)."""
    return b.js("""return Object.fromEntries([...document.querySelectorAll('#study-list tbody tr')].map(tr => [
        tr.cells[0].textContent, [...tr.cells].slice(1, 5).map(c => c.textContent)
          .concat([[...tr.cells[5].querySelectorAll('button')].map(x => x.textContent).join(',')])]));""")


def studies_api(b):
    status, body = b.fetch("/api/admin/studies")
    assert status == 200, (status, body)
    return {study["name"]: study for study in body}


def open_admin_page(ctx):
    b = ctx.browser
    ctx.accept(ctx.server.admin_link, lands_on="/admin")
    b.wait(lambda: b.js("return document.querySelectorAll('#study-list tbody tr').length") >= 1, what="the studies table")


def test_admin_creates_edits_and_closes_a_study(ctx):
    """By keyboard alone: a new study whose name exists is refused with the server's line next
    to the form, focused, and what was typed stays; renamed, it is created with its terms
    (the database row says so). Its link is copied, with the Prolific form beside it. Its
    edit form comes prefilled and saves a change; once a test judgement freezes it, saving is
    refused with the server's line, and the form then opens locked, saying why. Closing asks
    first (Escape keeps it open), then closes it; its participants are listed."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice_count=0))
    b, server = ctx.browser, ctx.server
    open_admin_page(ctx)
    assert admin_studies(b) == {"clothes": ["clothes", "0", "0", "open to edits", "Copy link,Edit,Participants,Close"]}, admin_studies(b)
    assert b.js("return [...document.querySelector('#new-study [name=dataset]').options].map(o => o.value)") == ["clothes"]

    type_into(b, '#new-study [name="name"]', "clothes")
    type_into(b, '#new-study [name="title"]', "Clothes pilot")
    type_into(b, '#new-study [name="max_guesses"]', "2")
    type_into(b, '#new-study [name="instructions"]', "Pick the **category**.")
    type_into(b, '#new-study [name="pay"]', "£1.20")
    type_into(b, '#new-study [name="quota"]', "2")
    type_into(b, '#new-study [name="practice_pass"]', "60 %")
    type_into(b, '#new-study [name="completion_code"]', "DONE-1")
    press(b, '#new-study button[type="submit"]')
    b.wait(lambda: b.visible("#new-study-problem"), what="the refusal next to the form")
    assert "already exists" in b.text("#new-study-problem"), b.text("#new-study-problem")
    assert b.focused() == "new-study-problem", b.focused()
    kept = b.js("const f = document.getElementById('new-study'); return [f.elements.name.value, f.elements.pay.value, f.elements.instructions.value];")
    assert kept == ["clothes", "£1.20", "Pick the **category**."], kept
    type_into(b, '#new-study [name="name"]', "pilot")
    b.keys(Keys.ENTER)  # Enter in a text field submits the form
    b.wait(lambda: "pilot" in admin_studies(b), what="the new study in the table")
    assert not b.visible("#new-study-problem")
    assert focused_matches(b, row_button("link", "pilot")), b.focused()
    assert admin_studies(b)["pilot"] == ["clothes", "0", "0", "open to edits", "Copy link,Edit,Participants,Close"]
    stored = server.query("SELECT title, max_guesses, instructions, pay, quota, practice_pass, completion_code, judgements_per_item "
                          "FROM study WHERE name = 'pilot'")
    assert stored == [("Clothes pilot", 2, "Pick the **category**.", "£1.20", 2, 0.6, "DONE-1", 3)], stored
    assert b.js("return document.getElementById('new-study').elements.name.value") == "", "the form kept a created study"
    no_csp_violations(b, "creating a study")

    # The enrolment link, copied, and the Prolific form of it.
    link = server.run("studies", "link", "pilot", "--base-url", server.url).strip().splitlines()[0]
    b.keys(Keys.ENTER)
    b.wait(lambda: b.visible("#study-link"), what="the enrolment link")
    shown = b.js("return [...document.querySelectorAll('#study-link input')].map(i => i.value)")
    assert shown == [link, link + "?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}"], shown
    assert focused_matches(b, "#study-link-plain input"), b.focused()
    b.wait(lambda: b.text("#study-link-plain .link-said") in ("Copied.", "The link is selected: press Ctrl+C (⌘C on a Mac) to copy it."),
           what="the link copied (or selected to copy)")
    assert "Prolific needs" in b.text("#study-link .note")
    press(b, "#study-link-prolific .link-copy")
    b.wait(lambda: b.text("#study-link-prolific .link-said"), what="the Prolific form copied")
    no_csp_violations(b, "the study's links")

    # Edit: prefilled, one change saved.
    press(b, row_button("edit", "pilot"))
    b.wait(lambda: b.visible("#study-edit") and focused_matches(b, '#study-edit [name="title"]'), what="the edit form, title focused")
    prefilled = b.js("const f = document.getElementById('study-edit'); return ['pay', 'quota', 'practice_pass', 'max_guesses', 'exposure_ms']"
                     ".map(k => f.elements[k].value);")
    assert prefilled == ["£1.20", "2", "0.6", "2", ""], prefilled
    type_into(b, '#study-edit [name="quota"]', "5")
    b.keys(Keys.ENTER)
    b.wait(lambda: not b.visible("#study-edit"), what="the saved form to close")
    assert server.query("SELECT quota, pay FROM study WHERE name = 'pilot'") == [(5, "£1.20")]
    assert focused_matches(b, row_button("edit", "pilot")), b.focused()
    assert "Saved the changes to pilot" in b.text("#studies-line")
    no_csp_violations(b, "editing a study")

    # Frozen while the form is open: the server's refusal, in one line, next to the form.
    b.keys(Keys.ENTER)
    b.wait(lambda: b.visible("#study-edit") and focused_matches(b, '#study-edit [name="title"]'), what="the edit form again")
    invite = server.run("annotators", "add", "fay", "--study", "pilot", "--base-url", server.url).strip().splitlines()[0]
    item, = lease_elsewhere(server, invite, 1)
    assert post_judgement_elsewhere(server, invite, item, [3]) == 200
    type_into(b, '#study-edit [name="pay"]', "£2")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.visible("#study-edit-problem"), what="the server's refusal")
    line = b.text("#study-edit-problem")
    assert "frozen" in line and "\n" not in line, line
    assert b.focused() == "study-edit-problem", b.focused()
    assert server.query("SELECT pay FROM study WHERE name = 'pilot'") == [("£1.20",)]
    press(b, "#study-edit-cancel")
    assert not b.visible("#study-edit") and focused_matches(b, row_button("edit", "pilot")), b.focused()
    b.click("#refresh")
    b.wait(lambda: admin_studies(b)["pilot"][3] == "running (frozen)", what="pilot running")
    assert admin_studies(b)["pilot"][2] == "1", admin_studies(b)
    press(b, row_button("edit", "pilot"))
    b.wait(lambda: b.visible("#study-edit-frozen") and b.focused() == "study-edit-frozen", what="the frozen form's explanation")
    assert "froze its protocol" in b.text("#study-edit-frozen")
    no_csp_violations(b, "the frozen study's form")
    assert b.js("return document.getElementById('study-edit-fields').disabled") and not b.visible("#study-edit-save")
    b.screenshot("admin-study-frozen")

    # Participants, in plain words.
    press(b, row_button("participants", "pilot"))
    b.wait(lambda: b.visible("#participants") and b.focused() == "participants-title", what="the participants")
    rows = visible_texts(b, "#participant-list tbody td")
    assert rows == ["fay", "invite link", "labelling", rows[3], "–", "1", "–", ""], rows  # no catch trials, no flags
    assert re.fullmatch(r"\d+\.\d", rows[3]), rows
    assert b.text("#participants-pay") == "Median effective pay: n/a (no one has finished yet)", b.text("#participants-pay")
    no_csp_violations(b, "the participants")

    # Closing asks first; Escape keeps it open, the confirmation closes it.
    press(b, row_button("close", "pilot"))
    confirm_dialog(b, False)
    assert server.query("SELECT closed_at FROM study WHERE name = 'pilot'") == [(None,)]
    assert focused_matches(b, row_button("close", "pilot")), b.focused()
    b.keys(Keys.ENTER)
    confirm_dialog(b, True)
    b.wait(lambda: admin_studies(b)["pilot"][3] == "closed", what="pilot closed")
    assert server.query("SELECT closed_at IS NOT NULL FROM study WHERE name = 'pilot'") == [(1,)]
    assert admin_studies(b)["pilot"][4] == "Copy link,Edit,Participants", admin_studies(b)
    assert "pilot is closed" in b.text("#studies-line")
    # A closed study takes no invites.
    assert b.js("return [...document.querySelector('#invite [name=study]').options].map(o => o.value)") == ["clothes"]
    b.screenshot("admin-studies")
    no_csp_violations(b, "the admin page's studies")


def test_admin_shows_participants_and_their_hourly_pay(ctx):
    """Two Prolific participants finish a quota of 1; the participants table names them by
    pseudonym, with platform, status, minutes and test count in words, and the median
    effective hourly pay is pay ÷ hours over those who finished. The pay is read as a number
    with an optional currency symbol, and anything else is "n/a"."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=3, practice_count=0))
    b, server = ctx.browser, ctx.server
    link = server.add_study("paid", *study_options(ctx, consent=None, practice_count=0, quota=1, pay="£1.20",
                                                  completion_code="PAID"))
    for pid in ("pp1", "pp2"):
        b.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        b.go(link + f"?PROLIFIC_PID={pid}&STUDY_ID=s&SESSION_ID=x")
        answer_by_digit(b, 1)
        finish_link(b, "Thank you, you have finished.")
        b.js("sessionStorage.clear(); localStorage.clear();")
    b.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    open_admin_page(ctx)
    press(b, row_button("participants", "paid"))
    b.wait(lambda: b.visible("#participants") and b.focused() == "participants-title", what="the participants")
    status, listed = b.fetch("/api/admin/studies/paid/participants")
    assert status == 200 and len(listed) == 2, (status, listed)
    rows = b.js("return [...document.querySelectorAll('#participant-list tbody tr')].map(tr => [...tr.cells].map(c => c.textContent))")
    assert rows == [[p["name"], "Prolific", "finished", f"{p['minutes_spent']:.1f}", "–", "1", "–", " ".join(p["flags"])]
                    for p in listed], (rows, listed)
    assert all(p["name"].startswith("prolific-") for p in listed), listed
    rates = sorted(1.20 / (p["minutes_spent"] / 60) for p in listed)
    expected = f"£{(rates[0] + rates[1]) / 2:.2f} an hour (median of 2 finished participants)"
    assert b.text("#participants-pay") == f"Median effective pay: {expected}", (b.text("#participants-pay"), expected)
    assert b.text("#participants-summary") == "2 participants: 2 finished", b.text("#participants-summary")
    b.screenshot("admin-participants")
    no_csp_violations(b, "the participants table")
    # The pay's reading, through the page's own model.
    worded = b.driver.execute_async_script("""const done = arguments[0];
        import('/js/studies.js').then((m) => {
          const finished = [{status: 'done', minutes_spent: 30}, {status: 'done', minutes_spent: 10}, {status: 'test', minutes_spent: 1}];
          done(['$2', '3 €', 'EUR 3', '£1.5', '', 'about £1', '1,20 €'].map((pay) => m.medianHourlyPay(pay, finished))
            .concat([m.medianHourlyPay('£1', [{status: 'declined', minutes_spent: 3}])]));
        }).catch((e) => done(String(e)));""")
    assert worded == ["$8.00 an hour (median of 2 finished participants)", "12.00 € an hour (median of 2 finished participants)",
                      "n/a (the pay is not a plain amount)", "£6.00 an hour (median of 2 finished participants)",
                      "n/a (the pay is not a plain amount)", "n/a (the pay is not a plain amount)",
                      "n/a (the pay is not a plain amount)", "n/a (no one has finished yet)"], worded
    # Each status counted in words, and MTurk previews (only ever a count) when there were any.
    summaries = b.driver.execute_async_script("""const done = arguments[0];
        import('/js/studies.js').then((m) => {
          const people = [{status: 'returned'}, {status: 'test'}, {status: 'done'}, {status: 'returned'}];
          done([m.participantSummary(people, 3), m.participantSummary([{status: 'done'}], 1), m.participantSummary([], 0)]);
        }).catch((e) => done(String(e)));""")
    assert summaries == ["4 participants: 1 labelling, 1 finished, 2 returned the study; 3 MTurk previews (nothing kept about them)",
                         "1 participant: 1 finished; 1 MTurk preview (nothing kept about them)", "0 participants"], summaries


def test_admin_invites_reissues_and_disables(ctx):
    """Invite a person by keyboard: the full link is shown with the focus on it and signs in;
    the same name again is refused next to the form, focused. In the annotators table "New
    link" asks first, then shows a new link that works while the old one no longer does;
    "Disable" asks first, and the account's links stop working."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice_count=0))
    b, server = ctx.browser, ctx.server
    open_admin_page(ctx)
    type_into(b, '#invite [name="name"]', "carol")
    tab_until(b, '#invite [name="study"]')
    assert b.js("return document.querySelector('#invite [name=study]').value") == "clothes"
    b.keys(Keys.TAB, Keys.ENTER)
    b.wait(lambda: b.visible("#invite-result"), what="the invite link")
    assert focused_matches(b, "#invite-result input"), b.focused()
    first = b.js("return document.querySelector('#invite-result input').value")
    assert first.startswith(server.url + "/join/"), first
    assert b.text("#invite-result .link-title") == "Invite link of carol (clothes)"
    press(b, "#invite-result .link-copy")
    b.wait(lambda: b.text("#invite-result .link-said"), what="the invite link copied")
    assert server.query("SELECT count(*) FROM annotator WHERE name = 'carol' AND disabled_at IS NULL") == [(1,)]
    assert post_session(server, first.rsplit("/", 1)[1])[0] == 200
    b.wait(lambda: b.js("return [...document.querySelectorAll('#annotators tbody tr')].some(tr => tr.cells[0].textContent === 'carol')"),
           what="carol in the annotators table")

    type_into(b, '#invite [name="name"]', "carol")
    b.keys(Keys.ENTER)
    b.wait(lambda: b.visible("#invite-problem"), what="the refusal of a name taken")
    assert "already exists" in b.text("#invite-problem") and b.focused() == "invite-problem", (b.text("#invite-problem"), b.focused())
    assert b.js("return document.querySelector('#invite [name=name]').value") == "carol"
    assert not b.visible("#invite-result")

    # A new link: asked first; the old link stops working, the new one works.
    press(b, row_button("reissue", "carol", "#annotators"))
    confirm_dialog(b, False)
    assert post_session(server, first.rsplit("/", 1)[1])[0] == 200, "cancelled, yet the link changed"
    press(b, row_button("reissue", "carol", "#annotators"))
    confirm_dialog(b, True)
    b.wait(lambda: b.visible("#annotator-link"), what="the new link")
    assert focused_matches(b, "#annotator-link input"), b.focused()
    second = b.js("return document.querySelector('#annotator-link input').value")
    assert second.startswith(server.url + "/join/") and second != first, (first, second)
    assert post_session(server, first.rsplit("/", 1)[1])[0] == 401
    assert post_session(server, second.rsplit("/", 1)[1])[0] == 200

    # Disable: asked first, then the row says so and the link no longer signs in.
    press(b, row_button("disable", "carol", "#annotators"))
    confirm_dialog(b, True)
    b.wait(lambda: b.js("""return [...document.querySelectorAll('#annotators tbody tr')]
        .find(tr => tr.cells[0].textContent === 'carol')?.cells[5].textContent === 'disabled'"""), what="carol disabled")
    assert not b.finds(row_button("disable", "carol", "#annotators"))
    assert focused_matches(b, row_button("reissue", "carol", "#annotators")), b.focused()
    assert "carol is disabled" in b.text("#annotators-line")
    assert server.query("SELECT disabled_at IS NOT NULL FROM annotator WHERE name = 'carol'") == [(1,)]
    assert post_session(server, second.rsplit("/", 1)[1])[0] in (401, 403)
    b.screenshot("admin-invites")
    no_csp_violations(b, "invites")


# ---- the admin page's Precision box: the interval so far and the items a margin needs --

def plan_json(server, error, margin, judgements_per_item):
    """`refhuman plan --error … --margin … --json` run as a researcher would (it reads no
    database): the parsed plan, or None when the command refuses (exit status 1)."""
    done = subprocess.run([server.binary, "plan", "--error", error, "--margin", margin,
                           "--judgements-per-item", str(judgements_per_item), "--json"],
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        assert done.returncode == 1 and done.stderr.startswith("refhuman: "), (done.returncode, done.stderr)
        return None
    return json.loads(done.stdout)


def page_module(b, body, *args):
    """Runs `body` (an async function's body given `m`, the page's precision.js, and `args`)
    inside the page and returns what it returns; a failure fails the test with its message."""
    outcome = b.driver.execute_async_script(
        "const args = [...arguments].slice(0, -1), done = arguments[arguments.length - 1];"
        "import('/js/precision.js').then(async (m) => {" + body + "})"
        ".then((value) => done({value}), (e) => done({error: String(e && e.stack || e)}));", *args)
    assert "error" not in outcome, outcome["error"]
    return outcome["value"]


def test_admin_precision_agrees_with_plan(ctx):
    """The page's precision model gives `refhuman plan`'s numbers for the same error and
    margin: z, n before and after rounding up, and items × k judgements; the margin is
    read from the same text the command is given ("1%", "0.02"), and where the command
    refuses (a margin not below the error) the page has no plan either."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b, server = ctx.browser, ctx.server
    ctx.accept(server.admin_link, lands_on="/admin")
    # Before any judgement the box has nothing to measure or plan from, and says so.
    b.wait(lambda: b.text("#precision-majority"), what="the Precision box")
    assert [b.text("#precision-majority"), b.text("#precision-pooled"), b.text("#precision-plan")] == [
        "n/a: no complete items yet.", "n/a: no judgements yet.",
        "Target ±1 %: n/a: no complete items yet, so no error rate to plan from (refhuman plan --error P plans from an expected one)."]
    cases = [("0.05", "1%", 3), ("0.1", "0.02", 5), ("0.5", "3%", 3), ("0.013", "0.4%", 1),
             ("0.97", "1 %", 4), ("12.5%", "0.5%", 3), ("0.004", "0.5%", 3), ("0.3", "0.000001", 2)]
    for error_text, margin_text, per_item in cases:
        cli = plan_json(server, error_text, margin_text, per_item)
        error = float(error_text.rstrip("%")) / 100 if error_text.endswith("%") else float(error_text)
        page = page_module(b, """const [error, marginText, perItem] = args;
            const read = m.readMargin(marginText);
            if (read.problem) return {problem: read.problem};
            return {z: m.Z95, plan: m.planFor(error, read.margin,
              {completeItems: 0, perItem, plannedItems: null, itemsByJudgements: []})};""", error, margin_text, per_item)
        where = f"--error {error_text} --margin {margin_text} --judgements-per-item {per_item}"
        assert "problem" not in page, (where, page)
        if cli is None:
            assert "unavailable" in page["plan"], (where, "the CLI refuses; the page planned", page)
            continue
        plan = page["plan"]
        assert "unavailable" not in plan, (where, cli, plan)
        assert abs(page["z"] - cli["z"]) <= 1e-15, (where, page["z"], cli["z"])
        assert abs(plan["itemsExact"] - cli["items_exact"]) <= 1e-9 * cli["items_exact"], (where, plan, cli)
        assert (plan["items"], plan["judgements"]) == (cli["items"], cli["judgements"]), (where, plan, cli)
    # The margin's reading: what the command would take, and one line for the rest.
    read = page_module(b, "return args[0].map((text) => m.readMargin(text));",
                       ["1%", "0.01", "1 %", "1", "0.5", "abc", "", "0%", "-1%", "60%"])
    assert [r.get("margin") for r in read[:3]] == [0.01, 0.01, 0.01], read
    problems = [r.get("problem") for r in read[3:]]
    assert problems == ['"1" without % is a fraction (1 = 100 %); for 1 percentage point type 1%.',
                        '"0.5" without % is a fraction (0.5 = 50 %); for 0.5 percentage points type 0.5%.',
                        '"abc" is not a margin: type one such as 1% or 0.01.', "Type a margin, such as 1% or 0.01.",
                        'The margin must be above 0, got "0%".', 'The margin must be above 0, got "-1%".',
                        'The margin must be below 50 %, got "60%".'], problems
    # n/a, and why, where the normal approximation means nothing.
    figures = page_module(b, """return [m.rateFigures(null, 0, null, 'complete items'),
        m.rateFigures(0, 25, [0, 0.1332], 'complete items'), m.rateFigures(1, 4, [0.51, 1], 'judgements'),
        m.planFor(0, 0.01, {completeItems: 25, perItem: 3, plannedItems: 100, itemsByJudgements: []})];""")
    assert figures[0]["unavailable"] == "no complete items yet" and figures[0]["halfWidth"] is None, figures[0]
    assert figures[1]["halfWidth"] is None and figures[1]["wilson"] == [0, 0.1332], figures[1]
    assert figures[1]["unavailable"].startswith("no error in the 25 complete items"), figures[1]
    assert figures[2]["unavailable"].startswith("every one of the 4 judgements wrong"), figures[2]
    assert figures[3]["unavailable"].startswith("the formula needs an error between 0 and 1"), figures[3]
    no_csp_violations(b, "the precision model")


def majority_figures(server, per_item):
    """(human-majority errors, complete items, pooled errors, judgements) counted from the
    database: an item is complete at `per_item` counted test judgements, and wrong when fewer
    than half of its first guesses are right (each test below answers wrong with one label)."""
    rows = server.query("""SELECT j.item_id, j.guesses, item.category_idx FROM live_judgement AS j
        JOIN item ON item.id = j.item_id WHERE j.phase = 'test' AND j.abstained = 0""")
    by_item = {}
    for item, guesses, truth in rows:
        by_item.setdefault(item, []).append(json.loads(guesses)[0] == truth)
    complete = [rights for rights in by_item.values() if len(rights) >= per_item]
    majority_wrong = sum(1 for rights in complete if sum(rights) * 2 < len(rights))
    pooled_wrong = sum(1 for rights in by_item.values() for right in rights if not right)
    return majority_wrong, len(complete), pooled_wrong, len(rows), by_item


def test_admin_precision_box_by_keyboard(ctx):
    """Three people judge eight items of a 20-item study, three judgements each: two items
    all wrong, one wrong for one person. The Precision box beside the report shows the
    human-majority error and the pooled error with z·√(p(1 − p)/n), computed here from the
    database; by keyboard alone a margin typed is planned (items, judgements, how many more,
    the best margin the 20 test items allow), a bare "1" is refused in one line with the
    focus kept in the box, and a margin the data can reach says so. The box's figures come
    from the report in the frame: the page computes one report, not two."""
    per_item = 3
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice_count=0, judgements_per_item=per_item))
    b, server = ctx.browser, ctx.server
    hard = []
    for person in ("ada", "bo", "cy"):
        link = server.add_annotator(person)
        items = lease_elsewhere(server, link, 8)
        assert len(items) == 8, items
        hard = hard or items[:2]
        for item in items:
            truth = ctx.truth(item)
            wrong = item in hard or (person == "ada" and item == items[2])
            assert post_judgement_elsewhere(server, link, item, [(truth + 1) % 10 if wrong else truth]) == 200
    majority_wrong, complete, pooled_wrong, judgements, by_item = majority_figures(server, per_item)
    assert (majority_wrong, complete, pooled_wrong, judgements) == (2, 8, 7, 24), by_item
    z = 1.959963984540054
    p, pooled = majority_wrong / complete, pooled_wrong / judgements

    def pct(rate, places=2):
        text = f"{rate * 100:.{places}f}"
        return (text.rstrip("0").rstrip(".") if "." in text else text) + " %"

    open_admin_page(ctx)
    b.wait(lambda: b.find("#precision-majority [data-figure=error]") if b.finds("#precision-majority [data-figure=error]") else None,
           what="the Precision box's figures")
    # The box reads the report the frame shows: the page asked the server for one report, not two.
    reports = b.js("""return performance.getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/admin/report')).map((e) => [e.initiatorType, new URL(e.name).searchParams.get('format')]);""")
    assert reports == [["iframe", "html"]], reports

    def figures(css):
        return b.js("""return Object.fromEntries([...document.querySelectorAll(arguments[0] + ' [data-figure]')]
            .map((e) => [e.dataset.figure, e.textContent]));""", css)

    # Eight items put 25 % ± 30 % below 0 %: the box points to the report's Wilson interval.
    status, report = b.fetch("/api/admin/report?study=clothes&format=json")
    assert status == 200, (status, report)
    wilson = report["overall"]["human_majority_error_ci"]
    assert figures("#precision-majority") == {"error": pct(p), "half-width": pct(z * math.sqrt(p * (1 - p) / complete)),
                                              "count": str(complete), "wilson": f"{pct(wilson[0])} to {pct(wilson[1])}"}, \
        figures("#precision-majority")
    assert "it crosses 0 %, so read the Wilson interval" in b.text("#precision-majority"), b.text("#precision-majority")
    assert figures("#precision-pooled") == {"error": pct(pooled), "half-width": pct(z * math.sqrt(pooled * (1 - pooled) / judgements)),
                                            "count": str(judgements)}, figures("#precision-pooled")
    assert b.text("#precision-study") == "clothes: 8 of 20 test items complete (3 judgements each); 95 % intervals.", b.text("#precision-study")

    def expect_plan(margin):
        exact = z * z * p * (1 - p) / margin ** 2
        items = math.ceil(exact - 1e-9)
        reachable = items <= 20
        more = (items if reachable else 20) - complete
        shown = {"items": str(items), "items-exact": f"{exact:.2f}", "judgements": str(items * per_item)}
        if more > 0:
            shown.update({"more-items": str(more), "more-judgements": str(more * per_item)})  # the rest have no judgement
        if not reachable:
            shown.update({"planned": "20", "best-margin": "±" + pct(z * math.sqrt(p * (1 - p) / 20))})
        return shown

    # The default ±1 %, then 2 % typed and sent with Enter: far past what 20 items allow.
    assert b.js("return document.getElementById('precision-margin').value") == "1%"
    assert figures("#precision-plan") == expect_plan(0.01), figures("#precision-plan")
    type_into(b, "#precision-margin", "2%")
    b.keys(Keys.ENTER)
    b.wait(lambda: figures("#precision-plan") == expect_plan(0.02), what="the plan for ±2 %")
    assert "The dataset has only 20 test items: the best margin at this error is ±" in b.text("#precision-plan"), b.text("#precision-plan")
    assert b.focused() == "precision-margin", b.focused()
    b.js("document.getElementById('precision').scrollIntoView()")
    b.screenshot("admin-precision")

    # A bare "1" is a fraction, 100 %: refused in one line, the focus left in the box, the plan kept.
    b.chord(Keys.CONTROL, "a")
    b.keys("1", Keys.ENTER)
    b.wait(lambda: b.visible("#precision-margin-problem"), what="the margin's refusal")
    assert b.text("#precision-margin-problem") == '"1" without % is a fraction (1 = 100 %); for 1 percentage point type 1%.'
    assert b.focused() == "precision-margin", b.focused()
    assert b.js("return document.getElementById('precision-margin').getAttribute('aria-invalid')") == "true"
    assert figures("#precision-plan") == expect_plan(0.02), figures("#precision-plan")

    # ±20 %: nineteen items do, within the 20 planned; the refusal goes.
    b.chord(Keys.CONTROL, "a")
    b.keys("0.2", Keys.ENTER)
    b.wait(lambda: figures("#precision-plan") == expect_plan(0.2), what="the plan for ±20 %")
    assert not b.visible("#precision-margin-problem")
    assert b.js("return document.getElementById('precision-margin').hasAttribute('aria-invalid')") is False
    assert "best margin" not in b.text("#precision-plan"), b.text("#precision-plan")

    # A margin not below the error seen has no plan, and the line says why.
    b.chord(Keys.CONTROL, "a")
    b.keys("30%", Keys.ENTER)
    b.wait(lambda: "n/a" in b.text("#precision-plan"), what="no plan for ±30 %")
    assert b.text("#precision-plan") == (f"Target ±30 %: n/a: ±30 % is not below the {pct(p)} error seen, so the interval "
                                         f"would cross 0 %; type a margin below {pct(p, 4)}."), b.text("#precision-plan")
    no_csp_violations(b, "the Precision box")


def test_enrolment_page_in_a_frame(ctx):
    """/s/CODE may be framed by MTurk's origins only: its policy says so, and a page on
    another site (127.0.0.2) that frames the link is refused by Chromium, enrolling nobody.
    Framed by https://www.mturk.com (this Chromium resolves MTurk's hosts to a local HTTPS
    stand-in), the preview shows the instructions and "Accept the HIT"; an accepted HIT shows
    them with "Open the task in a new window" focused and enrols no one in the frame; Enter
    opens the study top-level, without an opener, where the worker is enrolled, labels the
    quota and the finish form posts to turkSubmitTo's externalSubmit. The decision itself is
    also checked through the page's model module."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=2, practice_count=0))
    b, server = ctx.browser, ctx.server
    link = server.add_study("hit", *study_options(ctx, consent=None, title="Framed HIT", practice_count=0, quota=1,
                                                  completion_code="FRAMED"))
    _, headers, _ = http_get(link)
    assert headers.get("content-security-policy") == CSP.replace(
        "frame-ancestors 'none'", "frame-ancestors https://www.mturk.com https://workersandbox.mturk.com"), headers
    assert http_get(server.url + "/")[1].get("content-security-policy") == CSP

    before = counted(server)
    submit_to = "https://workersandbox.mturk.com"
    accepted = f"?workerId=wf&assignmentId=af&hitId=hf&turkSubmitTo={urllib.parse.quote(submit_to, safe='')}"
    with OtherSite(f"<!doctype html><title>not MTurk</title><iframe id=f src='{link}{accepted}'></iframe>") as other:
        b.go(other.url)
        refused = b.wait(lambda: [m for m in b.csp_violations() if "frame-ancestors" in m], what="Chromium refusing the frame")
        assert "https://www.mturk.com https://workersandbox.mturk.com" in refused[0], refused[0]
    assert counted(server) == before, "a refused frame enrolled someone"

    page = {"src": ""}
    framing = "<!doctype html><title>MTurk</title><iframe id=hit width=900 height=700 src='{src}'></iframe>"

    def framed(query):
        """Opens MTurk's stand-in framing the link with `query`, and switches into the frame."""
        b.driver.switch_to.default_content()
        mturk.page = framing.format(src=link + query).encode()
        b.go("https://www.mturk.com/mturk/preview")
        b.driver.switch_to.frame(b.find("#hit"))
        b.wait(lambda: b.js("return document.querySelector('main')?.dataset.part") == "preview", what="the framed page")
        assert b.js("return window.top !== window.self"), "not in a frame"

    with OtherSite("", tls=b.mturk) as mturk:
        framed("?assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE&hitId=hf")
        assert b.focused() == "enrol-preview-title" and b.text("#enrol-preview-title") == "Framed HIT", b.focused()
        assert "Accept the HIT to start" in b.text("#enrol-accept") and not b.visible("#enrol-open")
        no_csp_violations(b, "the preview in MTurk's frame")
        assert counted(server) == before, "a framed preview stored something"

        framed(accepted)
        b.wait(lambda: b.focused() == "enrol-open", what="the focused link to open the task")
        assert b.text("#enrol-preview-title") == "Framed HIT" and b.text("#enrol-kicker") == "Your HIT"
        assert not b.visible("#enrol-accept")
        assert b.js("const a = document.getElementById('enrol-open'); return [a.href, a.target, a.rel, a.textContent];") \
            == [link + accepted, "_blank", "noopener", "Open the task in a new window"]
        no_csp_violations(b, "the accepted HIT in MTurk's frame")
        assert counted(server) == before, "the frame enrolled someone"
        b.driver.switch_to.default_content()
        b.screenshot("mturk-frame-open-window")
        b.driver.switch_to.frame(b.find("#hit"))
        handles = b.driver.window_handles
        b.keys(Keys.ENTER)
        b.wait(lambda: len(b.driver.window_handles) == len(handles) + 1, what="a new window")
        b.driver.switch_to.window([h for h in b.driver.window_handles if h not in handles][0])
        try:
            b.wait_item()
            assert b.driver.current_url == server.url + "/", b.driver.current_url
            assert b.js("return window.opener") is None, "the new window can reach its opener"
            answer_by_digit(b, 1)
            b.wait(lambda: b.visible("#finish-form") and b.focused() == "finish-submit", what="the focused Submit to MTurk")
            b.keys(Keys.ENTER)
            b.wait(lambda: mturk.posts, what="MTurk's externalSubmit to receive the form")
            assert mturk.posts[0][0] == "/mturk/externalSubmit" and mturk.posts[0][1].get("assignmentId") == ["af"], mturk.posts
        finally:
            b.driver.close()
            b.driver.switch_to.window(handles[0])
            b.driver.switch_to.default_content()
    row, = participants(server, "wf")
    assert (row["platform"], row["platform_session"], row["turk_submit_to"]) == ("mturk", "af", submit_to), row
    assert row["completed_at"] and counted(server) == (before[0] + 1, before[1] + 1)

    # The decision, through the page's model module.
    b.go(server.url + "/signed-out.html")
    decided = b.driver.execute_async_script("""const done = arguments[0];
        import('/js/enrolment.js').then((m) => {
          const preview = {worker_id: 'w', assignment_id: m.PREVIEW_ASSIGNMENT, hit_id: 'h'};
          const accepted = {worker_id: 'w', assignment_id: 'a', hit_id: 'h', turk_submit_to: 'https://www.mturk.com'};
          done([m.frameDecision(true, preview), m.frameDecision(true, accepted), m.frameDecision(false, accepted),
                m.frameDecision(false, preview), m.frameDecision(true, {}), m.frameDecision(true, {prolific_pid: 'p'}),
                m.linkWithIds('https://x.org', 'c0de', accepted)]);
        }).catch((e) => done(String(e)));""")
    assert decided == ["enrol", "open-window", "enrol", "enrol", "enrol", "open-window",
                       "https://x.org/s/c0de?workerId=w&assignmentId=a&hitId=h&turkSubmitTo=https%3A%2F%2Fwww.mturk.com"], decided



# ---- the picker at a thousand: hierarchy, search, compare tray, more examples ---------

def page_modules(b, names, body, *args):
    """Runs `body` (an async function's body given `m`, an object of the page's modules by
    file stem, and `args`) inside the page; a failure fails the test with its message."""
    outcome = b.driver.execute_async_script(
        "const args = [...arguments].slice(0, -1), done = arguments[arguments.length - 1];"
        "const names = " + json.dumps(names) + ";"
        "Promise.all(names.map((n) => import(`/js/${n}.js`))).then(async (loaded) => {"
        "const m = Object.fromEntries(names.map((n, k) => [n.replace(/-/g, '_'), loaded[k]]));" + body + "})"
        ".then((value) => done({value}), (e) => done({error: String(e && e.stack || e)}));", *args)
    assert "error" not in outcome, outcome["error"]
    return outcome["value"]


def pet_cards():
    """The pet categories as /api/categories gives them with paths, examples made up."""
    paths = datasets.paths(datasets.PETS, datasets.PET_NODES)
    return [{"index": i, "name": c["name"], "description": c["description"], "synonyms": c["synonyms"],
             "group": None, "path": paths[c["name"]], "examples": [f"/images/x{i}-{k}" for k in range(13)]}
            for i, c in enumerate(datasets.PETS)]


def test_picker_models_in_the_page(ctx):
    """The picker's DOM-free models run in Chromium on hand-made JSON: the tree's counts,
    expansion and visible rows; search ranking (name over synonym over gloss over a node
    above; "tabby" finds "tabby, tabby cat"); coarse answers (numbered past the categories in
    /api/hierarchy's order, worded "dog (any kind)", over the truth or not, found by name or
    synonym but not by gloss, none when the study does not allow them); the browsing log's
    limits; pins; the example pages; the remembered list-or-tree mode."""
    ctx.serve(datasets.clothes(ctx.workdir / "bundle", test=1, practice_count=0))
    b = ctx.browser
    b.go(ctx.server.url + "/signed-out.html")
    got = page_modules(b, ["tree", "search", "browsing", "pins", "examples", "picker-mode", "coarse-answers", "scoring"], """
        const [cards, nodes] = args;
        const out = {};
        const tree = new m.tree.CategoryTree(cards, nodes);
        out.hasHierarchy = tree.hasHierarchy;
        out.counts = nodes.map((n) => [n.name, tree.node(n.key).count]);
        const label = (r) => r.kind === 'node' ? tree.node(r.key).name : cards[r.index].name;
        out.top = tree.visibleRows().map(label);
        tree.expand('n02075296');
        out.carnivore = tree.visibleRows().map((r) => [label(r), r.depth]);
        tree.expand('n02084071');
        out.dogs = tree.visibleRows().map(label);
        tree.collapse('n02075296');
        out.collapsed = tree.visibleRows().map(label);
        out.ancestorsOfTabby = tree.ancestorsOf(0);
        out.namesAboveBeagle = tree.namesAbove(3);
        out.parentOfDog = tree.parentOf({kind: 'node', key: 'n02084071'});
        out.parentOfBall = tree.parentOf({kind: 'category', index: 7});
        tree.reveal(1);
        out.revealed = [...tree.expanded].sort();
        out.flat = new m.tree.CategoryTree(cards.map((c) => ({...c, path: []})), []).hasHierarchy;
        out.orphan = new m.tree.CategoryTree([{...cards[0], path: ['nope']}], nodes).visibleRows().map((r) => r.kind);

        const index = m.search.buildIndex(cards, (c) => tree.namesAbove(c.index));
        const best = (q) => { const r = m.search.rank(index, q); return [r.best < 0 ? null : cards[r.best].name, r.count]; };
        for (const q of ['tabby', 'tabby cat', 'husky', 'striped', 'dog', 'house cat', 'Hound', 'zebra', 'long ears'])
          out['search ' + q] = best(q);

        const coarse = new m.coarse_answers.CoarseAnswers({allowed: true, tree, nodes});
        const covers = (guess, truth) => coarse.covers(guess, truth);
        out.coarse = {dog: coarse.answerOf('n02084071'), label: coarse.label(10), keyOf9: coarse.keyOf(9),
                      categoryIsCoarse: coarse.isCoarse(7), labelOfCategory: coarse.label(7),
                      covers: [covers(9, 0), covers(8, 0), covers(10, 0), covers(8, 7), covers(0, 0)],
                      dogQuery: coarse.matching('dog'), houseCat: coarse.matching('house cat'), d: coarse.matching('d'),
                      gloss: coarse.matching('genus'), rank: [m.scoring.coarseRank([3, 9], 0, 5, covers),
                      m.scoring.coarseRank([3, 9], 0, 1, covers), m.scoring.coarseRank([10], 0, 5, covers)]};
        const refused = new m.coarse_answers.CoarseAnswers({allowed: false, tree, nodes});
        out.refused = [refused.allowed, refused.answerOf('n02084071'), refused.label(10), refused.matching('dog')];

        const log = new m.browsing.BrowsingLog();
        log.noteSearch('before');
        out.idle = log.finish();
        log.start([2]);
        out.pinnedOnly = log.finish();
        log.start();
        out.empty = log.finish();
        log.start();
        log.noteOpened(4); log.noteOpened(4); log.notePinned(5);
        for (let k = 0; k < 60; k += 1) log.noteSearch(`query ${k % 55}`);
        log.noteSearch('x'.repeat(150));
        log.noteSearch('   ');
        const full = log.finish();
        out.log = {opened: full.opened, pinned: full.pinned, searches: full.searched.length,
                   first: full.searched[0], last: full.searched.at(-1)};
        log.start(); log.noteSearch('y'.repeat(150)); out.longest = log.finish().searched[0].length;

        const pins = new m.pins.Pins();
        let changes = 0;
        pins.addEventListener('change', () => { changes += 1; });
        out.pins = [1, 2, 3, 4, 5].map((i) => pins.add(i)).concat([pins.add(2), pins.toggle(2), pins.toggle(5)]);
        out.pinValues = pins.values;
        out.pinChanges = changes;

        const asked = [];
        const store = new m.examples.ExampleStore(cards, async (i, offset, limit) => {
          asked.push([i, offset, limit]);
          return {examples: offset < 20 ? Array.from({length: Math.min(limit, 20 - offset)}, (_, k) => `h${offset + k}`) : [], total: 20};
        });
        const first = store.more(0);
        out.samePromise = first === store.more(0);
        out.added = (await first).length;
        out.urls = [store.urls(0).length, store.urls(0)[13], store.hasMore(0)];
        out.again = (await store.more(0)).length;
        out.asked = asked;

        const memory = new Map();
        const storage = {getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => memory.set(k, v)};
        out.modes = [m.picker_mode.savedMode(storage)];
        m.picker_mode.saveMode('tree', storage);
        out.modes.push(m.picker_mode.savedMode(storage));
        out.modes.push(m.picker_mode.savedMode({getItem: () => { throw new Error('denied'); }}));
        return out;""", pet_cards(), datasets.PET_NODES)

    assert got["hasHierarchy"] and not got["flat"]
    assert got["counts"] == [["carnivore", 7], ["domestic cat", 3], ["dog", 4]], got["counts"]
    assert got["top"] == ["carnivore", "tennis ball"], got["top"]
    assert got["carnivore"] == [["carnivore", 1], ["dog", 2], ["domestic cat", 2], ["tennis ball", 1]], got["carnivore"]
    assert got["dogs"] == ["carnivore", "dog", "basset, basset hound", "beagle", "Eskimo dog", "Siberian husky",
                           "domestic cat", "tennis ball"], got["dogs"]
    assert got["collapsed"] == ["carnivore", "tennis ball"]
    assert got["ancestorsOfTabby"] == ["n02075296", "n02121808"]
    assert got["namesAboveBeagle"] == ["carnivore", "dog", "domestic dog", "Canis familiaris"], got["namesAboveBeagle"]
    assert got["parentOfDog"] == "n02075296" and got["parentOfBall"] is None
    assert got["revealed"] == ["n02075296", "n02084071", "n02121808"], got["revealed"]
    assert got["orphan"] == ["category"], "a category under an unknown node sits at the top"
    # name > synonym > gloss > node above
    assert got["search tabby"] == ["tabby, tabby cat", 1], got["search tabby"]
    assert got["search tabby cat"][0] == "tabby, tabby cat"
    assert got["search husky"] == ["Siberian husky", 2], got["search husky"]   # name beats Eskimo dog's synonym
    assert got["search striped"] == ["tiger cat", 1]                           # gloss only
    assert got["search dog"] == ["Eskimo dog", 4], got["search dog"]           # by name, then the breeds under "dog"
    assert got["search house cat"] == ["tiger cat", 3], got["search house cat"]  # a node's synonym: the three cats, shortest first
    assert got["search Hound"][0] == "basset, basset hound"                    # name word beats beagle's gloss
    assert got["search zebra"] == [None, 0]
    assert got["search long ears"] == ["basset, basset hound", 1]
    assert got["coarse"] == {"dog": 10, "label": "dog (any kind)", "keyOf9": "n02121808", "categoryIsCoarse": False,
                             "labelOfCategory": None, "covers": [True, True, False, False, False], "dogQuery": [10],
                             "houseCat": [9], "d": [10, 9], "gloss": [], "rank": [1, -1, -1]}, got["coarse"]
    assert got["refused"] == [False, None, None, []], got["refused"]
    assert got["idle"] is None and got["empty"] is None
    assert got["pinnedOnly"] == {"opened": [], "searched": [], "pinned": [2]}
    assert got["log"] == {"opened": [4], "pinned": [5], "searches": 50, "first": "query 0", "last": "query 49"}, got["log"]
    assert got["longest"] == 100
    assert got["pins"] == ["added"] * 4 + ["full", "present", "removed", "added"], got["pins"]
    assert got["pinValues"] == [1, 3, 4, 5] and got["pinChanges"] == 6, (got["pinValues"], got["pinChanges"])
    assert got["samePromise"] and got["added"] == 7 and got["urls"] == [20, "/images/h13", False], got
    assert got["again"] == 0 and got["asked"] == [[0, 13, 26]], got["asked"]
    assert got["modes"] == ["list", "tree", "list"]


def stored_browsing(server, item):
    """The browsing record stored with the one judgement of the item behind a handle, parsed."""
    rows = server.query("SELECT browsing FROM judgement WHERE item_id = ?", server.item_of(item))
    assert len(rows) == 1, f"{len(rows)} judgements of {item}"
    return json.loads(rows[0][0]) if rows[0][0] is not None else None


def pet_index(name):
    return next(i for i, c in enumerate(datasets.PETS) if c["name"] == name)


def focused_tree_item(b):
    return b.js("""const a = document.activeElement;
        if (a?.getAttribute('role') !== 'treeitem') return null;
        return [a.querySelector('.tree-name').textContent, a.getAttribute('aria-expanded'), a.getAttribute('aria-level')];""")


def test_hierarchy_and_search_by_keyboard(ctx):
    """The pets' hierarchy by keyboard: the tree view switched on (and remembered on
    reload), carnivore and dog expanded with Right, their counts, Up/Down/Home/End, Left up
    and closed, Enter takes a breed; "tabby" finds "tabby, tabby cat" in the list, Enter takes
    it; the judgement's browsing record in the database holds the two searches."""
    ctx.serve(datasets.pets(ctx.workdir / "bundle"))
    b = ctx.browser
    ctx.join()
    item = b.wait_item()
    assert b.visible("#picker-mode"), "a dataset with a hierarchy offers the tree view"
    assert b.visible("#catalog") and not b.visible("#tree")
    b.tab_to("picker-mode")
    b.keys(Keys.ENTER)
    assert b.js("return document.getElementById('picker-mode').getAttribute('aria-pressed')") == "true"
    assert b.visible("#tree") and not b.visible("#catalog")
    # Only the top level exists until a node opens.
    assert b.js("return document.querySelectorAll('#tree [role=treeitem]').length") == 2
    b.find("#search").click()
    b.keys(Keys.ARROW_DOWN)
    assert focused_tree_item(b) == ["carnivore", "false", "1"], focused_tree_item(b)
    assert b.text("#tree .tree-node .tree-count") == "7"
    b.keys(Keys.ARROW_RIGHT)
    assert focused_tree_item(b) == ["carnivore", "true", "1"]
    b.keys(Keys.ARROW_DOWN)
    assert focused_tree_item(b) == ["dog", "false", "2"], focused_tree_item(b)
    b.keys(Keys.ARROW_RIGHT)
    assert focused_tree_item(b) == ["dog", "true", "2"]
    counts = b.js("return [...document.querySelectorAll('#tree .tree-node')].map(n => "
                  "[n.querySelector('.tree-name').textContent, n.querySelector('.tree-count').textContent])")
    assert counts == [["carnivore", "7"], ["dog", "4"], ["domestic cat", "3"]], counts
    b.keys(Keys.ARROW_RIGHT)
    assert focused_tree_item(b) == ["basset, basset hound", None, "3"], focused_tree_item(b)
    b.keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN)
    assert focused_tree_item(b)[0] == "Eskimo dog"
    b.keys(Keys.END)
    assert focused_tree_item(b)[0] == "tennis ball"
    b.keys(Keys.HOME)
    assert focused_tree_item(b)[0] == "carnivore"
    b.keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN)
    assert focused_tree_item(b)[0] == "beagle"
    b.screenshot("tree-dogs")
    b.keys(Keys.ENTER)
    assert [n for _, n in chips(b)] == ["beagle"], chips(b)
    assert b.js("return document.activeElement.getAttribute('aria-selected')") == "true"
    b.keys(Keys.ARROW_LEFT)
    assert focused_tree_item(b) == ["dog", "true", "2"]
    b.keys(Keys.ARROW_LEFT)
    assert focused_tree_item(b) == ["dog", "false", "2"]
    assert not b.visible("#tree .tree-leaf[data-index='3']")

    # Typing searches the flat list, the tree gives way while a query stands.
    b.keys("tabby")
    b.wait(lambda: b.js("return document.querySelector('.card.best')?.dataset.index") == str(pet_index("tabby, tabby cat")),
           what="tabby as the best match")
    assert b.visible("#catalog") and not b.visible("#tree")
    assert "tabby, tabby cat" in b.text("#match-summary")
    b.keys(Keys.ENTER)
    assert [n for _, n in chips(b)] == ["beagle", "tabby, tabby cat"], chips(b)
    b.wait(lambda: b.visible("#tree"), what="the tree back once the box is empty")
    b.keys("striped", Keys.ENTER)
    assert [n for _, n in chips(b)][-1] == "tiger cat"
    b.keys(Keys.ENTER)
    b.wait_item(other_than=item)
    wait_saved(b)
    rows = ctx.live()
    expected = [pet_index("beagle"), pet_index("tabby, tabby cat"), pet_index("tiger cat")]
    assert [(r[0], r[1]) for r in rows] == [(item, expected)], rows
    assert stored_browsing(ctx.server, item) == {"opened": [], "searched": ["tabby", "striped"], "pinned": []}
    # The view is remembered for the tab.
    b.driver.refresh()
    b.wait(lambda: b.item_id() is not None, what="the page back")
    assert b.visible("#tree") and not b.visible("#catalog")


def test_compare_tray_by_keyboard(ctx):
    """Pin from the search box and from cards with Alt+C, see the pinned side by side with
    larger examples, a fifth refused, Take and Unpin from the tray by keyboard, Escape back,
    More examples with Alt+M (all 20, past the card's 13); the judgement's browsing record
    in the database lists what was opened, searched and pinned, and the next trial starts
    with only the tray's pins."""
    ctx.serve(datasets.pets(ctx.workdir / "bundle"))
    b = ctx.browser
    ctx.join()
    item = b.wait_item()
    assert not b.visible("#compare-tray")
    husky, eskimo = pet_index("Siberian husky"), pet_index("Eskimo dog")
    b.keys("husky")
    b.wait(lambda: b.js("return document.querySelector('.card.best')?.dataset.index") == str(husky), what="husky")
    b.chord(Keys.ALT, "c")
    b.wait(lambda: b.visible("#compare-tray"), what="the tray")
    assert "Pin another" in b.text(".tray-note")
    b.keys(Keys.ARROW_DOWN)
    b.wait(lambda: b.js("return document.activeElement.classList.contains('card')"), what="a card focused")
    b.keys(Keys.ARROW_RIGHT)
    assert b.js("return Number(document.activeElement.dataset.index)") == eskimo
    b.chord(Keys.ALT, "c")
    columns = lambda: b.js("return [...document.querySelectorAll('.tray-column')].map(c => Number(c.dataset.index))")
    assert columns() == [husky, eskimo], columns()
    assert b.js(f"return document.querySelector('.card-cell[data-index=\"{eskimo}\"] .card-pin').getAttribute('aria-pressed')") == "true"
    b.wait(lambda: b.js("""const t = document.querySelector('.tray-column img'), c = document.querySelector('.card .thumbs img');
        return t && c && t.complete && t.naturalWidth && t.getBoundingClientRect().width > 1.5 * c.getBoundingClientRect().width;"""),
           what="tray examples larger than the card thumbnails")
    sizes = b.js("return [...document.querySelectorAll('.tray-column')].map(c => c.getBoundingClientRect().top)")
    assert abs(sizes[0] - sizes[1]) < 2, f"tray columns side by side: {sizes}"
    b.screenshot("compare-tray")
    b.keys(Keys.ESCAPE, Keys.ESCAPE)  # back to the search box, then empty it
    for name in ("beagle", "tiger cat", "Persian cat"):
        b.keys(name.split()[0].lower())
        b.wait(lambda: b.js("return document.querySelector('.card.best')?.dataset.index") == str(pet_index(name)), what=name)
        b.chord(Keys.ALT, "c")
        b.keys(Keys.ESCAPE)
    assert len(columns()) == 4 and pet_index("Persian cat") not in columns(), columns()
    assert "holds 4" in b.text(".tray-note"), b.text(".tray-note")
    # Into the tray with Tab: its first button takes the husky as a guess.
    b.find("#search").click()
    for _ in range(6):
        b.keys(Keys.TAB)
        if b.js("return document.activeElement.closest('.tray-column') !== null"):
            break
    assert b.js("return document.activeElement.dataset.action") == "take", b.focused()
    b.keys(Keys.ENTER)
    assert [n for _, n in chips(b)] == ["Siberian husky"], chips(b)
    b.find("#search").click()
    for _ in range(6):
        b.keys(Keys.TAB)
        if b.js("return document.activeElement.dataset.action === 'unpin'"):
            break
    assert b.js("return Number(document.activeElement.closest('.tray-column').dataset.index)") == husky
    b.keys(Keys.ENTER)
    assert columns() == [eskimo, pet_index("beagle"), pet_index("tiger cat")], columns()
    assert b.js("return document.activeElement.closest('.compare-tray') !== null"), "focus stays in the tray"
    b.keys(Keys.ESCAPE)
    assert b.js("return document.activeElement.id") == "search"
    # More examples of a card by keyboard.
    b.keys(Keys.ARROW_DOWN)
    card = b.js("return Number(document.activeElement.dataset.index)")
    b.chord(Keys.ALT, "m")
    b.wait(lambda: b.js(f"return document.querySelector('#card-{card} .thumbs.opened') !== null"), what="more examples")
    shown = b.js(f"return document.querySelectorAll('#card-{card} .thumbs img').length")
    assert shown == 20, f"{shown} examples after More (20 in the dataset)"
    assert b.js(f"return document.querySelector('.card-cell[data-index=\"{card}\"] .card-more').disabled"), "no more to ask for"
    b.wait(lambda: b.js(f"return [...document.querySelectorAll('#card-{card} .thumbs img')].every(i => i.complete && i.naturalWidth)"),
           what="the extra examples loaded")
    b.find("#search").click()
    b.keys(Keys.ENTER)
    b.wait_item(other_than=item)
    wait_saved(b)
    log = stored_browsing(ctx.server, item)
    assert log["opened"] == [card], log
    assert log["searched"] == ["husky", "beagle", "tiger", "persian"], log
    assert sorted(log["pinned"]) == sorted([husky, eskimo, pet_index("beagle"), pet_index("tiger cat")]), log
    assert b.js("return window.refhumanSession.browsing.trial.pinned.size") == 3, "the next trial starts with the tray's pins"


# ---- coarse answers: a node of the tree as a guess ("dog (any kind)") -----------------

def serve_pets(ctx, *, allow_coarse, **options):
    """Serves the pets, their first study allowing coarse answers or not (set before any judgement)."""
    ctx.server.import_bundle(datasets.pets(ctx.workdir / "bundle", **options))
    if allow_coarse:
        ctx.server.run("studies", "edit", "pets", "--allow-coarse", "true")
    ctx.server.start(port=0)


def node_answers(b):
    """Each node's answer number as the server counts it: the categories, then the node's
    position in GET /api/hierarchy (asked as the annotator's page would)."""
    status, body = b.fetch("/api/hierarchy")
    assert status == 200, (status, body)
    return {node["key"]: len(datasets.PETS) + position for position, node in enumerate(body["nodes"])}


PET_NODE_NAMES = {node["key"]: node["name"] for node in datasets.PET_NODES}
DOG, CAT = "n02084071", "n02121808"


def node_above(truth):
    """The key of the nearest node above category `truth`, None for one outside the tree."""
    path = datasets.paths(datasets.PETS, datasets.PET_NODES)[datasets.PETS[truth]["name"]]
    return path[-1] if path else None


def judged_by_hand(guess, truth, answers):
    """How the report should score a first guess: exact, coarse_correct (a node above the truth) or wrong."""
    if guess == truth:
        return "exact"
    path = datasets.paths(datasets.PETS, datasets.PET_NODES)[datasets.PETS[truth]["name"]]
    above = {answers[key] for key in path}
    return "coarse_correct" if guess in above else "wrong"


def open_tree_by_keyboard(b):
    """Switches the picker to the tree by keyboard and puts the focus on its first row, carnivore, opened."""
    b.tab_to("picker-mode")
    b.keys(Keys.ENTER)
    b.tab_to("search", backwards=True)
    b.keys(Keys.ARROW_DOWN, Keys.ARROW_RIGHT)
    assert focused_tree_item(b) == ["carnivore", "true", "1"], focused_tree_item(b)


def test_coarse_answer_by_keyboard(ctx):
    """A study allowing coarse answers, by keyboard alone: a node of the tree given with
    Alt+Enter becomes the chip "domestic cat (any kind)" (again Alt+Enter takes it back, as
    Enter does a leaf); in the search box "dog" offers "dog (any kind)" beside the matches
    while Enter still takes a category, Alt+Enter takes the node, and a second time is
    refused with a word. The judgements store categories + the node's position in
    /api/hierarchy, and the admin report's hierarchy figures match those worked out here
    from the truths."""
    serve_pets(ctx, allow_coarse=True)
    b = ctx.browser
    ctx.join()
    assert b.fetch("/api/me")[1]["allow_coarse"] is True
    answers = node_answers(b)
    assert answers == {"n02075296": 8, CAT: 9, DOG: 10}, answers

    # 1. From the tree: the node over the truth (carnivore for the tennis ball, which has none).
    first = b.wait_item()
    chosen = node_above(ctx.truth(first)) or "n02075296"
    open_tree_by_keyboard(b)
    assert b.js("return document.querySelectorAll('#tree .tree-coarse').length") == 3, "an 'any kind' button on each node"
    for _ in range(3):
        if focused_tree_item(b)[0] == PET_NODE_NAMES[chosen]:
            break
        b.keys(Keys.ARROW_DOWN)
    assert focused_tree_item(b)[0] == PET_NODE_NAMES[chosen], focused_tree_item(b)
    assert b.js("return document.activeElement.getAttribute('aria-keyshortcuts')") == "Alt+Enter"
    label = f"{PET_NODE_NAMES[chosen]} (any kind)"
    b.chord(Keys.ALT, Keys.ENTER)
    b.wait(lambda: chips(b) == [["1", label]], what=f"the chip {label}")
    assert b.js("return document.activeElement.getAttribute('aria-selected')") == "true"
    assert focused_tree_item(b)[0] == PET_NODE_NAMES[chosen], "the focus stays on the node"
    b.chord(Keys.ALT, Keys.ENTER)
    b.wait(lambda: chips(b) == [], what="the node taken back")
    b.chord(Keys.ALT, Keys.ENTER)
    b.wait(lambda: chips(b) == [["1", label]], what=f"the chip {label} again")
    b.screenshot("coarse-tree")
    b.keys(Keys.ESCAPE)
    assert b.js("return document.activeElement.id") == "search"
    b.keys(Keys.ENTER)

    # 2. From the search box: a node that is not over the truth, then a breed.
    second = b.wait_item(other_than=first)
    wrong_node = CAT if node_above(ctx.truth(second)) == DOG else DOG
    query = "house cat" if wrong_node == CAT else "dog"
    label = f"{PET_NODE_NAMES[wrong_node]} (any kind)"
    b.keys(query)
    b.wait(lambda: b.visible("#coarse-offers") and visible_texts(b, "#coarse-offers .coarse-offer")[:1] == [f"{label} Alt Enter"],
           what=f"{label} offered")
    assert f"Alt+Enter takes “{label}”" in b.text("#match-summary"), b.text("#match-summary")
    best = b.js("return document.querySelector('.card.best')?.dataset.index")
    assert best is not None and int(best) < len(datasets.PETS), "Enter's match stays a category"
    b.screenshot("coarse-search")
    b.chord(Keys.ALT, Keys.ENTER)
    b.wait(lambda: chips(b) == [["1", label]], what=f"the chip {label}")
    assert b.js("return document.getElementById('search').value") == "" and not b.visible("#coarse-offers")
    b.keys(query)
    b.wait(lambda: b.visible("#coarse-offers"), what="the offer again")
    b.chord(Keys.ALT, Keys.ENTER)
    b.wait(lambda: "already guess #1" in b.text("#hint"), what="the same node refused")
    assert chips(b) == [["1", label]], chips(b)
    b.keys(Keys.ESCAPE, "beagle", Keys.ENTER)
    b.wait(lambda: [n for _, n in chips(b)] == [label, "beagle"], what="the node, then beagle")
    b.keys(Keys.ENTER)

    # 3. An exact answer, by its digit.
    third = b.wait_item(other_than=second)
    truth = ctx.truth(third)
    b.keys(digit(truth))
    b.wait(lambda: len(chips(b)) == 1, what="a chip")
    b.keys(Keys.ENTER)
    b.wait_item(other_than=third)
    wait_saved(b)

    rows = [(r[0], r[1]) for r in ctx.live()]
    expected = [(first, [answers[chosen]]), (second, [answers[wrong_node], pet_index("beagle")]), (third, [truth])]
    assert rows == expected, rows
    no_csp_violations(b, "coarse answers")
    counts = {"exact": 0, "coarse_correct": 0, "wrong": 0}
    for item, guesses in rows:
        counts[judged_by_hand(guesses[0], ctx.truth(item), answers)] += 1
    assert counts["wrong"] >= 1 and counts["exact"] == 1, counts

    b.go(ctx.server.admin_link)
    b.wait(lambda: b.visible("#join-switch"), what="the question whether to switch")
    b.click("#join-switch")
    b.wait(lambda: b.js("return location.pathname") == "/admin", what="the admin page")
    status, report = b.fetch("/api/admin/report?study=pets&format=json")
    assert status == 200, (status, report)
    figures = report["hierarchy"]
    assert {key: figures[key] for key in counts} == counts, (figures, counts)
    assert figures["judgements"] == 3, figures


def test_no_coarse_answer_without_the_study_setting(ctx):
    """Without allow_coarse nothing of it shows: no "any kind" button on a node, Alt+Enter on
    a node or in the search box gives no guess, no offer beside the matches, and the server
    refuses a node's number."""
    serve_pets(ctx, allow_coarse=False)
    b = ctx.browser
    link = ctx.join()
    assert b.fetch("/api/me")[1]["allow_coarse"] is False
    item = b.wait_item()
    open_tree_by_keyboard(b)
    b.keys(Keys.ARROW_DOWN)
    assert focused_tree_item(b)[0] == "dog", focused_tree_item(b)
    assert b.js("return document.querySelectorAll('#tree .tree-coarse').length") == 0
    assert b.js("return document.activeElement.hasAttribute('aria-selected') || document.activeElement.hasAttribute('aria-keyshortcuts')") is False
    b.chord(Keys.ALT, Keys.ENTER)
    b.next_frames()
    assert chips(b) == [] and focused_tree_item(b)[0] == "dog", (chips(b), focused_tree_item(b))
    assert not b.visible("#coarse-help")
    b.keys(Keys.ESCAPE, "dog")
    b.wait(lambda: "Enter takes" in (b.text("#match-summary") or ""), what="the matches for dog")
    assert not b.visible("#coarse-offers") and "Alt+Enter" not in b.text("#match-summary")
    b.chord(Keys.ALT, Keys.ENTER)
    b.next_frames()
    assert chips(b) == [] and b.js("return document.getElementById('search').value") == "dog"
    try:
        status = post_judgement_elsewhere(ctx.server, link, item, [len(datasets.PETS) + 2])
    except urllib.error.HTTPError as refused:
        status = refused.code
        message = json.loads(refused.read())["error"]
        assert message == f"{len(datasets.PETS) + 2} is not a category (0–{len(datasets.PETS) - 1})", message
    assert status == 422, status


def test_practice_feedback_for_a_coarse_answer(ctx):
    """Practice on the pets with coarse answers allowed: the node over the truth is "Right,
    but coarse" (and not counted right), as guess #2 behind a wrong breed too; a node not
    over the truth is "Not quite"; the running score counts none of them right."""
    practice = [1] * 7 + [0]  # the tennis ball has no node above it
    serve_pets(ctx, allow_coarse=True, practice=practice, practice_count=3)
    b = ctx.browser
    ctx.join()
    answers = node_answers(b)
    query_of = {DOG: "dog", CAT: "domestic cat"}

    def give_node(key):
        b.keys(query_of[key])
        b.wait(lambda: visible_texts(b, "#coarse-offers .coarse-offer")[:1] == [f"{PET_NODE_NAMES[key]} (any kind) Alt Enter"],
               what=f"{PET_NODE_NAMES[key]} offered")
        b.chord(Keys.ALT, Keys.ENTER)

    def verdict():
        b.wait(lambda: b.js("return document.querySelector('#feedback.right, #feedback.wrong, #feedback.coarse') !== null"),
               what="feedback")
        return b.js("return document.getElementById('feedback').className"), b.text("#feedback .verdict")

    first = b.wait_item()
    truth = ctx.truth(first)
    above = node_above(truth)
    give_node(above)
    b.wait(lambda: len(chips(b)) == 1, what="the node's chip")
    b.keys(Keys.ENTER)
    tone, text = verdict()
    assert tone == "feedback coarse", tone
    assert text == f"Right, but coarse. It is a kind of {PET_NODE_NAMES[above]}; only the exact category counts as right.", text
    assert b.text("#feedback .compare-chosen strong") == f"{PET_NODE_NAMES[above]} (any kind)"
    assert b.text("#feedback .compare-truth strong") == datasets.PETS[truth]["name"]
    assert "0 of 1 right (0 %)" in b.text("#feedback .practice-score"), b.text("#feedback .practice-score")
    b.screenshot("coarse-feedback")
    b.keys(Keys.ENTER)

    second = b.wait_item(other_than=first)
    truth2 = ctx.truth(second)
    above2 = node_above(truth2)
    miss = next(i for i in range(len(datasets.PETS)) if i != truth2)
    b.keys(digit(miss))
    b.wait(lambda: len(chips(b)) == 1, what="a wrong breed")
    give_node(above2)
    b.wait(lambda: len(chips(b)) == 2, what="the node as guess #2")
    b.keys(Keys.ENTER)
    tone, text = verdict()
    assert tone == "feedback coarse", tone
    assert text == f"Right, but coarse. Your guess #2: it is a kind of {PET_NODE_NAMES[above2]}; only the exact category counts as right.", text
    b.keys(Keys.ENTER)

    third = b.wait_item(other_than=second)
    truth3 = ctx.truth(third)
    wrong_node = CAT if node_above(truth3) == DOG else DOG
    give_node(wrong_node)
    b.wait(lambda: len(chips(b)) == 1, what="the node's chip")
    b.keys(Keys.ENTER)
    tone, text = verdict()
    assert tone == "feedback wrong" and text == "Not quite.", (tone, text)
    assert b.text("#feedback .compare-chosen strong") == f"{PET_NODE_NAMES[wrong_node]} (any kind)"
    assert "0 of 3 right (0 %)" in b.text("#feedback .practice-score"), b.text("#feedback .practice-score")
    no_csp_violations(b, "coarse practice feedback")
    wait_saved(b)
    assert [(r[0], r[1], r[3]) for r in ctx.live()] == [
        (first, [answers[above]], "practice"), (second, [miss, answers[above2]], "practice"),
        (third, [answers[wrong_node]], "practice")], ctx.live()


ALL = [
    test_join_and_practice,
    test_label_by_keyboard_mouse_and_search,
    test_top5_ordered_guesses,
    test_abstain_then_undo,
    test_submit_survives_server_outage,
    test_exposure_limit_and_pause,
    test_telemetry_counts_a_hidden_tab,
    test_telemetry_measures_the_exposure,
    test_thousand_categories,
    test_thousand_categories_as_a_tree,
    test_picker_models_in_the_page,
    test_hierarchy_and_search_by_keyboard,
    test_compare_tray_by_keyboard,
    test_coarse_answer_by_keyboard,
    test_no_coarse_answer_without_the_study_setting,
    test_practice_feedback_for_a_coarse_answer,
    test_phone_touch,
    test_desktop_columns_do_not_scroll_sideways,
    test_answered_item_never_queued_again,
    test_answered_elsewhere_is_dropped_quietly,
    test_nothing_an_annotator_sees_reveals_order_or_content,
    test_practice_feedback_follows_top_k_rule,
    test_one_guess_rule_said_once,
    test_pixels_are_whole_multiples,
    test_search_box_not_focused_on_touch_screens,
    test_pause_only_while_labelling,
    test_admin_refresh_keeps_report_place,
    test_admin_page_fits_a_phone,
    test_admin_times_are_local_with_utc_on_hover,
    test_admin_flags_fast_answers,
    test_disabled_link_is_explained,
    test_join_link_leaves_no_token_behind,
    test_join_link_problems_are_explained,
    test_join_link_of_another_account_asks_before_switching,
    test_sign_out_by_keyboard,
    test_pages_keep_to_the_content_security_policy,
    test_prolific_participant_declines,
    test_prolific_participant_fails_practice,
    test_prolific_participant_returns_the_study,
    test_prolific_participant_completes_and_resumes,
    test_mturk_preview_then_assignment,
    test_study_link_problems_are_explained,
    test_invite_account_in_a_study_with_a_quota,
    test_admin_creates_edits_and_closes_a_study,
    test_admin_shows_participants_and_their_hourly_pay,
    test_admin_invites_reissues_and_disables,
    test_admin_precision_agrees_with_plan,
    test_admin_precision_box_by_keyboard,
    test_enrolment_page_in_a_frame,
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summarise(values, unit="ms"):
    if not values:
        return "none"
    u = f" {unit}" if unit else ""
    return (f"n={len(values)} median={statistics.median(values):.1f}{u} p90={percentile(values, 0.9):.1f}{u} "
            f"max={max(values):.1f}{u}")
