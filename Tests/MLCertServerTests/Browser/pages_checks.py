#!/usr/bin/env python3
"""Browser checks of the learner's pages after issue 17, at desktop and phone sizes (the walkthrough's problems 3-10,
15-18): the results review, drill feedback, readiness in plain words, the exam date, charts on a phone, the advisor
and the plan telling one story, the credential choice, error pages, problem reports, and the small polish items.

Usage: pages_checks.py BASE_URL
Set MLCERT_SCREENSHOT_DIR to also save screenshots of the exam, results, progress and plan pages.
"""
import os
import re
import sys
import urllib.request
from datetime import date, timedelta

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser import only, WAIT, Browser, make_driver, register, run_main

CREDENTIAL = "aws-mla-c01"
# A command-line instruction, which a web page must never give.
COMMAND = re.compile(r"mlcert (practice|exam|plan|review|advise|diagnose|progress)\b|--cert\b")


class PageChecks(Browser):
    # Helpers -----------------------------------------------------------------------------------------------------

    def main_text(self):
        return self.d.find_element(By.TAG_NAME, "main").text

    def shot(self, name):
        folder = os.environ.get("MLCERT_SCREENSHOT_DIR")
        if not folder:
            return
        os.makedirs(folder, exist_ok=True)
        if self.size == "desktop":
            # The whole page in one picture, in CSS pixels (Chromium's own full-page capture).
            import base64
            size = self.d.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
            shot = self.d.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 8000), "scale": 1}})
            with open(os.path.join(folder, f"{name}_{self.size}.png"), "wb") as out:
                out.write(base64.b64decode(shot["data"]))
            return
        # A phone: one picture per screen, scrolling down the page, as a learner sees it.
        height = self.d.execute_script("return window.innerHeight")
        total = self.d.execute_script("return document.documentElement.scrollHeight")
        for n in range(min(8, (total + height - 1) // height)):
            self.d.execute_script("window.scrollTo(0, arguments[0])", n * height)
            self.d.save_screenshot(os.path.join(folder, f"{name}_{self.size}_{n + 1}.png"))
        self.d.execute_script("window.scrollTo(0, 0)")

    def no_sideways_scroll(self, what):
        overflow = self.d.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        self.check(overflow <= 0, f"{what} scrolls sideways by {overflow} px")

    def chart_text_sizes(self):
        return self.d.execute_script("""
            return [...document.querySelectorAll('svg.chart text')].filter(t => t.textContent.trim())
                .map(t => t.getBoundingClientRect().height);""")

    def answer_current(self, correct_guess=0):
        needed = self.choices_needed()
        labels = self.d.find_elements(By.CSS_SELECTOR, "#answer-form label.choice")
        for label in labels[correct_guess:correct_guess + needed]:
            label.click()

    # Checks ------------------------------------------------------------------------------------------------------

    def drill_feedback_and_report(self):
        """Problems 9 and 15: feedback opens at the verdict with its reason; Enter moves on; a problem can be
        reported and is acknowledged."""
        self.step = "drill feedback"
        self.open(f"/practice?credential={CREDENTIAL}")
        count = self.d.find_element(By.ID, "f-count")
        count.clear()
        count.send_keys("3")
        self.submit_and_wait(self.button("Start a drill"), "/sessions/")
        self.check("AWS Certified Machine Learning Engineer" in self.main_text(), "the drill question does not name the exam")
        self.answer_current()
        self.submit_and_wait(self.button("Check my answer"), "/feedback")
        self.check(self.d.execute_script("return window.scrollY") == 0, "the feedback page did not open at the top")
        verdict = self.d.find_element(By.ID, "verdict")
        top = verdict.rect["y"]
        self.check(0 <= top < self.d.execute_script("return window.innerHeight") - 60, f"the verdict is off screen (at {top} px)")
        self.check(len(verdict.find_elements(By.CSS_SELECTOR, ".verdict-reason")) >= 1, "the verdict does not give the reason for the learner's choice")
        self.shot("feedback")
        # Report a problem with this question.
        self.click_and_wait(self.d.find_element(By.LINK_TEXT, "Report a problem with this question"), "the report form")
        self.d.find_element(By.CSS_SELECTOR, "input[name=kind][value=unclear]").click()
        self.d.find_element(By.ID, "f-comment").send_keys("Option B could also be read as correct.")
        self.submit_and_wait(self.button("Send the report"))
        text = self.main_text()
        self.check("is received" in text and "The question is unclear: received" in text, "the report was not acknowledged as received")
        self.click_and_wait(self.d.find_element(By.PARTIAL_LINK_TEXT, "Back to the feedback"), "the feedback again")
        # Enter goes on to the next question.
        self.navigate_by_key("\ue007", "the next question after Enter")
        self.check("/feedback" not in self.d.current_url and "/sessions/" in self.d.current_url, "Enter did not move to the next question")

    def exam_and_results(self):
        """Problems 3 and 4: a drill during an open exam shows none of its questions; the results lead with the
        verdict and counts, and the review is filterable, indexed, paged and collapsed."""
        self.step = "exam integrity"
        self.open(f"/practice?credential={CREDENTIAL}")
        self.submit_and_wait(self.button("Start a mock exam"), "/sessions/")
        exam = self.d.current_url.split("/sessions/")[1].split("?")[0]
        self.shot("exam")
        self.no_sideways_scroll("the exam page")
        # Answer three questions (two of them the first option), flag one, leave the rest.
        for number in (1, 2, 3):
            self.open(f"/sessions/{exam}?q={number}")
            self.answer_current()
            if number == 2:
                self.click_and_wait(self.d.find_element(By.ID, "flag-button"), "the flagged question")
            else:
                self.click_and_wait(self.d.find_element(By.CSS_SELECTOR, "#answer-form button[value=next]"), "the next question")
        # A drill started now never contains a question of the open exam (checked by item id through the JSON API).
        self.open(f"/practice?credential={CREDENTIAL}")
        count = self.d.find_element(By.ID, "f-count")
        count.clear()
        count.send_keys("100")
        self.submit_and_wait(self.button("Start a drill"), "/sessions/")
        drill = self.d.current_url.split("/sessions/")[1].split("?")[0]
        overlap = self.d.execute_async_script("""
            const [exam, drill, done] = arguments;
            const ids = async (id) => {
                const first = await (await fetch(`/api/v1/sessions/${id}`, {credentials: 'same-origin'})).json();
                const total = first.session.questions;
                const out = [];
                for (let p = 0; p < total; p++) {
                    const r = await fetch(`/api/v1/sessions/${id}?position=${p}`, {credentials: 'same-origin'});
                    if (!r.ok) break;
                    const body = await r.json();
                    if (body.question && body.question.item_id) out.push(body.question.item_id);
                }
                return out;
            };
            Promise.all([ids(exam), ids(drill)]).then(([a, b]) => done({exam: a.length, drill: b.length, shared: b.filter(x => a.includes(x))}),
                e => done({error: String(e)}));
        """, exam, drill)
        self.check(overlap.get("exam", 0) >= 60 and overlap.get("drill", 0) > 0, f"could not read the two sessions: {overlap}")
        self.check(not overlap["shared"], f"the drill shows questions of the open exam: {overlap['shared']}")
        # Submit through the review screen.
        self.step = "results"
        self.open(f"/sessions/{exam}/review")
        self.click_and_wait(self.d.find_element(By.ID, "confirm-submit"), "the results")
        text = self.main_text()
        for part in ["Below the pass mark", "right", "wrong", "not answered", "flagged"]:
            self.check(part in text, f"the results summary lacks {part!r}")
        self.check(re.search(r"\b6[2-5]\s+not answered", text) is not None, "the summary does not count the unanswered questions")
        height = self.d.execute_script("return document.documentElement.scrollHeight / window.innerHeight")
        self.check(height <= 6, f"the results page is {height:.1f} screens tall")
        self.no_sideways_scroll("the results page")
        self.shot("results")
        for size in self.chart_text_sizes():
            self.check(size >= 12, f"chart text on the results page is {size:.1f} px tall")
        filters = {a.text: a.get_attribute("href") for a in self.d.find_elements(By.CSS_SELECTOR, "nav.filters a")}
        self.check(any(k.startswith("Wrong") for k in filters) and any(k.startswith("Flagged (1)") for k in filters)
                   and any(k.startswith("Not answered") for k in filters) and any(k.startswith("All (65)") for k in filters),
                   f"the review filters are missing: {list(filters)}")
        self.open(filters[next(k for k in filters if k.startswith("Flagged"))].split(self.base)[1])
        tags = [d.text for d in self.d.find_elements(By.CSS_SELECTOR, "details.reviewed summary")]
        self.check(len(tags) == 1 and "Flagged" in tags[0], f"the flagged filter shows {tags}")
        self.open(filters[next(k for k in filters if k.startswith("Not answered"))].split(self.base)[1])
        summaries = self.d.find_elements(By.CSS_SELECTOR, "details.reviewed summary")
        self.check(0 < len(summaries) <= 10 and all("Not answered" in s.text for s in summaries), "the unanswered filter is not paged to 10 unanswered questions")
        self.check(self.d.find_elements(By.CSS_SELECTOR, "nav.pages a"), "a filter with more than 10 questions has no pages")
        index = self.d.find_elements(By.CSS_SELECTOR, "details.index a")
        self.check(len(index) >= 60, "the index does not list every question of the filter")
        self.d.find_element(By.CSS_SELECTOR, "details.index summary").click()
        target = index[-1]
        number = target.text.split()[0]
        self.click_and_wait(target, "a question from the index")
        opened = self.d.find_element(By.ID, f"q-{number}")
        self.check(opened.get_attribute("open") is not None, "the question chosen in the index is not opened")

    def progress_and_exam_date(self):
        """Problems 7 and 8: readiness in plain words with the next action as a link, an exam date set here, charts
        readable on a phone, no sideways scroll."""
        self.step = "progress"
        self.open(f"/progress?credential={CREDENTIAL}")
        text = self.main_text()
        self.check(re.search(r"(About an? \d+%|Less than a 1%|More than a 99%) chance of passing if you sat the exam today \(likely range \d+%–\d+%\)", text),
                   "readiness is not said in plain words")
        self.check(not re.search(r"\bability\b", text, re.I) and not re.search(r"-\d\.\d", text), "the progress page still shows the ability scale")
        action = self.d.find_element(By.ID, "next-action")
        self.check(action.get_attribute("href").startswith(self.base + "/practice?credential="), "the next action is not a practice link")
        self.check(self.d.find_elements(By.LINK_TEXT, "What this estimate assumes"), "no link to what the estimate assumes")
        for size in self.chart_text_sizes():
            self.check(size >= 12, f"chart text on the progress page is {size:.1f} px tall")
        axis = [t.text for t in self.d.find_elements(By.CSS_SELECTOR, "#timeline text.axis")]
        self.check(len(axis) == len(set(axis)), f"the timeline's axis labels repeat: {axis}")
        self.no_sideways_scroll("the progress page")
        # The exam date, set in the web app, then used by the plan.
        exam_day = (date.today() + timedelta(days=120)).isoformat()
        field = self.d.find_element(By.ID, "f-exam-date")
        self.d.execute_script("arguments[0].value = arguments[1]", field, exam_day)
        self.submit_and_wait(self.button("Save the exam date"))
        self.check(f"Your exam is on {exam_day}" in self.main_text(), "the exam date was not saved")
        self.shot("progress")
        self.open(f"/plan?credential={CREDENTIAL}")
        self.check(self.d.find_element(By.ID, "f-exam-date").get_attribute("value") == exam_day, "the plan form does not use the saved exam date")

    def advisor_and_plan(self):
        """Problems 6 and 17: the advisor and the plan agree, no command-line commands, the plan ends at the exam
        with the final review in its last week, the calendar has an exam day and whole titles, past dates refused."""
        self.step = "advisor and plan"
        query = ("cloud=aws&employer_type=enterprise&target_role=ml_engineer&background=software_engineering&ml_knowledge=foundations"
                 "&production_ml_years=0&employer_reimburses=yes&pay_band_recognizes_certs=no&hr_filters_on_credentials=yes"
                 "&choosing_portfolio_over_prep=no&weekly_study_hours=8")
        self.open("/advice?" + query)
        text = self.main_text()
        self.check(not COMMAND.search(text), "the advice tells a web user to run a command")
        self.check("(rule " not in text and "pursue." not in text, "the advice shows rule ids")
        hours = re.search(r"\((\d+) to (\d+) hours of study\)", text)
        self.check(hours, "the advice gives no hours of study")
        low, high = int(hours.group(1)), int(hours.group(2))
        self.click_and_wait(self.d.find_element(By.PARTIAL_LINK_TEXT, "Plan study for"), "the plan form")
        self.check(Select(self.d.find_element(By.ID, "f-knowledge")).first_selected_option.get_attribute("value") == "foundations",
                   "the plan form did not take the advisor's ML knowledge")
        exam_day = date.today() + timedelta(days=7 * 40)
        self.d.execute_script("arguments[0].value = arguments[1]", self.d.find_element(By.ID, "f-exam-date"), exam_day.isoformat())
        boxes = self.d.find_elements(By.CSS_SELECTOR, "input[name=weak]")
        boxes[0].click()
        self.submit_and_wait(self.button("Make my plan"), "/plan/result")
        text = self.main_text()
        self.check(not COMMAND.search(text), "the plan tells a web user to run a command")
        self.check("40%" not in text and "marked weak" in text, "a ticked weak domain is shown as a score")
        total = float(re.search(r"Total\s+([\d.]+) hours over (\d+) weeks", text).group(1))
        self.check(low <= total <= high * 1.2, f"the plan's {total} hours disagree with the advisor's {low}-{high}")
        ends = [row.find_elements(By.CSS_SELECTOR, "td")[0].text for row in self.d.find_elements(By.CSS_SELECTOR, "table tbody tr") if "Week" in row.text]
        last_end = date.fromisoformat(ends[-1].split(" to ")[1])
        self.check(exam_day - timedelta(days=7) <= last_end <= exam_day, f"the plan ends {last_end}, not in the week before the exam on {exam_day}")
        last_week = self.d.find_elements(By.CSS_SELECTOR, "table tbody tr")[-1].text
        self.check("Final review" in last_week, "the final review is not in the last week")
        self.check(self.d.find_elements(By.CSS_SELECTOR, "main table a[href*='/practice?credential=']"), "plan activities do not link to practice")
        self.no_sideways_scroll("the plan page")
        self.shot("plan")
        link = self.d.find_element(By.PARTIAL_LINK_TEXT, "Download the calendar").get_attribute("href")
        with urllib.request.urlopen(link, timeout=WAIT) as response:
            ics = response.read().decode("utf-8")
        self.check("DTSTART;VALUE=DATE:" + exam_day.strftime("%Y%m%d") in ics and "SUMMARY:Exam day:" in ics, "the calendar has no exam-day event")
        summaries = [line for line in ics.replace("\r\n ", "").split("\r\n") if line.startswith("SUMMARY:")]
        self.check(not any("…" in s or "Study: Study" in s or COMMAND.search(s) for s in summaries), f"calendar titles are cut or clumsy: {summaries[:3]}")
        self.check("mlcert practice" not in ics and "mlcert exam" not in ics, "the calendar carries command-line commands")
        head = urllib.request.Request(link, method="HEAD")
        with urllib.request.urlopen(head, timeout=WAIT) as response:
            self.check(response.status == 200, f"HEAD on the calendar answers {response.status}")
        # A past exam date is refused with a sentence.
        self.open(f"/plan/result?credential={CREDENTIAL}&hours=8&exam_date=2025-01-01")
        self.check("has already passed" in self.main_text(), "a past exam date is not refused")
        # Weak domains of another credential: the form comes back for the chosen one, without an error about ids.
        self.open(f"/plan/result?credential=google-pmle&hours=8&weak=deployment-orchestration")
        text = self.main_text()
        self.check("no domain" not in text and "tick its weak domains" in text, "weak domains of another credential give a developer's error")

    def credential_choice(self):
        """Problem 5: changing the credential list and starting a drill practises the chosen credential."""
        self.step = "credential choice"
        self.open(f"/practice?credential={CREDENTIAL}")
        Select(self.d.find_element(By.ID, "f-credential")).select_by_value("google-pmle")
        # With the script the page reloads for the new credential; without it nothing moves. Either way the drill
        # must be Google's.
        if "without JavaScript" not in self.size:
            self.wait_for(lambda d: "credential=google-pmle" in d.current_url, "the page to switch to the chosen credential")
        self.settle()
        self.submit_and_wait(self.button("Start a drill"), "/sessions/")
        self.check("Google Cloud Professional Machine Learning Engineer" in self.main_text(), "the drill did not start for the chosen credential")

    def errors(self):
        """Problem 10: error pages speak to a learner, show the signed-in header, and name the next step."""
        self.step = "errors"
        self.open("/sessions/0000")
        text = self.main_text()
        self.check("We could not find that session" in text and "0000" not in text and "code" not in text.lower(), f"developer tone: {text!r}")
        self.check(self.d.find_elements(By.XPATH, "//button[normalize-space()='Log out']"), "the error page shows a signed-in learner as signed out")
        self.open("/nope/page")
        self.check("There is no page here" in self.main_text() and "no route" not in self.main_text(), "an unknown address speaks like a developer")
        self.open("/practice?credential=aws-mls-c01")
        self.check(self.d.title.split(" ·")[0] != "Conflict" and "retired" in self.main_text(), "a retired exam reads as a conflict")
        self.check(self.d.find_elements(By.CSS_SELECTOR, "main a[href='/practice?credential=aws-mla-c01']"), "a retired exam does not link to its successor")
        self.open("/catalog/aws-mls-c02")
        self.check(self.d.find_elements(By.PARTIAL_LINK_TEXT, "Did you mean"), "an unknown credential gives no suggestion links")

    def polish(self):
        """Problems 16 and 18: the home page shows what is waiting; vendor names; a wide catalog; the icon."""
        self.step = "polish"
        # A running mock exam, so the home page has something waiting whatever ran before.
        self.open("/practice?credential=azure-ai-103")
        self.submit_and_wait(self.button("Start a mock exam"), "/sessions/")
        self.open("/")
        text = self.main_text()
        self.check("Waiting for you" in text and re.search(r"Carry on with your mock exam for .*left\)", text),
                   "the home page does not show the learner the running exam with its time left")
        tops = {round(card.rect["y"]) for card in self.d.find_elements(By.CSS_SELECTOR, ".cards > li")}
        if self.size == "desktop":
            self.check(len(tops) == 2, f"the four home cards sit in {len(tops)} rows")
        self.open("/catalog")
        self.check("Amazon Web Services" in self.main_text(), "the catalog shows vendor ids")
        self.no_sideways_scroll("the catalog")
        if self.size == "desktop":
            width = self.d.find_element(By.TAG_NAME, "main").rect["width"]
            self.check(width > 1000, f"the catalog is squeezed into {width} px")
        self.open("/catalog/aws-mls-c01")
        self.no_sideways_scroll("a retired credential's page")
        self.check("shared/" not in self.main_text(), "a credential page shows an internal file path")
        icon = self.d.find_element(By.CSS_SELECTOR, "link[rel=icon]").get_attribute("href")
        with urllib.request.urlopen(icon, timeout=WAIT) as response:
            self.check(response.status == 200, "the icon does not load")
        # Last, because it ends the session: signing out says so.
        if self.size == "desktop":
            self.open("/")
            self.click_and_wait(self.button("Log out"), "the page after signing out")
            self.check("You are signed out." in self.main_text(), "signing out is not confirmed")

    def diagnostic_ending(self):
        """Problem 16: the diagnostic's ending says whether it hit its question limit."""
        self.step = "diagnostic"
        self.open(f"/practice?credential={CREDENTIAL}")
        self.submit_and_wait(self.button("Start the diagnostic"), "/sessions/")
        answered = 0
        while "/results" not in self.d.current_url and answered < 45:
            self.answer_current()
            self.submit_and_wait(self.button("Submit answer"))
            answered += 1
        text = self.main_text()
        self.check("/results" in self.d.current_url, "the diagnostic did not end")
        if answered >= 40:
            self.check("limit of 40 questions" in text and "precisely enough" not in text, "a diagnostic at its limit claims a precise measurement")
        else:
            self.check(f"after {answered} questions" in text, "the diagnostic's ending does not say how many questions it took")
        self.check(not re.search(r"\bability\b", text, re.I), "the diagnostic's readiness shows the ability scale")

    def run(self):
        chosen = only()
        checks = [("feedback", self.drill_feedback_and_report), ("results", self.exam_and_results), ("progress", self.progress_and_exam_date),
                  ("plan", self.advisor_and_plan), ("choice", self.credential_choice), ("errors", self.errors),
                  ("diagnostic", self.diagnostic_ending), ("polish", self.polish)]
        # On a phone only the checks of size-specific problems (and the pages to photograph) run.
        phone = {"feedback", "results", "progress", "plan", "polish"}
        register(self, "Page Checker")
        for name, check in checks:
            if (not chosen or name in chosen) and (self.size == "desktop" or name in phone):
                check()
        print(f"ok  page checks at {self.size}", flush=True)


def main(base):
    for size in ["desktop", "phone"]:
        driver = make_driver(size)
        try:
            PageChecks(base, driver, size).run()
        finally:
            driver.quit()
    # Without JavaScript, changing the list and starting a drill still practises the chosen credential.
    if only() and "choice" not in only():
        return
    driver = make_driver("desktop", javascript=False)
    try:
        plain = PageChecks(base, driver, "desktop without JavaScript")
        register(plain, "No Script")
        plain.credential_choice()
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(run_main(main))
