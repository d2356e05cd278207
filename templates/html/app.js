(function () {
  "use strict";

  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function byId(id) { return document.getElementById(id); }
  function words(s) { return s.toLowerCase().split(/\s+/).filter(function (w) { return w !== ""; }); }
  function matches(hay, terms) {
    for (var i = 0; i < terms.length; i++) {
      if (hay.indexOf(terms[i]) < 0) { return false; }
    }
    return true;
  }

  // Findings: search, severity, status, subject kind and "new only".
  var form = byId("finding-filters");
  if (form) {
    var search = byId("f-search"), severity = byId("f-severity"), verdict = byId("f-verdict"),
        kind = byId("f-kind"), onlyNew = byId("f-new"), count = byId("finding-count"),
        empty = byId("finding-empty");
    var rows = all("tr.finding");
    var groups = all("article.control");
    var apply = function () {
      var terms = words(search.value);
      var shown = 0;
      rows.forEach(function (tr) {
        var ok = matches(tr.getAttribute("data-search"), terms) &&
          (!severity.value || tr.getAttribute("data-severity") === severity.value) &&
          (!verdict.value || tr.getAttribute("data-verdict") === verdict.value) &&
          (!kind.value || tr.getAttribute("data-kind") === kind.value) &&
          (!onlyNew || !onlyNew.checked || tr.getAttribute("data-baseline") === "new");
        tr.hidden = !ok;
        if (ok) { shown++; }
      });
      groups.forEach(function (g) { g.hidden = all("tr.finding:not([hidden])", g).length === 0; });
      count.textContent = "Showing " + shown + " of " + rows.length + " findings";
      empty.hidden = shown !== 0;
    };
    [search, severity, verdict, kind, onlyNew].forEach(function (el) {
      if (!el) { return; }
      el.addEventListener("input", apply);
      el.addEventListener("change", apply);
    });
    form.addEventListener("reset", function (e) {
      e.preventDefault();
      search.value = "";
      severity.value = "";
      verdict.value = "";
      kind.value = "";
      if (onlyNew) { onlyNew.checked = false; }
      apply();
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  // Inventory search.
  var isearch = byId("i-search");
  if (isearch) {
    var subjects = all("tr.subject");
    var kinds = all("section.kind");
    isearch.addEventListener("input", function () {
      var terms = words(isearch.value);
      subjects.forEach(function (tr) { tr.hidden = !matches(tr.getAttribute("data-search"), terms); });
      kinds.forEach(function (k) { k.hidden = all("tr.subject:not([hidden])", k).length === 0; });
    });
  }

  // Printing shows everything: folded sections open, filters lifted.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = all("details:not([open])");
    opened.forEach(function (d) { d.open = true; });
    all("[data-search][hidden], article.control[hidden], section.kind[hidden]").forEach(function (el) {
      el.setAttribute("data-print-hidden", "");
      el.hidden = false;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    all("[data-print-hidden]").forEach(function (el) {
      el.removeAttribute("data-print-hidden");
      el.hidden = true;
    });
  });

  // A link to a finding (#TG-…) or control opens and shows it.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && byId(id);
    if (!el) { return; }
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
