// django-rosetta's translation form names none of its boxes: each translation box is named by
// the message it translates (the row's original text; a plural form keeps its own "0:" label and
// is described by it), each "fuzzy" box by the column's heading and that message, and the
// heading's box, which marks them all, by the heading.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var all = document.getElementById("action-toggle");
  var heading = all && all.closest("th");
  if (heading) {
    heading.id = heading.id || "rosetta-fuzzy";
    all.setAttribute("aria-labelledby", heading.id);
  }
  document.querySelectorAll("tbody > tr").forEach(function (row, i) {
    var original = row.querySelector("td.original");
    if (!original) return;
    original.id = original.id || "rosetta-original-" + i;
    row.querySelectorAll("td.translation textarea").forEach(function (box) {
      if (box.labels && box.labels.length) box.setAttribute("aria-describedby", original.id);
      else box.setAttribute("aria-labelledby", original.id);
    });
    var fuzzy = row.querySelector('td.c input[type="checkbox"]');
    if (fuzzy && heading) fuzzy.setAttribute("aria-labelledby", heading.id + " " + original.id);
  });
});

// Its boxes carry tabindex 1, 2, 3…, which sends the keyboard through them before the page's
// header and search (WCAG 2.4.3): the page's own order is theirs already.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("[tabindex]").forEach(function (el) {
    if (el.tabIndex > 0) el.removeAttribute("tabindex");
  });
});
