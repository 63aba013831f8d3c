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
  // Review queue: j/k move between facts, c confirms, r goes to the reason to reject, e edits.
  function reviewKeys() {
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-review-item]"));
    if (!items.length) return;
    var current = -1;
    function select(i) {
      if (i < 0 || i >= items.length) return;
      if (current >= 0) items[current].classList.remove("selected");
      current = i;
      items[i].classList.add("selected");
      items[i].focus();
      if (items[i].scrollIntoView) items[i].scrollIntoView({ block: "nearest" });
    }
    items.forEach(function (item, i) {
      item.addEventListener("focusin", function () {
        if (current >= 0 && current !== i) items[current].classList.remove("selected");
        current = i;
        item.classList.add("selected");
      });
    });
    document.addEventListener("keydown", function (e) {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName))) return;
      var item = current >= 0 ? items[current] : null;
      var el;
      if (e.key === "j") { select(current + 1); }
      else if (e.key === "k") { select(Math.max(current - 1, 0)); }
      else if (e.key === "c" && item) {
        el = item.querySelector("form.act-confirm");
        if (el) { if (el.requestSubmit) el.requestSubmit(); else el.submit(); }
      }
      else if (e.key === "r" && item) {
        el = item.querySelector("[data-action=reason]");
        if (el) el.focus();
      }
      else if (e.key === "e" && item) {
        el = item.querySelector("a[data-action=edit]");
        if (el) location.href = el.getAttribute("href");
      }
      else { return; }
      e.preventDefault();
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    markTarget(); copyButtons(); reviewKeys();
  });
  window.addEventListener("hashchange", markTarget);
})();
