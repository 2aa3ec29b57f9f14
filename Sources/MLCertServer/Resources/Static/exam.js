// mlcert question pages: the exam clock (counting down from the server's deadline, warnings at 10 and 5 minutes, the
// results at zero), saving each click on a mock exam at once, the "choose N" count, and keyboard shortcuts.
// Everything here has a plain-HTML fallback: without JavaScript every button of the answer form submits the selection
// first, and the server submits an exam whose time has run out on the next request. The script never sees a key: the
// page has none.
(function () {
  "use strict";

  // The clock ------------------------------------------------------------------------------------------------------
  var timer = document.getElementById("timer");
  if (timer) {
    // The server states how many seconds were left when it rendered the page; the page counts down from that, so the
    // learner's own clock setting does not matter.
    var remaining = parseInt(timer.getAttribute("data-remaining-seconds"), 10);
    var resultsHref = timer.getAttribute("data-results-href");
    var started = Date.now();
    var output = timer.querySelector("output") || timer;
    var bar = document.getElementById("exam-bar");
    var warning = document.getElementById("timer-warning");
    var live = document.getElementById("timer-announcement");
    var finished = false;
    var announced = {};
    var warn = function (left) {
      // The same thresholds as the server's rendering (ExamTimer.warning): visible words, a colour, an announcement.
      var level = left <= 300 ? "urgent" : left <= 600 ? "warn" : "";
      if (bar) {
        bar.classList.toggle("warn", level === "warn");
        bar.classList.toggle("urgent", level === "urgent");
      }
      if (warning) {
        warning.hidden = level === "";
        warning.textContent = level === "urgent" ? "Less than 5 minutes left." : level === "warn" ? "Less than 10 minutes left." : "";
      }
      // Screen readers hear the clock at 10, 5 and 1 minutes only (and at once when a page opens past one of them).
      var smallest = 0;
      [600, 300, 60].forEach(function (mark) { if (left <= mark) smallest = mark; });
      if (smallest && !announced[smallest] && live) {
        [600, 300, 60].forEach(function (mark) { if (mark >= smallest) announced[mark] = true; });
        live.textContent = smallest === 60 ? "Less than 1 minute left on the exam clock." : "Less than " + smallest / 60 + " minutes left on the exam clock.";
      }
    };
    var tick = function () {
      var left = Math.max(0, remaining - Math.floor((Date.now() - started) / 1000));
      var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
      output.textContent = (h > 0 ? h + ":" + (m < 10 ? "0" : "") : "") + m + ":" + (s < 10 ? "0" : "") + s;
      warn(left);
      // A second after zero the server's clock has run out as well: opening the results makes the server submit the
      // exam, dated at the deadline, exactly as it would for a learner without JavaScript.
      var overdue = (Date.now() - started) / 1000 - remaining;
      if (left === 0 && overdue >= 1 && !finished) {
        finished = true;
        window.location.assign(resultsHref);
        return;
      }
      window.setTimeout(tick, 250);
    };
    tick();
  }

  // Saving each click (mock exams) -----------------------------------------------------------------------------------
  var form = document.getElementById("answer-form");
  var choose = form ? parseInt(form.getAttribute("data-choose") || "1", 10) : 1;
  var autosaveURL = form ? form.getAttribute("data-autosave") : null;
  var countText = document.getElementById("selected-count");
  var saveStatus = document.getElementById("save-status");
  var options = form ? form.querySelectorAll("input[name=choice]") : [];
  var pending = null;
  // Each message about saving gets a number; a save that finishes late does not overwrite a newer message (such as
  // the refusal of a third tick made while it was on its way).
  var statusVersion = 0;

  function say(text) {
    statusVersion += 1;
    if (saveStatus) saveStatus.textContent = text;
    return statusVersion;
  }

  function checked() {
    var n = 0;
    for (var i = 0; i < options.length; i++) if (options[i].checked) n++;
    return n;
  }

  function showCount() {
    if (countText && choose > 1) countText.textContent = checked() + " of " + choose + " selected";
  }

  function save() {
    if (!autosaveURL) return;
    var body = new URLSearchParams(new FormData(form));
    body.delete("go");
    var mine = say("Saving…");
    var sayIfLatest = function (text) { if (mine === statusVersion && saveStatus) saveStatus.textContent = text; };
    // keepalive lets the save finish even when the learner leaves the page at once (a refresh, a closed tab).
    pending = fetch(autosaveURL, {
      method: "POST", body: body, credentials: "same-origin", keepalive: true,
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result.ok) {
        var error = result.data && result.data.error ? result.data.error : {};
        if (error.code === "time_up" || error.code === "session_finished") { window.location.assign(resultsHref || window.location.href); return; }
        sayIfLatest(error.message || "Not saved.");
        return;
      }
      var data = result.data;
      sayIfLatest(data.selected === 0 ? "Answer cleared." : data.selected < data.choose ? "Saved (in progress)." : "Saved.");
      var cell = document.querySelector(".grid .cell.current");
      if (cell) {
        cell.classList.remove("answered", "partial", "unanswered");
        cell.classList.add(data.cell_state);
        cell.setAttribute("aria-label", data.cell_label);
        var mark = cell.querySelector(".state");
        if (mark) mark.textContent = data.cell_mark;
      }
      var counts = document.getElementById("grid-counts");
      if (counts) counts.textContent = data.counts;
    }).catch(function () {
      sayIfLatest("Not saved yet: check your connection. Your choice is saved when you move on.");
    });
  }

  if (form) {
    form.addEventListener("change", function (event) {
      var input = event.target;
      // A "choose N" question takes at most N: a further tick is undone and explained, never silently dropped.
      if (input.type === "checkbox" && input.checked && checked() > choose) {
        input.checked = false;
        say("This question asks for " + choose + " answers; clear one first.");
        return;
      }
      showCount();
      save();
    });
    showCount();
  }

  // Keyboard shortcuts -------------------------------------------------------------------------------------------------
  function press(selector) {
    var button = document.querySelector(selector);
    if (button) { button.click(); return true; }
    return false;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "textarea" || tag === "select" || (tag === "input" && /^(text|email|password|number|date)$/.test(target.type))) return;
    var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    // Feedback pages: Enter goes on to the next question, whatever has focus (the page opens at the verdict).
    var next = document.querySelector("[data-next-question]");
    if (next && key === "Enter" && tag !== "a" && tag !== "button") { next.click(); event.preventDefault(); return; }
    var index = -1;
    if (/^[1-9]$/.test(key)) index = parseInt(key, 10) - 1;
    else if (/^[a-e]$/.test(key)) index = key.charCodeAt(0) - 97;
    if (index >= 0 && index < options.length && !options[index].disabled) {
      var option = options[index];
      option.checked = option.type === "radio" ? true : !option.checked;
      option.focus();
      option.dispatchEvent(new Event("change", { bubbles: true }));
      event.preventDefault();
      return;
    }
    // Every move goes through a button of the answer form, so the selection travels with it.
    var handled = false;
    if (key === "n") handled = press("#answer-form button[value=next]") || press("#answer-form button[value=review]");
    else if (key === "p") handled = press("#answer-form button[value=prev]");
    else if (key === "f") handled = press("#flag-button");
    else if (key === "r") handled = press("#review-button");
    if (handled) event.preventDefault();
  });
})();
