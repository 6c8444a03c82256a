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

// Long selects (a multiple select, or a single one of more than twelve options; marked
// data-picker by templates/django/forms/widgets/select.html) become a searchable picker: an
// editable WAI-ARIA combobox with a listbox popup, the chosen items as a list with a remove
// button each. The select stays in the page, hidden, as the form's value, and is what a browser
// without script shows. Search folds text as lib/text.py `fold` does (the table below is built
// from it, and picker tests hold the two the same), so "Podgorica" finds "Подгорица" and
// "cacak" finds "Čačak".
(function () {
  "use strict";
  // FOLD-TABLE: generated from citybridge.lib.text.fold_table(); do not edit by hand.
  var FOLD = {"'":"","`":"","´":"","ß":"ss","æ":"ae","ð":"dj","ø":"o","þ":"th","đ":"dj","ı":"i","ŀ":"l","ł":"l","œ":"oe","ʼ":"","а":"a","б":"b","в":"v","г":"g","д":"d","е":"e","ж":"z","з":"z","и":"i","й":"j","к":"k","л":"l","м":"m","н":"n","о":"o","п":"p","р":"r","с":"s","т":"t","у":"u","ф":"f","х":"h","ц":"c","ч":"c","ш":"s","щ":"sht","ъ":"","ы":"y","ь":"","э":"e","ю":"ju","я":"ja","ѐ":"e","ё":"e","ђ":"dj","ѓ":"gj","є":"je","ѕ":"dz","і":"i","ї":"ji","ј":"j","љ":"lj","њ":"nj","ћ":"c","ќ":"kj","ѝ":"i","ў":"u","џ":"dz","ґ":"g","‘":"","’":""};
  // END FOLD-TABLE

  function fold(text) {
    var lower = String(text).toLowerCase();
    var out = "";
    for (var i = 0; i < lower.length; i++) {
      var c = lower.charAt(i);
      out += Object.prototype.hasOwnProperty.call(FOLD, c) ? FOLD[c] : c;
    }
    out = out.normalize("NFKD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "");
    return out.replace(/[^a-z0-9]+/g, " ").trim();
  }

  function say(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, key) { return key in values ? values[key] : all; });
  }

  var count = 0;
  function enhance(select) {
    if (select.dataset.pickerReady) return;
    select.dataset.pickerReady = "1";
    count += 1;
    var multiple = select.multiple;
    var id = select.id || "picker-" + count;
    var labels = select.labels ? Array.prototype.slice.call(select.labels) : [];
    var name = labels.length ? labels[0].textContent.trim() : "";
    var texts = select.dataset;

    var box = document.createElement("div");
    box.className = "picker";
    var chosen = document.createElement("ul");
    chosen.className = "picker-chosen";
    chosen.setAttribute("aria-label", texts.pickerChosen + (name ? ": " + name : ""));
    var input = document.createElement("input");
    input.type = "text";
    input.className = "picker-input";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("spellcheck", "false");
    var list = document.createElement("ul");
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    if (multiple) list.setAttribute("aria-multiselectable", "true");
    if (name) list.setAttribute("aria-label", name);
    var none = document.createElement("p");
    none.className = "picker-none";
    none.hidden = true;
    none.textContent = texts.pickerNone;
    var hint = document.createElement("p");
    hint.className = "visually-hidden";
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    // The input takes the select's place: its id (labels, the error summary's link), its hint
    // and error, and its invalid state.
    select.id = id + "-select";
    input.id = id;
    list.id = id + "-listbox";
    hint.id = id + "-pickerhint";
    hint.textContent = texts.pickerHint;
    input.setAttribute("aria-controls", list.id);
    var described = (select.getAttribute("aria-describedby") || "").trim();
    input.setAttribute("aria-describedby", (described ? described + " " : "") + hint.id);
    if (select.getAttribute("aria-invalid")) input.setAttribute("aria-invalid", select.getAttribute("aria-invalid"));
    if (select.required) input.setAttribute("aria-required", "true");
    labels.forEach(function (label) { label.htmlFor = id; });

    var empty = null;
    var items = [];
    Array.prototype.forEach.call(select.options, function (option, index) {
      if (option.value === "") { empty = option; return; }
      if (option.disabled) return;
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = id + "-option-" + index;
      li.textContent = option.textContent;
      if (option.lang) li.lang = option.lang;
      list.appendChild(li);
      var key = option.dataset.key || fold(option.textContent);
      items.push({ option: option, li: li, key: key, words: key.split(" "), index: index, rank: 1 });
    });
    input.placeholder = empty && !/^-+$/.test(empty.textContent.trim()) ? empty.textContent.trim() : texts.pickerSearch;

    var active = -1;
    function shown() { return items.filter(function (item) { return !item.li.hidden; }); }
    function setActive(index) {
      var visible = shown();
      items.forEach(function (item) { item.li.classList.remove("is-active"); });
      active = visible.length ? Math.max(0, Math.min(index, visible.length - 1)) : -1;
      if (active < 0) { input.removeAttribute("aria-activedescendant"); return; }
      var li = visible[active].li;
      li.classList.add("is-active");
      input.setAttribute("aria-activedescendant", li.id);
      li.scrollIntoView({ block: "nearest" });
    }
    function open() {
      if (!list.hidden) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function close() {
      list.hidden = true;
      none.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      items.forEach(function (item) { item.li.classList.remove("is-active"); });
      active = -1;
    }
    function filter() {
      var words = fold(input.value).split(" ").filter(Boolean);
      var found = 0;
      items.forEach(function (item) {
        // Every word typed starts a word of the name ("gor" does not find Podgorica).
        var match = words.every(function (word) {
          return item.words.some(function (part) { return part.lastIndexOf(word, 0) === 0; });
        });
        item.li.hidden = !match;
        // Names that start with what was typed come first ("pod": Podgorica before
        // "Bijelo Polje: ... podrška"), then the select's own order.
        item.rank = match && words.length && item.key.lastIndexOf(words.join(" "), 0) === 0 ? 0 : 1;
        if (match) found += 1;
      });
      items.sort(function (a, b) { return a.rank - b.rank || a.index - b.index; });
      items.forEach(function (item) { list.appendChild(item.li); });
      // "Nothing matches" is said beside the listbox, which holds options only.
      list.classList.toggle("is-empty", !found);
      none.hidden = found > 0 || list.hidden;
      status.textContent = words.length ? (found ? say(texts.pickerFound, { n: found }) : texts.pickerNone) : "";
      if (!list.hidden) setActive(0);
    }
    function changed(message) {
      renderChosen();
      status.textContent = message;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function choose(item) {
      var label = item.option.textContent.trim();
      if (multiple) {
        item.option.selected = !item.option.selected;
        changed(say(item.option.selected ? texts.pickerAdded : texts.pickerRemoved, { name: label }));
      } else {
        item.option.selected = true;
        input.value = "";
        filter();
        close();
        changed(say(texts.pickerAdded, { name: label }));
      }
    }
    function remove(item, focusNext) {
      var label = item.option.textContent.trim();
      item.option.selected = false;
      if (!multiple && empty) empty.selected = true;
      changed(say(texts.pickerRemoved, { name: label }));
      var buttons = chosen.querySelectorAll("button");
      if (focusNext && buttons.length) buttons[Math.min(focusNext - 1, buttons.length - 1)].focus();
      else input.focus();
    }
    function chosenItems() {
      return items.filter(function (item) { return item.option.selected; })
        .sort(function (a, b) { return a.index - b.index; });
    }
    function renderChosen() {
      chosen.textContent = "";
      var picked = chosenItems();
      picked.forEach(function (item, index) {
        var li = document.createElement("li");
        var span = document.createElement("span");
        span.textContent = item.option.textContent.trim();
        var button = document.createElement("button");
        button.type = "button";
        button.className = "picker-remove";
        button.setAttribute("aria-label", say(texts.pickerRemove, { name: span.textContent }));
        button.textContent = "×";
        button.addEventListener("click", function () { remove(item, index + 1); });
        li.appendChild(span);
        // A single select with no empty choice always holds one: it is changed, not removed.
        if (multiple || empty) li.appendChild(button);
        chosen.appendChild(li);
      });
      chosen.hidden = !picked.length;
      items.forEach(function (item) { item.li.setAttribute("aria-selected", String(item.option.selected)); });
    }

    input.addEventListener("input", function () { open(); filter(); });
    input.addEventListener("focus", function () { box.classList.add("has-focus"); });
    input.addEventListener("click", function () { if (list.hidden) { open(); filter(); } else close(); });
    input.addEventListener("keydown", function (event) {
      var visible;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (list.hidden) { open(); filter(); } else setActive(active + 1);
          break;
        case "ArrowUp":
          event.preventDefault();
          if (list.hidden) { open(); filter(); setActive(shown().length - 1); } else setActive(active - 1);
          break;
        case "PageDown":
        case "PageUp":
          if (!list.hidden) { event.preventDefault(); setActive(active + (event.key === "PageDown" ? 10 : -10)); }
          break;
        case "Enter":
          if (!list.hidden) {
            event.preventDefault();
            visible = shown();
            if (active >= 0 && visible[active]) choose(visible[active]);
          }
          break;
        case "Escape":
          if (!list.hidden) { event.preventDefault(); close(); }
          else if (input.value) { event.preventDefault(); input.value = ""; filter(); status.textContent = ""; }
          break;
        case "Backspace":
          if (!input.value) {
            var picked = chosenItems();
            if (picked.length) { event.preventDefault(); remove(picked[picked.length - 1], 0); }
          }
          break;
        case "Tab":
          close();
          break;
      }
    });
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var li = event.target.closest("[role=option]");
      if (!li) return;
      items.forEach(function (item) { if (item.li === li) choose(item); });
      input.focus();
    });
    box.addEventListener("focusout", function (event) {
      if (!box.contains(event.relatedTarget)) { close(); box.classList.remove("has-focus"); }
    });

    var field = document.createElement("div");
    field.className = "picker-field";
    field.appendChild(input);
    field.appendChild(list);
    field.appendChild(none);
    box.appendChild(chosen);
    box.appendChild(field);
    box.appendChild(hint);
    box.appendChild(status);
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    select.insertAdjacentElement("afterend", box);
    renderChosen();
    filter();
  }

  function enhanceAll(root) {
    root.querySelectorAll("select[data-picker]").forEach(enhance);
  }
  enhanceAll(document);
  document.addEventListener("htmx:afterSettle", function (event) { enhanceAll(event.target); });
})();

