"""Shared helpers for mlcert's browser tests: starting headless Chromium at a desktop or phone size, waiting for
pages, and failing with a message that names the step, the URL and the start of the page's text.

Every script in this folder is run by BrowserFlowTests.swift as `python3 SCRIPT BASE_URL` against a fresh server.
"""
import os
import re
import shutil
import sys

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

WAIT = float(os.environ.get("MLCERT_BROWSER_WAIT", "60"))


class FlowFailure(Exception):
    pass


def find_binary(names, env):
    if os.environ.get(env):
        return os.environ[env]
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    raise FlowFailure(f"none of {names} is installed (set {env} to point at it)")


# The two sizes the walkthrough used: a desktop window, and a phone (mobile emulation: width, pixel ratio, touch).
SIZES = {
    "desktop": {"window": (1366, 900), "mobile": None},
    "phone": {"window": (390, 844), "mobile": {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0, "touch": True}}},
}


def make_driver(size="phone", javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = find_binary(["chromium", "chromium-browser", "google-chrome"], "MLCERT_CHROMIUM")
    spec = SIZES.get(size) or {"window": (412, 915), "mobile": None}
    width, height = spec["window"]
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}"]:
        options.add_argument(arg)
    if spec["mobile"]:
        options.add_experimental_option("mobileEmulation", spec["mobile"])
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = Service(executable_path=find_binary(["chromedriver"], "MLCERT_CHROMEDRIVER"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(WAIT * 2)
    return driver


class Browser:
    def __init__(self, base, driver, size=""):
        self.base = base.rstrip("/")
        self.d = driver
        self.size = size
        self.step = "start"

    # Helpers -------------------------------------------------------------------------------------------------

    def check(self, condition, message):
        if not condition:
            text = ""
            try:
                text = self.d.find_element(By.TAG_NAME, "body").text[:800]
            except WebDriverException:
                pass
            raise FlowFailure(f"[{self.step}{' at ' + self.size if self.size else ''}] {message}\n  at {self.d.current_url}\n  page text: {text!r}")

    def wait_for(self, condition, message, timeout=WAIT):
        try:
            return WebDriverWait(self.d, timeout, poll_frequency=0.25).until(condition)
        except TimeoutException:
            self.check(False, f"timed out after {timeout:.0f} s waiting for {message}")

    @staticmethod
    def replaced(element):
        """A wait condition: `element`'s document has been replaced. Chromium reports a node of an old document
        either as stale or as not belonging to the document; both mean the navigation happened."""
        def check(_driver):
            try:
                element.tag_name
                return False
            except StaleElementReferenceException:
                return True
            except WebDriverException as error:
                if "does not belong to the document" in str(error):
                    return True
                raise
        return check

    def settle(self):
        """Waits until the current document has finished loading, so no element read below belongs to a page that
        is about to be replaced."""
        self.wait_for(lambda d: d.execute_script("return document.readyState") == "complete", "the page to finish loading")

    def open(self, path):
        self.d.get(self.base + path)
        self.wait_for(EC.presence_of_element_located((By.TAG_NAME, "main")), f"the page {path}")
        self.settle()

    def navigate_by_key(self, key, what):
        """Presses a shortcut that loads another page, and waits for that page to be complete."""
        old = self.d.find_element(By.TAG_NAME, "html")
        self.d.find_element(By.TAG_NAME, "body").send_keys(key)
        self.wait_for(self.replaced(old), what)
        self.wait_for(EC.presence_of_element_located((By.TAG_NAME, "main")), what)
        self.settle()

    def click_and_wait(self, element, what):
        """Clicks a link or button that loads another page, and waits for that page to be complete."""
        old = self.d.find_element(By.TAG_NAME, "html")
        element.click()
        self.wait_for(self.replaced(old), what)
        self.wait_for(EC.presence_of_element_located((By.TAG_NAME, "main")), what)
        self.settle()

    def h1(self):
        return self.wait_for(EC.presence_of_element_located((By.TAG_NAME, "h1")), "a heading").text

    def submit_and_wait(self, button, expect_url_part=None):
        """Clicks a submit button and waits for the next page to replace this one."""
        old = self.d.find_element(By.TAG_NAME, "html")
        button.click()
        self.wait_for(self.replaced(old), "the next page after submitting")
        self.wait_for(EC.presence_of_element_located((By.TAG_NAME, "main")), "the next page's main content")
        self.settle()
        if expect_url_part:
            self.check(expect_url_part in self.d.current_url, f"expected to land on a URL containing {expect_url_part!r}")

    def button(self, text, scope=None):
        root = scope or self.d
        for b in root.find_elements(By.CSS_SELECTOR, "button, a.button"):
            if b.text.strip() == text:
                return b
        self.check(False, f"no button labelled {text!r}")

    def check_accessible_form(self):
        """Every visible input has a label, and every POST form carries the CSRF field."""
        for field in self.d.find_elements(By.CSS_SELECTOR, "input:not([type=hidden]), select"):
            fid = field.get_attribute("id")
            labelled = field.find_elements(By.XPATH, "ancestor::label") or (fid and self.d.find_elements(By.CSS_SELECTOR, f"label[for='{fid}']"))
            self.check(bool(labelled), f"input {field.get_attribute('name')!r} has no label")
        for form in self.d.find_elements(By.CSS_SELECTOR, "form[method=post]"):
            self.check(len(form.find_elements(By.CSS_SELECTOR, "input[type=hidden][name=csrf]")) == 1,
                       f"form posting to {form.get_attribute('action')} has no CSRF field")

    def choices_needed(self):
        """How many options the question on screen asks for ("Choose one answer." or "Choose 2 answers.")."""
        legend = self.d.find_element(By.CSS_SELECTOR, "#answer-form legend").text
        words = {"one": 1, "two": 2, "three": 3, "four": 4}
        match = re.search(r"Choose (\d+|one|two|three|four)", legend)
        if not match:
            return 1
        return int(match.group(1)) if match.group(1).isdigit() else words[match.group(1)]

def register(browser, name="Browser Tester"):
    """Creates a fresh account through the form and leaves `browser` signed in."""
    import uuid
    browser.open("/register")
    browser.d.find_element(By.ID, "f-name").send_keys(name)
    browser.d.find_element(By.ID, "f-email").send_keys(f"check-{uuid.uuid4().hex[:12]}@example.com")
    browser.d.find_element(By.ID, "f-password").send_keys("correct horse battery staple")
    browser.submit_and_wait(browser.button("Create account"))
    browser.check(browser.d.find_elements(By.XPATH, "//button[normalize-space()='Log out']"), "not signed in after registering")


def only():
    """Check names given after the base URL (`SCRIPT BASE_URL check ...`): run just those, to see one check fail on
    its own against a server without the fix. None given means every check."""
    return set(sys.argv[2:])


def run_main(run):
    """Runs `run(base_url)` and turns failures into a message and exit status 1."""
    if len(sys.argv) < 2:
        print(f"usage: {sys.argv[0]} BASE_URL [CHECK ...]", file=sys.stderr)
        return 2
    try:
        run(sys.argv[1])
        return 0
    except FlowFailure as failure:
        print(f"FAIL {failure}", file=sys.stderr)
        return 1
    except WebDriverException as error:
        print(f"FAIL browser error: {error}", file=sys.stderr)
        return 1
