#!/usr/bin/env python3
"""Browser checks of the mock exam (issue 17; the walkthrough's problems 1, 2, 8, 11 and 13):

- a chosen answer is recorded by every way off the question: Save and next, Previous, a grid cell, Flag, Review and
  submit, the N, P and F keys, and a page refresh; with JavaScript off, by every button;
- "Review and submit" opens a review screen (counts, the grid, a confirm step) while the clock runs;
- a "choose two" question keeps a partial selection as an answer in progress, with a count of what is selected;
- starting a mock exam twice, or twice at once, resumes the open exam;
- the question page names the exam and its exam guide; the timer stays on screen while the page scrolls (phone and
  desktop) and warns at 10 and 5 minutes, in words and for screen readers.

Usage: exam_checks.py BASE_URL
"""
import sys
import time

from selenium.webdriver.common.by import By

from browser import only, Browser, make_driver, register, run_main

CREDENTIAL = "aws-mla-c01"
EXAM_NAME = "AWS Certified Machine Learning Engineer"


class ExamChecks(Browser):
    # Helpers -----------------------------------------------------------------------------------------------------

    def start_exam(self, credential=CREDENTIAL, minutes=""):
        self.open(f"/practice?credential={credential}")
        if minutes:
            self.d.find_element(By.ID, "f-minutes").send_keys(str(minutes))
        self.submit_and_wait(self.button("Start a mock exam"), "/sessions/")
        return self.d.current_url.split("/sessions/")[1].split("?")[0]

    def go_to(self, session, number):
        self.open(f"/sessions/{session}?q={number}")

    def single_answer_question(self, session, start):
        """The number of the first single-answer, unanswered question from `start` on."""
        for number in range(start, start + 30):
            self.go_to(session, number)
            if self.choices_needed() == 1 and not self.selected_letters():
                return number
        self.check(False, "no unanswered single-answer question found")

    def question_needing(self, session, count):
        for number in range(1, 66):
            self.go_to(session, number)
            if self.choices_needed() == count and not self.selected_letters():
                return number
        self.check(False, f"no question asking for {count} answers")

    def selected_letters(self):
        return [o.get_attribute("value") for o in self.d.find_elements(By.CSS_SELECTOR, "#answer-form input[name=choice]") if o.is_selected()]

    def choose(self, index):
        """Clicks the label of option `index` (0 = A), as a mouse user does."""
        self.d.find_elements(By.CSS_SELECTOR, "#answer-form label.choice")[index].click()

    def cell(self, number):
        return self.d.find_element(By.CSS_SELECTOR, f".grid .cell[data-number='{number}']")

    def expect_recorded(self, session, number, letter, route):
        self.go_to(session, number)
        self.check(self.selected_letters() == [letter], f"the answer {letter} chosen on question {number} was lost after {route}: now {self.selected_letters()}")
        self.check("answered" in self.cell(number).get_attribute("class"), f"question {number} is not marked answered in the grid after {route}")

    # Checks ------------------------------------------------------------------------------------------------------

    def every_route_saves(self):
        """Problem 1: choose an option with the mouse, then leave the question by each route."""
        self.step = "autosave: every route"
        session = self.start_exam()
        text = self.d.find_element(By.CSS_SELECTOR, ".exam-bar").text
        self.check(EXAM_NAME in text and "exam guide" in text, f"the question page does not name the exam and its guide: {text!r}")
        routes = {
            "Save and next": lambda: self.click_and_wait(self.d.find_element(By.CSS_SELECTOR, "#answer-form button[value=next]"), "the next question"),
            "Previous": lambda: self.click_and_wait(self.d.find_element(By.CSS_SELECTOR, "#answer-form button[value=prev]"), "the previous question"),
            "a grid cell": lambda: self.click_and_wait(self.cell(60), "question 60 from the grid"),
            "Flag for review": lambda: self.click_and_wait(self.d.find_element(By.ID, "flag-button"), "the flagged question"),
            "Review and submit": lambda: self.click_and_wait(self.d.find_element(By.ID, "review-button"), "the review screen"),
            "the N key": lambda: self.navigate_by_key("n", "the next question after N"),
            "the P key": lambda: self.navigate_by_key("p", "the previous question after P"),
            "the F key": lambda: self.navigate_by_key("f", "the page after F"),
            "a page refresh": self.refresh_after_save,
        }
        number = 2
        for route, leave in routes.items():
            number = self.single_answer_question(session, number)
            self.choose(1)
            leave()
            self.expect_recorded(session, number, "B", route)
            number += 1
        return session

    def refresh_after_save(self):
        self.wait_for(lambda d: "Saved" in d.find_element(By.ID, "save-status").text, "the click to be saved")
        self.d.refresh()
        self.settle()

    def partial_answers(self, session):
        """Problem 11: one of two options is kept as an answer in progress, counted, and a third is refused."""
        self.step = "partial answer"
        number = self.question_needing(session, 2)
        self.check("0 of 2 selected" in self.d.find_element(By.ID, "selected-count").text, "a choose-two question shows no selection count")
        self.choose(0)
        self.wait_for(lambda d: "in progress" in d.find_element(By.ID, "save-status").text, "the partial answer to be saved")
        self.check("1 of 2 selected" in self.d.find_element(By.ID, "selected-count").text, "the count does not follow the click")
        self.d.refresh()
        self.settle()
        self.check(self.selected_letters() == ["A"], "the partial answer did not survive a refresh")
        self.check("partial" in self.cell(number).get_attribute("class"), "the grid does not mark the question as partly answered")
        self.choose(1)
        self.choose(2)
        self.check(len(self.selected_letters()) == 2, "a third option was accepted on a choose-two question")
        self.check("clear one first" in self.d.find_element(By.ID, "save-status").text, "refusing a third option is not explained")

    def review_screen(self, session):
        """Problem 2: Review and submit shows counts, the grid and a confirm step; the clock keeps running."""
        self.step = "review screen"
        self.go_to(session, 1)
        self.click_and_wait(self.d.find_element(By.ID, "review-button"), "the review screen")
        self.check("/review" in self.d.current_url, "Review and submit did not open the review screen")
        text = self.d.find_element(By.TAG_NAME, "main").text
        for part in ["Review before you submit", "answered", "not answered", "flagged", "partly answered"]:
            self.check(part in text, f"the review screen lacks {part!r}")
        self.check(len(self.d.find_elements(By.CSS_SELECTOR, ".grid .cell")) == 65, "the review screen has no full grid")
        first = self.d.find_element(By.CSS_SELECTOR, "#timer output").text
        time.sleep(2.2)
        self.check(self.d.find_element(By.CSS_SELECTOR, "#timer output").text != first, "the clock stopped on the review screen")
        # Going back is possible, and the exam is still open.
        self.click_and_wait(self.d.find_element(By.LINK_TEXT, "Return to the questions"), "the questions again")
        self.check("/sessions/" in self.d.current_url and "/results" not in self.d.current_url, "returning from the review ended the exam")
        self.click_and_wait(self.d.find_element(By.ID, "review-button"), "the review screen")
        self.click_and_wait(self.d.find_element(By.ID, "confirm-submit"), "the results")
        self.check("/results" in self.d.current_url, "confirming did not submit the exam")

    def no_javascript(self, base):
        """Problem 1 without JavaScript: each button submits the selection first."""
        driver = make_driver("desktop", javascript=False)
        try:
            plain = ExamChecks(base, driver, "desktop without JavaScript")
            register(plain, "No Script")
            session = plain.start_exam()
            number = 2
            for route, selector in [("Save and next", "#answer-form button[value=next]"), ("Previous", "#answer-form button[value=prev]"),
                                    ("a grid cell", ".grid .cell[data-number='60']"), ("Flag for review", "#flag-button"),
                                    ("Review and submit", "#review-button")]:
                plain.step = f"without JavaScript: {route}"
                number = plain.single_answer_question(session, number)
                plain.choose(2)
                plain.click_and_wait(plain.d.find_element(By.CSS_SELECTOR, selector), route)
                plain.expect_recorded(session, number, "C", route)
                number += 1
        finally:
            driver.quit()

    def starting_twice_resumes(self):
        """Problem 13: a second start, and two starts at once, resume the open exam."""
        self.step = "start twice"
        first = self.start_exam()
        second = self.start_exam()
        self.check(first == second, f"a second start made another exam ({first} then {second})")
        self.open(f"/practice?credential={CREDENTIAL}")
        # A double click that reaches the server as two posts: the same form sent twice at once.
        finals = self.d.execute_async_script("""
            const done = arguments[arguments.length - 1];
            const form = document.getElementById('practice-form');
            const send = () => fetch('/practice/exam', {method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin'}).then(r => r.url);
            Promise.all([send(), send()]).then(done, e => done(String(e)));
        """)
        ids = {url.split("/sessions/")[1].split("?")[0] for url in finals if "/sessions/" in url}
        self.check(ids == {first}, f"two simultaneous starts did not both resume the open exam: {finals}")
        self.open(f"/practice?credential={CREDENTIAL}")
        carry = [a.get_attribute("href") for a in self.d.find_elements(By.CSS_SELECTOR, "main a") if "Mock exam, question" in a.text]
        self.check(len(carry) == 1, f"the practice page lists {len(carry)} running mock exams")

    def sticky_timer_and_warnings(self):
        """Problem 8: the timer stays on screen while the page scrolls, and warns at 10 and 5 minutes."""
        self.step = "timer"
        for credential, minutes, level, words in [("google-pmle", 9, "warn", "Less than 10 minutes left"),
                                                   ("azure-ai-103", 4, "urgent", "Less than 5 minutes left")]:
            self.start_exam(credential, minutes)
            bar = self.d.find_element(By.ID, "exam-bar")
            self.wait_for(lambda d: level in bar.get_attribute("class"), f"the {level} state of the timer")
            warning = self.d.find_element(By.ID, "timer-warning")
            self.check(warning.is_displayed() and words in warning.text, f"no visible warning {words!r}: {warning.text!r}")
            announced = self.d.find_element(By.ID, "timer-announcement").get_attribute("textContent")
            self.check(words in announced, f"screen readers are not told {words!r}: {announced!r}")
            self.d.execute_script("window.scrollTo(0, document.body.scrollHeight)")
            time.sleep(0.3)
            top = self.d.execute_script("return document.getElementById('timer').getBoundingClientRect().top")
            height = self.d.execute_script("return window.innerHeight")
            self.check(0 <= top < height, f"the timer scrolled out of view (top {top} px)")
            self.check(self.d.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), "the exam page scrolls sideways")

    def run(self, base):
        chosen = only()
        wanted = lambda name: not chosen or name in chosen
        register(self)
        if wanted("timer"):
            self.sticky_timer_and_warnings()
        if self.size == "desktop":
            if wanted("autosave") or wanted("partial") or wanted("review"):
                session = self.every_route_saves() if wanted("autosave") else self.start_exam()
                if wanted("partial"):
                    self.partial_answers(session)
                if wanted("review"):
                    self.review_screen(session)
            if wanted("resume"):
                self.starting_twice_resumes()
            if wanted("nojs"):
                self.no_javascript(base)
        print(f"ok  exam checks at {self.size}", flush=True)


def main(base):
    for size in ["desktop", "phone"]:
        driver = make_driver(size)
        try:
            ExamChecks(base, driver, size).run(base)
        finally:
            driver.quit()


if __name__ == "__main__":
    sys.exit(run_main(main))
