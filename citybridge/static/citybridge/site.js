// After a submit the server refused, the reader starts at what went wrong: the error summary
// (WCAG 3.3.1). On a page load, and after an htmx swap that answered a form's POST; never after
// a polling GET, which would pull focus away from whatever the reader is doing.
(function () {
  "use strict";
  function focusSummary(root) {
    var summary = root.querySelector(".error-summary");
    if (!summary) return;
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
  focusSummary(document);
  document.addEventListener("htmx:afterSwap", function (event) {
    var config = event.detail && event.detail.requestConfig;
    if (config && String(config.verb).toLowerCase() === "post") focusSummary(document);
  });
})();
