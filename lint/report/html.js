// cliniclint HTML report: family/severity filters, and jumping from a listed finding to its highlight.
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));

  function shown(element) {
    // A finding shows when neither its family nor its severity is switched off.
    return boxes.every(function (box) { return box.checked || !element.classList.contains(box.dataset.filter); });
  }

  function refresh() {
    document.querySelectorAll("li.finding").forEach(function (item) {
      item.classList.toggle("hidden", !shown(item));
    });
    document.querySelectorAll("mark.hl").forEach(function (mark) {
      // A piece of text stays highlighted while any finding covering it is shown.
      var visible = mark.dataset.findings.split(" ").some(function (id) {
        var item = document.querySelector('li.finding[data-finding="' + id + '"]');
        return item && !item.classList.contains("hidden");
      });
      mark.classList.toggle("muted", !visible);
    });
  }

  boxes.forEach(function (box) { box.addEventListener("change", refresh); });

  document.querySelectorAll("li.finding").forEach(function (item) {
    item.addEventListener("click", function () {
      var marks = document.querySelectorAll("mark.hl");
      for (var i = 0; i < marks.length; i++) {
        if (marks[i].dataset.findings.split(" ").indexOf(item.dataset.finding) >= 0) {
          marks[i].scrollIntoView({block: "center"});
          marks[i].classList.add("flash");
          setTimeout(function (mark) { mark.classList.remove("flash"); }, 1200, marks[i]);
          break;
        }
      }
    });
  });

  refresh();
  // Lets a test (or a curious reader) see that the script ran to the end.
  document.documentElement.dataset.ready = "true";
})();
