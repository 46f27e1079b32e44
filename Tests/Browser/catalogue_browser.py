#!/usr/bin/env python3
"""Drives headless Chromium (Debian's `chromium`) through the catalogue as a
person would: open the home page, type a part number into the search box,
press Enter, click the device in the results, and read its flash algorithm.
Then the chip vendor's page from the device page, those pages and others at
phone width (360 px: nothing may scroll sideways), and the search page from
file://.

Talks to Chromium with the DevTools protocol over --remote-debugging-pipe
(NUL-separated JSON on file descriptors 3 and 4), so it needs only Python's
standard library and the browser binary. Screenshots go to --shots.

    catalogue_browser.py --base http://127.0.0.1:PORT/ --site DIR --shots DIR \
        --query STM32F407 --device STM32F407VGTx --algorithm STM32F4xx_1024.FLM

Prints one line per step and a final `RESULT ok` (exit 0) or `RESULT failed`
with the reason (exit 1).
"""

import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time


class Browser:
    def __init__(self, binary, profile):
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def wire():  # runs in the child: the protocol wants fds 3 (in) and 4 (out)
            # Copies first, so that neither end is overwritten if it already is fd 3 or 4.
            reading, writing = os.dup(to_browser_read), os.dup(from_browser_write)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             "--disable-background-networking", "--disable-sync", "--disable-component-update",
             "--user-data-dir=" + profile, "--remote-debugging-pipe", "--window-size=1280,900",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # close_fds would close 3 and 4 again after wire() has set them up.
            preexec_fn=wire, close_fds=False)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self._events = []
        self.session = None

    def close(self):
        try:
            self.send("Browser.close", session=False, wait=False)
        except OSError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe (exit status %s)" % self.process.poll())
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=True, wait=True, timeout=30):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        if not wait:
            return None
        deadline = time.time() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self._events.append(reply)

    def wait_for(self, event, timeout=30):
        deadline = time.time() + timeout
        while True:
            for index, message in enumerate(self._events):
                if message.get("method") == event:
                    del self._events[:index + 1]
                    return message
            self._events.append(self._read_message(deadline))

    def open_tab(self):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")

    def navigate(self, url):
        self._events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError("page script failed: %s" % result["exceptionDetails"].get("text"))
        return result["result"].get("value")

    def screenshot(self, path, full_page=False):
        params = {"format": "png", "captureBeyondViewport": False}
        if full_page:
            # The whole page (at most 6000 px high), as a person scrolling it would see it.
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params.update({"captureBeyondViewport": True,
                           "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 6000), "scale": 1}})
        data = self.send("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))
        print("screenshot", path, flush=True)

    def click(self, selector_expression):
        box = self.evaluate("(function(){var e=%s; if(!e) return null; e.scrollIntoView({block:'center'});"
                            "var r=e.getBoundingClientRect(); return [r.left+r.width/2, r.top+r.height/2];})()"
                            % selector_expression)
        if not box:
            return False
        self._events.clear()
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1})
        self.wait_for("Page.loadEventFired")
        return True

    def press_enter(self):
        self._events.clear()
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
            if kind == "keyDown":
                params["text"] = "\r"
            self.send("Input.dispatchKeyEvent", params)
        self.wait_for("Page.loadEventFired")


# Boxes wider than the space they have: a scrolling box whose content overflows, or any box whose right edge is off the screen.
SIDEWAYS_SCROLLERS = """(function () {
  var found = [];
  document.querySelectorAll('body *').forEach(function (e) {
    var style = getComputedStyle(e);
    var scrolls = (style.overflowX === 'auto' || style.overflowX === 'scroll') && e.scrollWidth > e.clientWidth + 1;
    // (A table's header row is kept for screen readers, clipped to nothing, at phone width.)
    var outside = e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('thead');
    if (scrolls || outside) { found.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + e.scrollWidth + '/' + e.clientWidth); }
  });
  return found.slice(0, 8);
})()"""


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok:", message, flush=True)


def run(args):
    os.makedirs(args.shots, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="cpm-chromium-")
    browser = Browser(args.chromium, profile)
    try:
        browser.open_tab()
        base = args.base.rstrip("/") + "/"

        browser.navigate(base + "index.html")
        check("catalogue" in (browser.evaluate("document.title") or "").lower() or browser.evaluate("document.querySelectorAll('h1').length") > 0,
              "the home page loads from the server")
        browser.screenshot(os.path.join(args.shots, "home.png"))

        browser.evaluate("document.getElementById('home-search').focus()")
        browser.send("Input.insertText", {"text": args.query})
        browser.press_enter()
        location = browser.evaluate("location.href")
        check("search.html?q=" + args.query in location, "typing %s and Enter opens %s" % (args.query, location))
        count = browser.evaluate("document.querySelectorAll('#search-results a.result').length")
        check(count > 0, "the search finds %d results" % count)
        browser.screenshot(os.path.join(args.shots, "search.png"))

        target = json.dumps(args.device)
        clicked = browser.click("Array.from(document.querySelectorAll('#search-results a.result.device')).find(function(a){return a.textContent===%s;})" % target)
        check(clicked, "the results list device %s, and clicking it opens a page" % args.device)
        location = browser.evaluate("location.href")
        check("/devices/" in location and browser.evaluate("document.querySelector('h1').textContent") == args.device,
              "the device page of %s is open (%s)" % (args.device, location))
        algorithms = browser.evaluate("Array.from(document.querySelectorAll('#flash code.algorithm')).map(function(e){return e.textContent;})")
        check(any(name.endswith(args.algorithm) for name in algorithms), "its flash algorithms include %s: %s" % (args.algorithm, ", ".join(algorithms)))
        browser.screenshot(os.path.join(args.shots, "device.png"))

        device_page = location
        clicked = browser.click("document.querySelector('dl.facts a[href*=\"device-vendors/\"]')")
        check(clicked and "/device-vendors/" in browser.evaluate("location.href"), "the device's vendor links to the chip vendor's page")
        listed = browser.evaluate("Array.from(document.querySelectorAll('main a[href*=\"devices/\"]')).map(function(a){return a.textContent;})")
        check(args.device in listed, "the chip vendor's page lists %s among %d devices" % (args.device, len(listed)))
        browser.screenshot(os.path.join(args.shots, "device-vendor.png"))
        vendor_page = browser.evaluate("location.href")

        # At phone width nothing scrolls sideways: not the page, and no table or other box inside it.
        width = args.phone_width
        browser.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": True})
        pages = [("device-phone", device_page), ("device-vendor-phone", vendor_page), ("home-phone", base + "index.html")]
        pages += [(re.sub(r"[^A-Za-z0-9._-]+", "-", page.replace(".html", "")) + "-phone", base + page) for page in args.phone_pages]
        for name, url in pages:
            browser.navigate(url)
            overflow = browser.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            check(overflow <= 1, "at phone width (%d px) %s does not scroll sideways (overflow %s px)" % (width, name, overflow))
            scrolling = browser.evaluate(SIDEWAYS_SCROLLERS)
            check(not scrolling, "at phone width (%d px) nothing inside %s scrolls sideways: %s" % (width, name, scrolling))
            browser.screenshot(os.path.join(args.shots, name + ".png"), full_page=True)
        browser.send("Emulation.clearDeviceMetricsOverride")

        if args.site:
            local = "file://" + os.path.abspath(os.path.join(args.site, "search.html")) + "?q=" + args.query
            browser.navigate(local)
            count = browser.evaluate("document.querySelectorAll('#search-results a.result').length")
            check(count > 0, "from file:// the search works too (%d results)" % count)
        return True
    finally:
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True, help="the catalogue's URL on the web server")
    parser.add_argument("--site", help="the catalogue's folder, to try it from file:// as well")
    parser.add_argument("--shots", required=True, help="folder for the screenshots")
    parser.add_argument("--query", default="STM32F407")
    parser.add_argument("--device", default="STM32F407VGTx")
    parser.add_argument("--algorithm", default="STM32F4xx_1024.FLM")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--phone-width", type=int, default=360, help="the narrowest phone width every page must fit")
    parser.add_argument("--phone-page", dest="phone_pages", action="append", default=[],
                        help="another page (relative to --base) to check at phone width; repeatable")
    args = parser.parse_args()
    if not os.path.exists(args.chromium):
        print("RESULT failed chromium is missing: install it with 'apt-get install chromium'")
        return 1
    try:
        run(args)
    except Exception as error:  # report any failure as the test's reason
        print("RESULT failed %s: %s" % (type(error).__name__, error), flush=True)
        return 1
    print("RESULT ok", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
