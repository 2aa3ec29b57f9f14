// mlcert question pages: a countdown from the server's deadline that submits the exam at zero, and keyboard shortcuts.
// Everything here has a plain-HTML fallback: without JavaScript the forms and links do the same, and the server
// submits an exam whose time has run out on the next request. The script never sees a key: the page has none.
(function () {
  "use strict";
  var timer = document.getElementById("timer");
  if (timer) {
    // The server states how many seconds were left when it rendered the page; the page counts down from that, so
    // the learner's own clock setting does not matter.
    var remaining = parseInt(timer.getAttribute("data-remaining-seconds"), 10);
    var started = Date.now();
    var output = timer.querySelector("output") || timer;
    var submitted = false;
    var announced = {};
    var live = document.getElementById("timer-announcement");
    var tick = function () {
      var left = Math.max(0, remaining - Math.floor((Date.now() - started) / 1000));
      var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
      output.textContent = (h > 0 ? h + ":" + (m < 10 ? "0" : "") : "") + m + ":" + (s < 10 ? "0" : "") + s;
      // Screen readers hear the time at a few milestones only, not every second.
      [600, 300, 60].forEach(function (mark) {
        if (left <= mark && !announced[mark] && remaining > mark && live) {
          announced[mark] = true;
          live.textContent = Math.round(mark / 60) + (mark === 60 ? " minute" : " minutes") + " left";
        }
      });
      // Submit a second after zero, so the server's clock has run out as well: the server then finishes the
      // exam itself, dated at the deadline, exactly as it would for a learner without JavaScript.
      var overdue = (Date.now() - started) / 1000 - remaining;
      if (left === 0 && overdue >= 1 && !submitted) {
        submitted = true;
        var form = document.getElementById("submit-form");
        if (form) {
          form.submit();
        }
        return;
      }
      window.setTimeout(tick, 250);
    };
    tick();
  }

  var answerForm = document.getElementById("answer-form");
  var dirty = false;
  if (answerForm) {
    answerForm.addEventListener("change", function () { dirty = true; });
  }

  function go(direction) {
    var link = document.querySelector("a[rel=" + direction + "]");
    var go = answerForm ? answerForm.querySelector("input[type=hidden][name=go]") : null;
    if (dirty && go) {
      // form.submit() sends no button, so the hidden field carries the direction.
      go.value = direction;
      answerForm.submit();
    } else if (link) {
      window.location.href = link.href;
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "textarea" || tag === "select" || (tag === "input" && /^(text|email|password|number|date)$/.test(target.type))) return;
    var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    var options = answerForm ? answerForm.querySelectorAll("input[name=choice]") : [];
    var index = -1;
    if (/^[1-9]$/.test(key)) index = parseInt(key, 10) - 1;
    else if (/^[a-e]$/.test(key)) index = key.charCodeAt(0) - 97;
    if (index >= 0 && index < options.length) {
      var option = options[index];
      option.checked = option.type === "radio" ? true : !option.checked;
      option.focus();
      dirty = true;
      event.preventDefault();
      return;
    }
    if (key === "n") { go("next"); event.preventDefault(); }
    else if (key === "p") { go("prev"); event.preventDefault(); }
    else if (key === "f") {
      var flag = document.getElementById("flag-form");
      if (flag) { flag.submit(); event.preventDefault(); }
    }
  });
})();