// A list's filters refresh the results on every change (hx-trigger="change"), but a half-typed
// day would then be read as no filter at all with no word said: a date box applies with Enter
// or the Filter button, which load the whole page and its message when the day cannot be read.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (box.classList && box.classList.contains("day-input") && box.form && box.form.hasAttribute("hx-get")) {
    event.stopPropagation();
  }
}, true);

// The header's search box: htmx fills the dropdown as the reader types (the live count says how
// many, the list is not read out); it opens when it has something, ArrowDown goes into it, the
// arrows move between its links, Escape (or leaving it) closes it and returns to the box.
(function () {
  "use strict";
  var box = document.getElementById("site-search-q");
  var panel = document.getElementById("site-search-results");
  if (!box || !panel) return;
  var form = box.form;
  var toggle = document.querySelector(".search-toggle");
  var phone = window.matchMedia("(max-width: 40rem)");
  // Wide screens: the form opens under the header from its button (a phone shows it inline).
  if (toggle) {
    form.classList.add("js-search");
    toggle.hidden = false;
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function () {
      var opening = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(opening));
      if (opening) box.focus();
    });
  }
  function fold(refocusToggle) {
    if (toggle && !phone.matches && !box.value.trim()) {
      toggle.setAttribute("aria-expanded", "false");
      if (refocusToggle) toggle.focus();
    }
  }
  function links() { return Array.prototype.slice.call(panel.querySelectorAll("a")); }
  function open() { panel.hidden = !panel.innerHTML.trim(); }
  var quiet = false;  // the box takes the focus back from a closed dropdown: keep it closed
  function close(refocus) {
    panel.hidden = true;
    if (refocus) {
      quiet = true;
      box.focus();
      quiet = false;
    }
  }
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail && event.detail.target === panel) {
      if (document.activeElement === box || panel.contains(document.activeElement)) open();
    }
  });
  box.addEventListener("focus", function () { if (!quiet && box.value.trim()) open(); });
  box.addEventListener("input", function () { if (!box.value.trim()) close(false); });
  box.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && !panel.hidden && links().length) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (!panel.hidden) close(true);
      else fold(true);
    }
  });
  panel.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) box.focus();
      else if (next < all.length) all[next].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    }
  });
  form.addEventListener("focusout", function (event) {
    if (!form.contains(event.relatedTarget)) close(false);
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target) && !(toggle && toggle.contains(event.target))) {
      close(false);
      fold(false);
    }
  });
})();

// What an htmx swap changed, said in one short sentence: a list's count after its filters
// change, a job's stage as it runs. The live region is a status line that stays on the page
// (`data-live-status`); the swapped rows and tables are not live, or a screen reader would read
// them whole on every change. The sentence is the swapped content's `data-announce` element,
// and said only when it differs from the last one (a job polls every second).
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    var status = document.querySelector("[data-live-status]");
    var root = event.detail && event.detail.elt;
    if (!status || !root || !root.isConnected) root = document;
    var said = (root.querySelector && root.querySelector("[data-announce]")) ||
      document.querySelector("[data-announce]");
    if (!status || !said) return;
    var text = said.textContent.replace(/\s+/g, " ").trim();
    if (text && text !== status.textContent) status.textContent = text;
  });
})();
