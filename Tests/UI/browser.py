"""browser.py — one headless Chromium (via /usr/bin/chromedriver) shared by all UI
tests, with the few helpers they need: waiting for a condition, reading page state,
asking the server from inside the page, pressing keys, the console's complaints,
screenshots, phone emulation and blocked sites through the DevTools protocol. MTurk's two
hosts resolve, in this Chromium only, to a local HTTPS port whose self-signed certificate
it alone trusts (see MTurkStandIn), so a check can frame a page from https://www.mturk.com."""

import base64
import hashlib
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service as DriverService
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

DESKTOP = (1280, 860)
MTURK_HOSTS = ("www.mturk.com", "workersandbox.mturk.com")


class MTurkStandIn:
    """A port on 127.0.0.2 and a certificate for MTurk's hosts, made before Chromium starts:
    Chromium maps both hosts to that port (--host-resolver-rules) and trusts that one
    certificate's key (--ignore-certificate-errors-spki-list), nothing else. A test serves
    the port with other_site.OtherSite(..., tls=standin)."""

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="refhuman-mturk-"))
        self.cert, self.key = self.directory / "cert.pem", self.directory / "key.pem"
        names = ",".join(f"DNS:{host}" for host in MTURK_HOSTS)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", str(self.key), "-out", str(self.cert), "-days", "2",
                        "-subj", f"/CN={MTURK_HOSTS[0]}", "-addext", f"subjectAltName={names}"],
                       check=True, capture_output=True, timeout=30)
        public = subprocess.run(["openssl", "x509", "-in", str(self.cert), "-pubkey", "-noout"],
                                check=True, capture_output=True, timeout=30).stdout
        der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"], input=public,
                             check=True, capture_output=True, timeout=30).stdout
        self.spki = base64.b64encode(hashlib.sha256(der).digest()).decode()
        probe = socket.socket()
        probe.bind(("127.0.0.2", 0))
        self.port = probe.getsockname()[1]
        probe.close()

    def flags(self):
        rules = ", ".join(f"MAP {host} 127.0.0.2:{self.port}" for host in MTURK_HOSTS)
        return [f"--host-resolver-rules={rules}", f"--ignore-certificate-errors-spki-list={self.spki}"]


