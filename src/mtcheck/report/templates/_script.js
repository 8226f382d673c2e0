// Progressive enhancement only: every page reads fine without JavaScript.
(function () {
  "use strict";
  function sortValue(cell) {
    if (!cell) { return ""; }
    var raw = cell.getAttribute("data-sort");
    if (raw === null) { raw = cell.textContent.trim(); }
    var number = parseFloat(raw);
    return (raw !== "" && !isNaN(number) && isFinite(raw)) ? number : raw.toLowerCase();
  }
  function compare(a, b) {
    var aNum = typeof a === "number", bNum = typeof b === "number";
    if (aNum && bNum) { return a - b; }
    if (aNum) { return -1; }
    if (bNum) { return 1; }
    return a < b ? -1 : (a > b ? 1 : 0);
  }
  function makeSortable(table) {
    var headers = table.querySelectorAll("thead th[data-col]");
    headers.forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var col = parseInt(th.getAttribute("data-col"), 10);
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th[aria-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var order = compare(sortValue(r1.cells[col]), sortValue(r2.cells[col]));
          if (order === 0) { order = parseInt(r1.getAttribute("data-order"), 10) - parseInt(r2.getAttribute("data-order"), 10); return order; }
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  document.querySelectorAll("table.sortable").forEach(makeSortable);

  var table = document.getElementById("segments");
  var controls = document.getElementById("segment-controls");
  if (!table || !controls) { return; }
  controls.classList.remove("nojs");
  var onlyFindings = document.getElementById("only-findings");
  var scoreKey = document.getElementById("score-key");
  var scoreMax = document.getElementById("score-max");
  var status = document.getElementById("filter-status");
  function apply() {
    var limit = scoreMax && scoreMax.value !== "" ? parseFloat(scoreMax.value) : NaN;
    var key = scoreKey ? scoreKey.value : "";
    var rows = table.tBodies[0].rows, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i], hide = false;
      if (onlyFindings && onlyFindings.checked && row.getAttribute("data-findings") === "0") { hide = true; }
      if (!hide && !isNaN(limit) && key) {
        var badge = row.querySelector('.score[data-key="' + key.replace(/["\\]/g, "") + '"]');
        if (badge && parseFloat(badge.getAttribute("data-value")) > limit) { hide = true; }
      }
      row.hidden = hide;
      if (!hide) { shown++; }
    }
    status.textContent = "Showing " + shown + " of " + rows.length + " segments.";
  }
  [onlyFindings, scoreKey, scoreMax].forEach(function (el) {
    if (el) { el.addEventListener("input", apply); el.addEventListener("change", apply); }
  });
  apply();
})();
