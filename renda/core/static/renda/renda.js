/* Renda page behaviour: charts from json_script data, the large-type switch. */
(function () {
  "use strict";
  // With script the phone layout folds the office menu behind the 菜单 button.
  document.documentElement.classList.add("js");
  function renderCharts(root) {
    if (typeof window.echarts === "undefined") return;
    root.querySelectorAll("[data-echarts]").forEach(function (el) {
      if (el.dataset.rendered) return;
      var source = document.getElementById(el.dataset.echarts);
      if (!source) return;
      var option = JSON.parse(source.textContent);
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option);
      el.dataset.rendered = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  function applyType() {
    if (localStorage.getItem("renda-large-type") === "1") document.documentElement.classList.add("large-type");
  }
  // A table that scrolls sideways (on a phone) can be scrolled from the keyboard too:
  // while it overflows, it takes the focus.
  function markScrollers() {
    document.querySelectorAll("table.data, .table-scroll").forEach(function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.dataset.scroller = "1";
      } else if (!scrolls && el.dataset.scroller) {
        el.removeAttribute("tabindex");
        delete el.dataset.scroller;
      }
    });
  }
  // <table data-sortable>: a click on a header sorts the rows by that column, numbers
  // as numbers (a cell's data-sort wins over its text), and again the other way round.
  function sortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.cells.length > index; });
        function key(row) {
          var cell = row.cells[index];
          var raw = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
          var number = parseFloat(raw.replace(/[%,，\s]/g, ""));
          return isNaN(number) ? raw : number;
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b), order;
          if (typeof x === "number" && typeof y === "number") order = x - y;
          else order = String(x).localeCompare(String(y), "zh-Hans-CN");
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  // On a phone a table's rows become cards: each cell is labelled with its column's
  // heading (shown by the stylesheet below 40rem). Tables that scroll on purpose (in
  // .table-scroll, or marked data-no-stack) keep their columns. The table roles are set
  // explicitly so a screen reader still reads a table when the cells are laid out as blocks.
  function stackTables() {
    document.querySelectorAll("table.data").forEach(function (table) {
      if (table.closest(".table-scroll") || table.hasAttribute("data-no-stack") || !table.tHead) return;
      var heads = [];
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        for (var i = 0; i < (th.colSpan || 1); i++) heads.push(th.textContent.trim());
        th.setAttribute("role", "columnheader");
      });
      table.tHead.rows[0].setAttribute("role", "row");
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          row.setAttribute("role", "row");
          var col = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if ((cell.colSpan || 1) === 1 && heads[col] && !cell.hasAttribute("data-label")) {
              cell.setAttribute("data-label", heads[col]);
            }
            if (!cell.hasAttribute("role")) cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
            col += cell.colSpan || 1;
          });
        });
      });
      table.setAttribute("role", "table");
      table.classList.add("stack");
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    applyType();
    stackTables();
    document.querySelectorAll("table[data-sortable]").forEach(sortable);
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
    renderCharts(document);
    markScrollers();
    window.addEventListener("resize", markScrollers);
    document.querySelectorAll("[data-nav-toggle]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var nav = document.getElementById(btn.getAttribute("aria-controls"));
        if (!nav) return;
        var open = nav.classList.toggle("open");
        btn.setAttribute("aria-expanded", open ? "true" : "false");
      });
    });
    // A choice that decides which other fields the form asks for: a field marked
    // data-show-for="<value>" shows only while that value is chosen (all show without script).
    document.querySelectorAll(".field[data-controls-fields] select").forEach(function (select) {
      var form = select.form;
      function apply() {
        form.querySelectorAll(".field[data-show-for]").forEach(function (field) {
          field.hidden = field.dataset.showFor !== select.value;
        });
      }
      select.addEventListener("change", apply);
      apply();
    });
    // "Select all": <input type="checkbox" data-check-all="form-id"> ticks every enabled
    // checkbox that belongs to that form (also those placed in a table with form="…").
    document.querySelectorAll("[data-check-all]").forEach(function (all) {
      all.addEventListener("change", function () {
        var form = document.getElementById(all.dataset.checkAll);
        if (!form) return;
        Array.prototype.forEach.call(form.elements, function (el) {
          if (el !== all && el.type === "checkbox" && !el.disabled) el.checked = all.checked;
        });
      });
    });
    // A search box over a long list of checkboxes: <input data-filter="#id_list">.
    document.querySelectorAll("[data-filter]").forEach(function (input) {
      var list = document.querySelector(input.dataset.filter);
      if (!list) return;
      input.addEventListener("input", function () {
        var q = input.value.trim().toLowerCase();
        list.querySelectorAll("label").forEach(function (label) {
          var row = label.parentElement && label.parentElement !== list ? label.parentElement : label;
          row.hidden = q !== "" && label.textContent.toLowerCase().indexOf(q) < 0;
        });
      });
    });
    document.querySelectorAll("[data-large-type-toggle]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var on = document.documentElement.classList.toggle("large-type");
        localStorage.setItem("renda-large-type", on ? "1" : "0");
        btn.setAttribute("aria-pressed", on ? "true" : "false");
      });
    });
  });
  document.body && document.body.addEventListener("htmx:afterSwap", function (e) { renderCharts(e.target); });
})();
