/* Client-side search of the services page. No server, no CDN: the index is the global
   LPPS_INDEX set by search-index.js (fetch() of file:// URLs is blocked by browsers).
   Filters can be preset from the URL: services.html?q=...&target_group=...&area=...&type=...&form=...&free=1 */
(function () {
  "use strict";
  var index = window.LPPS_INDEX;
  var form = document.getElementById("filters");
  if (!index || !form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-id]"));
  var fields = ["q", "target_group", "type", "area", "form"];

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function matches(service, wanted) {
    if (!service) { return false; }
    if (wanted.target_group && service.target_groups.indexOf(wanted.target_group) < 0) { return false; }
    if (wanted.area && service.areas.indexOf(wanted.area) < 0) { return false; }
    if (wanted.type && service.type !== wanted.type) { return false; }
    if (wanted.form && service.form !== wanted.form) { return false; }
    if (wanted.free && !(service.free > 0)) { return false; }
    var text = fold(service.text);
    return fold(wanted.q).split(/\s+/).every(function (word) { return !word || text.indexOf(word) >= 0; });
  }

  function apply() {
    var wanted = {free: form.elements.free.checked};
    fields.forEach(function (name) { wanted[name] = form.elements[name].value.trim(); });
    var shown = 0;
    rows.forEach(function (row) {
      var visible = matches(index.services[row.getAttribute("data-id")], wanted);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    var template = document.getElementById("count-text");
    var count = document.getElementById("count");
    if (template && count) {
      count.textContent = template.innerHTML.replace("{shown}", shown).replace("{total}", rows.length);
    }
  }

  var params = new URLSearchParams(window.location.search);
  fields.forEach(function (name) {
    if (params.has(name)) { form.elements[name].value = params.get(name); }
  });
  form.elements.free.checked = params.get("free") === "1";
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  document.documentElement.classList.add("js");
  apply();
}());
