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

// Phones: the main menu folds under its button (shown only here, so without script the plain
// list stays), the list filters start folded unless they hold an error, and a table wider than
// the screen says so and can be scrolled by keyboard; one that fits is no extra tab stop.
(function () {
  "use strict";
  var phone = window.matchMedia("(max-width: 40rem)");

  var nav = document.querySelector(".main-nav");
  var toggle = nav && nav.querySelector(".nav-toggle");
  if (toggle) {
    nav.classList.add("js-nav");
    toggle.hidden = false;
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function () {
      toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && phone.matches && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }

  if (phone.matches) {
    document.querySelectorAll("details.filter-box[open]").forEach(function (box) {
      if (!box.querySelector(".error-message")) box.open = false;
    });
  }

  var cueText = document.body.getAttribute("data-scroll-cue");
  function markScrollable() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      wrap.classList.toggle("is-scrollable", scrolls);
      if (wrap.hasAttribute("role")) {
        if (scrolls) wrap.setAttribute("tabindex", "0");
        else wrap.removeAttribute("tabindex");
      }
      var cue = wrap.previousElementSibling;
      if (cueText && !(cue && cue.classList.contains("scroll-cue"))) {
        cue = document.createElement("p");
        cue.className = "scroll-cue";
        cue.setAttribute("aria-hidden", "true");
        cue.textContent = cueText;
        wrap.insertAdjacentElement("beforebegin", cue);
      }
    });
  }
  markScrollable();
  window.addEventListener("resize", markScrollable);
  document.addEventListener("htmx:afterSettle", markScrollable);
})();
