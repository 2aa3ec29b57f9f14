#!/usr/bin/env python3
"""Drives mlcert's web app in real headless Chromium: register, advise, plan, drill, mock exam, results, progress.

Usage: flow.py BASE_URL

Every step asserts what a learner would see; the first failed assertion ends the run with a non-zero exit and a
message naming the step, the page's URL and the start of its text. Waits are explicit and generous, because the
machines that run this are slow and shared.
"""
import sys
import time
import urllib.request
import uuid

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from browser import WAIT, Browser, FlowFailure, make_driver


class Flow(Browser):
    # Steps ---------------------------------------------------------------------------------------------------

    def register(self):
        self.step = "register"
        self.open("/register")
        self.check_accessible_form()
        email = f"flow-{uuid.uuid4().hex[:12]}@example.com"
        self.d.find_element(By.ID, "f-name").send_keys("Flow Tester")
        self.d.find_element(By.ID, "f-email").send_keys(email)
        self.d.find_element(By.ID, "f-password").send_keys("correct horse battery staple")
        self.submit_and_wait(self.button("Create account"))
        self.check(self.d.find_elements(By.XPATH, "//button[normalize-space()='Log out']"), "not signed in after registering")
        self.check("Flow Tester" in self.d.find_element(By.CSS_SELECTOR, "header .who").get_attribute("textContent"), "the header does not name the new learner")

    def advise(self):
        self.step = "advise"
        self.open("/advise")
        self.check_accessible_form()
        self.d.find_element(By.CSS_SELECTOR, "input[name=cloud][value=gcp]").click()
        self.d.find_element(By.CSS_SELECTOR, "input[name=employer_reimburses][value=yes]").click()
        self.submit_and_wait(self.button("Get my verdict"), "/advice")
        text = self.d.find_element(By.TAG_NAME, "main").text
        for part in ["Reasons for", "Reasons against", "Preparation and cost", "Next steps"]:
            self.check(part in text, f"the verdict page lacks {part!r}")
        self.check(self.d.find_elements(By.CSS_SELECTOR, "main ul li"), "the verdict lists no reasons")

    def plan(self):
        self.step = "plan"
        self.open("/plan")
        self.check_accessible_form()
        select = Select(self.d.find_element(By.ID, "f-credential"))
        self.check(len(select.options) > 0, "the plan form offers no credential")
        self.credential = select.first_selected_option.get_attribute("value")
        hours = self.d.find_element(By.ID, "f-hours")
        hours.clear()
        hours.send_keys("10")
        boxes = self.d.find_elements(By.CSS_SELECTOR, "input[name=weak]")
        if boxes:
            boxes[0].click()
        self.submit_and_wait(self.button("Make my plan"), "/plan/result")
        self.check(self.h1().startswith("Study plan for"), "the plan page has no plan heading")
        rows = self.d.find_elements(By.CSS_SELECTOR, "table tbody tr")
        self.check(len(rows) >= 2, "the plan has no weeks")
        link = self.d.find_element(By.PARTIAL_LINK_TEXT, "Download the calendar")
        with urllib.request.urlopen(link.get_attribute("href"), timeout=WAIT) as response:
            body = response.read().decode("utf-8")
            self.check(response.headers.get("Content-Type", "").startswith("text/calendar"), "the calendar is not served as text/calendar")
        self.check(body.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in body, "the calendar download is not an iCalendar file with events")

    def drill(self):
        self.step = "drill"
        self.open(f"/practice?credential={self.credential}")
        self.check_accessible_form()
        count = self.d.find_element(By.ID, "f-count")
        count.clear()
        count.send_keys("2")
        self.submit_and_wait(self.button("Start a drill"), "/sessions/")
        for number in range(1, 3):
            self.check("Drill" in self.d.find_element(By.TAG_NAME, "main").text, "not on a drill question")
            choices = self.d.find_elements(By.CSS_SELECTOR, "#answer-form input[name=choice]")
            self.check(len(choices) >= 2, "the question has fewer than two options")
            needed = self.choices_needed()
            for label in self.d.find_elements(By.CSS_SELECTOR, "#answer-form label.choice")[:needed]:
                label.click()
            self.submit_and_wait(self.button("Check my answer"), "/feedback")
            status = self.d.find_element(By.CSS_SELECTOR, "main .notice").text
            self.check(status.startswith("Correct.") or status.startswith("Not quite"), "no verdict after the answer")
            options = self.d.find_elements(By.CSS_SELECTOR, ".options-review li")
            self.check(len(options) == len(choices), "the feedback does not explain every option")
            self.check(all(o.find_elements(By.CSS_SELECTOR, "p.muted") for o in options), "an option has no rationale")
            self.check("Explanation" in self.d.find_element(By.TAG_NAME, "main").text, "the feedback has no explanation")
            if number < 2:
                self.submit_and_wait(self.button("Next question"), "/sessions/")
            else:
                self.submit_and_wait(self.button("See the results"), "/results")
        self.check("Drill results" in self.h1(), "the drill did not end on its results")

    def exam(self):
        self.step = "mock exam"
        self.open(f"/practice?credential={self.credential}")
        minutes = self.d.find_element(By.ID, "f-minutes")
        minutes.send_keys("1")
        self.submit_and_wait(self.button("Start a mock exam"), "/sessions/")
        timer = self.wait_for(EC.presence_of_element_located((By.ID, "timer")), "the exam timer")
        remaining = int(timer.get_attribute("data-remaining-seconds"))
        self.check(0 < remaining <= 60, f"the timer starts at {remaining} s for a one-minute exam")
        self.check(len(self.d.find_elements(By.CSS_SELECTOR, ".grid .cell")) >= 2, "the review grid is missing")
        # Keyboard: 1 chooses the first option, N saves it and moves on, F flags the question now on screen.
        first_url = self.d.current_url
        needed = self.choices_needed()
        for key in "123456789"[:needed]:
            self.d.find_element(By.TAG_NAME, "body").send_keys(key)
        options = self.d.find_elements(By.CSS_SELECTOR, "#answer-form input[name=choice]")
        self.check(all(o.is_selected() for o in options[:needed]), f"keys 1-{needed} did not choose the first {needed} options")
        self.navigate_by_key("n", "the next question after N")
        self.check(self.d.current_url != first_url and "q=2" in self.d.current_url, "N did not move to question 2")
        cells = self.d.find_elements(By.CSS_SELECTOR, ".grid .cell")
        self.check("answered" in (cells[0].get_attribute("class") or ""), "question 1 is not marked answered in the grid after N")
        self.navigate_by_key("f", "the page after F")
        cells = self.d.find_elements(By.CSS_SELECTOR, ".grid .cell")
        self.check("flagged" in (cells[1].get_attribute("aria-label") or ""), "F did not flag question 2")
        # Then leave the clock to run out: the page submits the exam itself at zero.
        self.wait_for(EC.url_contains("/results"), "the timer to submit the exam at zero", timeout=WAIT + 90)
        self.wait_for(EC.presence_of_element_located((By.TAG_NAME, "h1")), "the results heading")
        self.settle()
        self.step = "results"
        text = self.d.find_element(By.TAG_NAME, "main").text
        self.check("Mock exam results" in self.h1(), "the exam did not end on its results")
        self.check("time ran out" in text, "the results do not say the time ran out")
        self.check("Review your answers" in text and self.d.find_elements(By.CSS_SELECTOR, ".options-review li.correct"),
                   "the results do not show the keys after the exam")
        self.check(self.d.find_elements(By.CSS_SELECTOR, "svg[role=img]"), "the results have no domain chart")

    def progress(self):
        self.step = "progress"
        self.open(f"/progress?credential={self.credential}")
        charts = self.d.find_elements(By.CSS_SELECTOR, "svg[role=img]")
        self.check(len(charts) == 3, f"expected three charts on the dashboard, found {len(charts)}")
        for chart in charts:
            desc = chart.find_element(By.TAG_NAME, "desc").get_attribute("textContent")
            self.check(len(desc) > 20, "a chart has no description of its numbers")
        points = self.d.find_elements(By.CSS_SELECTOR, "#timeline circle.point")
        self.check(len(points) >= 2, "readiness over time does not show the drill and the exam")
        self.check(self.d.find_elements(By.CSS_SELECTOR, "#pace rect.bar"), "the pace chart has no bars")
        self.check("chance of passing" in self.d.find_element(By.TAG_NAME, "main").text, "no readiness verdict on the dashboard")

    def run(self):
        started = time.time()
        for step in [self.register, self.advise, self.plan, self.drill, self.exam, self.progress]:
            t = time.time()
            step()
            print(f"ok  {self.step:<10} {time.time() - t:6.1f} s", flush=True)
        print(f"browser flow passed in {time.time() - started:.1f} s", flush=True)


def main():
    if len(sys.argv) != 2:
        print("usage: flow.py BASE_URL", file=sys.stderr)
        return 2
    driver = None
    flow = None
    try:
        driver = make_driver()
        flow = Flow(sys.argv[1], driver)
        flow.run()
        return 0
    except FlowFailure as failure:
        print(f"FAIL {failure}", file=sys.stderr)
        return 1
    except WebDriverException as error:
        step = flow.step if flow else "starting the browser"
        try:
            url = driver.current_url if driver else ""
        except WebDriverException:
            url = "(unknown)"
        print(f"FAIL [{step}] browser error at {url}: {error}", file=sys.stderr)
        return 1
    finally:
        if driver is not None:
            driver.quit()


if __name__ == "__main__":
    sys.exit(main())
