// cliniclint HTML report: the popover, filters, the article/source switch and keyboard navigation.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("finding-data").textContent);
  var popover = document.getElementById("popover");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var cards = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var MARGIN = 8; // px kept between the popover and the window's edges

  function marksOf(id, root) {
    return Array.prototype.filter.call((root || document).querySelectorAll("mark.hl"), function (mark) {
      return mark.dataset.findings.split(" ").indexOf(id) >= 0;
    });
  }

  function cardOf(id) { return document.querySelector('li.finding[data-finding="' + id + '"]'); }

  // -- filters: a finding shows when both its family and its severity are switched on
  function shown(card) {
    return boxes.every(function (box) { return box.checked || card.dataset[box.dataset.filter] !== box.value; });
  }

  function refresh() {
    cards.forEach(function (card) { card.classList.toggle("hidden", !shown(card)); });
    document.querySelectorAll("mark.hl").forEach(function (mark) {
      // A piece of text stays highlighted while any finding covering it is shown.
      var visible = mark.dataset.findings.split(" ").some(function (id) {
        var card = cardOf(id);
        return card && !card.classList.contains("hidden");
      });
      mark.classList.toggle("muted", !visible);
    });
    if (current && cardOf(current).classList.contains("hidden")) { hide(); }
  }
  boxes.forEach(function (box) { box.addEventListener("change", refresh); });

  // -- the popover: built from the finding data as text, placed to fit inside the window
  function line(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function fill(ids) {
    popover.textContent = "";
    ids.forEach(function (id) {
      var f = data[id];
      var head = document.createElement("div");
      head.className = "head";
      head.textContent = f.code + " " + f.rule + " ";
      var sev = document.createElement("span");
      sev.className = "sev";
      sev.textContent = f.family + " · " + f.severity;
      head.appendChild(sev);
      popover.appendChild(head);
      popover.appendChild(line("message", f.message));
      if (f.suggestions.length) {
        popover.appendChild(line("suggestion", "→ " + f.suggestions.join(" | ") + (f.fix === "safe" ? " (safe fix)" : "")));
      }
      if (f.about) { popover.appendChild(line("about", f.about)); }
    });
  }

  function place(mark) {
    var rects = mark.getClientRects();
    var anchor = rects.length ? rects[0] : mark.getBoundingClientRect();
    popover.style.left = "0px";
    popover.style.top = "0px";
    popover.hidden = false;
    var width = popover.offsetWidth, height = popover.offsetHeight;
    var left = Math.min(Math.max(MARGIN, anchor.left), window.innerWidth - width - MARGIN);
    var top = anchor.bottom + 6;
    if (top + height > window.innerHeight - MARGIN) { top = anchor.top - height - 6; }
    popover.style.left = Math.max(MARGIN, left) + "px";
    popover.style.top = Math.max(MARGIN, top) + "px";
  }

  function showFor(mark, ids) {
    var visible = ids.filter(function (id) { var card = cardOf(id); return card && !card.classList.contains("hidden"); });
    if (!visible.length) { return; }
    fill(visible);
    place(mark);
  }

  function hide() { popover.hidden = true; }

  document.addEventListener("mouseover", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark && !mark.classList.contains("muted")) { showFor(mark, mark.dataset.findings.split(" ")); }
  });
  document.addEventListener("mouseout", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (!mark || (event.relatedTarget && mark.contains(event.relatedTarget)) || mark.classList.contains("current")) { return; }
    // Back to the finding being stepped through, if there is one.
    var held = document.querySelector("mark.hl.current");
    if (held) { showFor(held, [current]); } else { hide(); }
  });
  window.addEventListener("scroll", function () { if (current) { var m = document.querySelector("mark.hl.current"); if (m) { place(m); } } }, true);
  window.addEventListener("resize", function () { var m = document.querySelector("mark.hl.current"); if (m && !popover.hidden) { place(m); } });

  // -- article or source
  function view(article, name) {
    article.dataset.view = name;
    article.querySelectorAll(".switch button").forEach(function (button) {
      button.setAttribute("aria-pressed", button.dataset.show === name ? "true" : "false");
    });
  }
  document.querySelectorAll(".switch button").forEach(function (button) {
    button.addEventListener("click", function () { view(button.closest("article"), button.dataset.show); hide(); });
  });

  // -- going from finding to finding
  var current = null;

  function select(id) {
    var card = cardOf(id);
    var article = card.closest("article");
    var details = article.querySelector("details");
    if (details && !details.open) { details.open = true; }
    if (card.dataset.inArticle === "false") { view(article, "source"); }
    var text = article.querySelector(article.dataset.view === "source" ? "pre.source" : ".rendered");
    document.querySelectorAll("mark.hl.current").forEach(function (m) { m.classList.remove("current"); });
    cards.forEach(function (c) { c.removeAttribute("aria-current"); });
    card.setAttribute("aria-current", "true");
    card.scrollIntoView({block: "nearest"});
    current = id;
    var marks = marksOf(id, text);
    if (!marks.length) { hide(); return; }
    marks.forEach(function (m) { m.classList.add("current"); });
    marks[0].scrollIntoView({block: "center"});
    marks[0].focus({preventScroll: true});
    showFor(marks[0], [id]);
  }

  function step(by) {
    var visible = cards.filter(function (card) { return !card.classList.contains("hidden"); });
    if (!visible.length) { return; }
    var at = visible.indexOf(current ? cardOf(current) : null);
    var next = at < 0 ? (by > 0 ? 0 : visible.length - 1) : Math.min(Math.max(at + by, 0), visible.length - 1);
    select(visible[next].dataset.finding);
  }

  cards.forEach(function (card) {
    card.querySelector(".jump").addEventListener("click", function () { select(card.dataset.finding); });
  });
  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark && !mark.classList.contains("muted")) {
      var id = mark.dataset.findings.split(" ").filter(function (i) { return !cardOf(i).classList.contains("hidden"); })[0];
      if (id) { select(id); }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) { return; }
    if (event.key === "j" || event.key === "n") { step(1); event.preventDefault(); }
    else if (event.key === "k" || event.key === "p") { step(-1); event.preventDefault(); }
    else if (event.key === "Escape") { hide(); }
    else if (event.key === "v" && current) {
      var article = cardOf(current).closest("article");
      view(article, article.dataset.view === "article" ? "source" : "article");
      select(current);
    }
  });

  // Printing shows every article's text, folded or not.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
    hide();
  });

  refresh();
  // Lets a test (or a curious reader) see that the script ran to the end.
  document.documentElement.dataset.ready = "true";
})();
