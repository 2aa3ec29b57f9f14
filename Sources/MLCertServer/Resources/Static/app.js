// mlcert pages: small conveniences with plain-HTML fallbacks. A credential list applies itself when it changes (the
// page reloads for that credential, so nothing below it can still belong to the previous one); without JavaScript
// the button next to the list does the same.
(function () {
  "use strict";
  document.querySelectorAll("select[data-switch], select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      var button = select.hasAttribute("data-switch") ? document.getElementById("switch-button") : null;
      if (button) { button.click(); return; }
      if (select.form) select.form.submit();
    });
  });
  // The plan form lists the weak domains of one credential: choosing another reloads the form for it, keeping the
  // other answers. (Without JavaScript the server does the same when the form is sent.)
  var planCredential = document.querySelector("select[data-reload-plan]");
  if (planCredential) {
    planCredential.addEventListener("change", function () {
      var params = new URLSearchParams();
      ["credential", "hours", "knowledge", "exam_date"].forEach(function (name) {
        var field = planCredential.form.elements.namedItem(name);
        if (field && field.value) params.set(name, field.value);
      });
      window.location.assign("/plan?" + params.toString());
    });
  }
})();