class Browser:
    def __init__(self, artifacts):
        self.artifacts = Path(artifacts)
        self.mturk = MTurkStandIn()
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in (*self.mturk.flags(), "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--disable-extensions", "--no-first-run", "--hide-scrollbars", "--mute-audio",
                     f"--window-size={DESKTOP[0]},{DESKTOP[1]}", "--force-device-scale-factor=1"):
            options.add_argument(flag)
        # Keep the console: Chromium reports a Content-Security-Policy violation there.
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=DriverService("/usr/bin/chromedriver"), options=options)
        self.driver.set_script_timeout(30)

    def quit(self):
        self.driver.quit()
        shutil.rmtree(self.mturk.directory, ignore_errors=True)

    # ---- page state ----------------------------------------------------------------

    def go(self, url):
        self.driver.get(url)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def finds(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self, css):
        return self.js("const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;", css)

    def visible(self, css):
        return self.js("""const e = document.querySelector(arguments[0]);
            return !!e && !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
                   && getComputedStyle(e).visibility !== 'hidden';""", css)

    def fetch(self, path, method="GET"):
        """[status, parsed JSON body or None] of a request made by the page itself, so with
        its cookies, as the page's own scripts would send it."""
        return self.driver.execute_async_script("""const [path, method, done] = arguments;
            fetch(path, {method, credentials: 'same-origin', headers: {Accept: 'application/json'}})
              .then(async (r) => { const t = await r.text(); let b = null; try { b = JSON.parse(t); } catch {} done([r.status, b]); })
              .catch((e) => done([0, String(e)]));""", path, method)

    def cookie(self, name):
        """A cookie of the current page's host (HttpOnly ones too), or None."""
        found = self.driver.get_cookie(name)
        return found["value"] if found else None

    def wait(self, condition, timeout=10, what="condition"):
        """Polls `condition()` until it is truthy; returns its value or raises."""
        deadline = time.monotonic() + timeout
        last_error = None
        while time.monotonic() < deadline:
            try:
                value = condition()
                if value:
                    return value
            except (StaleElementReferenceException, WebDriverException) as error:
                last_error = error
            time.sleep(0.05)
        raise AssertionError(f"timed out after {timeout} s waiting for {what}" + (f" ({last_error})" if last_error else ""))

    def next_frames(self):
        """Returns once the page has painted twice more: key events sent before this call have
        been handled and their effect drawn, so a check that a key did nothing can follow
        without waiting an arbitrary time."""
        self.driver.execute_async_script(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));")

    def item_id(self):
        """The item on screen (its handle in the study, as /api/next gave it), once its image has
        been painted and answering is on."""
        return self.js("""const s = window.refhumanSession;
            return s && s.mode === 'answer' && s.current && s.current.onset ? s.current.item.item_id : null;""")

    def wait_item(self, other_than=None, timeout=10):
        return self.wait(lambda: (lambda i: i if i is not None and i != other_than else None)(self.item_id()),
                         timeout, f"an item other than {other_than}")

    def metrics(self):
        return self.js("return JSON.parse(JSON.stringify(window.refhumanMetrics || {}));")

    # ---- input -----------------------------------------------------------------------

    def keys(self, *keys):
        """Types into whatever has focus, as a person at a keyboard would."""
        ActionChains(self.driver).send_keys(*keys).perform()

    def chord(self, modifier, key):
        ActionChains(self.driver).key_down(modifier).send_keys(key).key_up(modifier).perform()

    def click(self, css):
        """A mouse click; the element is first scrolled to the middle of the window, as a
        person would, so the sticky header and search bar never cover it."""
        element = self.find(css)
        self.js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element)
        element.click()

    def focused(self):
        return self.js("const a = document.activeElement; return a ? (a.id || a.className || a.tagName) : null;")

    def tab_to(self, element_id, backwards=False, limit=40):
        """Presses Tab (Shift+Tab backwards) until the element with `element_id` has the
        focus, as someone without a mouse would; fails if it never gets there."""
        for _ in range(limit):
            if self.js("return document.activeElement?.id") == element_id:
                return
            if backwards:
                self.chord(Keys.SHIFT, Keys.TAB)
            else:
                self.keys(Keys.TAB)
        raise AssertionError(f"#{element_id} is not reachable with {'Shift+' if backwards else ''}Tab "
                             f"(focus ended on {self.focused()})")

    # ---- console -------------------------------------------------------------------

    def console(self):
        """The console entries logged since the last call (each call empties the log)."""
        return self.driver.get_log("browser")

    def csp_violations(self):
        """Console entries since the last call that report a Content-Security-Policy violation."""
        return [entry["message"] for entry in self.console()
                if entry["level"] == "SEVERE" and "Content Security Policy" in entry["message"]]

    # ---- screens -------------------------------------------------------------------

    def screenshot(self, name):
        self.artifacts.mkdir(parents=True, exist_ok=True)
        path = self.artifacts / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def phone(self, width=390, height=844, pixel_ratio=2):
        """A touch phone: small viewport, device pixel ratio 2 (or as given), touch events on."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": height, "deviceScaleFactor": pixel_ratio, "mobile": True})
        self.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})

    def desktop(self):
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        self.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})

    def time_zone(self, zone):
        """The page's local time zone (an IANA name); "" goes back to the machine's own."""
        self.driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": zone})

    def tap(self, css):
        """A finger tap at the element's centre (pointerType 'touch')."""
        element = self.find(css)
        self.js("arguments[0].scrollIntoView({block: 'center'});", element)
        box = self.js("const r = arguments[0].getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];", element)
        point = [{"x": box[0], "y": box[1]}]
        self.driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point})
        self.driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    def block(self, *patterns):
        """Refuses requests to URLs matching `patterns` ("*://app.prolific.com/*"): a link to a
        site this machine cannot reach then fails at once, and current_url still names where it
        went. block() with none lifts the block."""
        if patterns:
            self.driver.execute_cdp_cmd("Network.enable", {})
            self.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": list(patterns)})
        else:
            self.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
            self.driver.execute_cdp_cmd("Network.disable", {})

    def reset(self):
        """Forgets cookies and storage between tests (each test uses its own port, but
        cookies are per host, not per port)."""
        self.desktop()
        self.time_zone("")
        self.block()
        self.driver.get("about:blank")
        # delete_all_cookies only reaches the current page's domain, and about:blank has
        # none: the previous test's session cookie for 127.0.0.1 would survive it.
        self.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        self.console()  # the previous test's console messages are not this test's


Keys = Keys
