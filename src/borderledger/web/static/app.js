// BorderLedger: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Source page: when the URL names an evidence span (#ev-12), emphasise all of its pieces.
  function markTarget() {
    var id = (location.hash || "").replace(/^#ev-/, "");
    document.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    if (!/^\d+$/.test(id)) return;
    var first = null;
    document.querySelectorAll("mark[data-ev]").forEach(function (m) {
      if (m.getAttribute("data-ev").split(" ").indexOf(id) !== -1) {
        m.classList.add("current");
        first = first || m;
      }
    });
    if (first && first.scrollIntoView) first.scrollIntoView({ block: "center" });
  }
  // Fact page: a "copy link" button (hidden unless the clipboard is available).
  function copyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("button.copy[data-copy]").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () {
        navigator.clipboard.writeText(b.getAttribute("data-copy")).then(function () {
          b.textContent = "Link copied";
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { markTarget(); copyButtons(); });
  window.addEventListener("hashchange", markTarget);
})();
