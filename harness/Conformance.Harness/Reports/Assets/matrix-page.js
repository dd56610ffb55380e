// The matrix page's behaviour: filters, the "only differences" toggle, and the panel with every case of a
// cell. Text from the runs is only ever set as text, never as markup.
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("data").textContent);
  const text = i => (i < 0 ? null : data.strings[i]);
  const form = document.getElementById("filters");
  const rows = [...document.querySelectorAll("#matrix tbody tr.check")];
  const areaRows = [...document.querySelectorAll("#matrix tbody tr.area")];
  const shownLevels = new Set([...form.querySelectorAll("input[name=level]")].map(i => i.value));
  const met = v => v === "pass" || v === "info";

  function apply() {
    const area = form.area.value, verdict = form.verdict.value, differences = form.differences.checked;
    const levels = new Set([...form.querySelectorAll("input[name=level]:checked")].map(i => i.value));
    const words = form.search.value.trim().toLowerCase().split(/\s+/).filter(w => w);
    let shown = 0;
    for (const tr of rows) {
      const verdicts = tr.dataset.verdicts.split(" ");
      const visible = (area === "" || tr.dataset.area === area)
        && (levels.has(tr.dataset.level) || !shownLevels.has(tr.dataset.level))
        && (verdict === "" || (verdict === "not-met" ? verdicts.some(v => !met(v)) : verdicts.includes(verdict)))
        && (!differences || tr.dataset.differs === "1")
        && words.every(w => tr.dataset.search.includes(w));
      tr.hidden = !visible;
      if (visible) shown++;
    }
    for (const a of areaRows) a.hidden = !rows.some(r => r.dataset.area === a.dataset.area && !r.hidden);
    document.getElementById("shown").textContent = `${shown} of ${rows.length} checks shown`;
  }
  form.addEventListener("input", apply);
  form.addEventListener("submit", e => e.preventDefault());

  const panel = document.getElementById("detail");
  const body = document.getElementById("detail-body");
  let selected = null;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  function show(id, col) {
    const check = data.checks[id], run = data.runs[col], listIndex = data.cells[id] ? data.cells[id][col] : undefined;
    if (!check || !run || listIndex === undefined) return;
    if (selected) selected.classList.remove("selected");
    selected = document.querySelector(`#matrix tr.check[data-id="${CSS.escape(id)}"] td[data-col="${col}"]`);
    if (selected) {
      selected.classList.add("selected");
      selected.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
    const spec = text(check[2]);
    const links = [];
    if (spec) links.push(el("a", { href: spec }, "spec"));
    if (run.report) links.push(el("a", { href: run.report }, "this run's report"));
    links.push(el("a", { href: run.results }, "results.json"));
    const meta = el("p", { class: "meta" }, `${run.name} · ${run.server} · ${run.date} · `);
    links.forEach((a, i) => { if (i) meta.append(" · "); meta.append(a); });
    const list = el("ol");
    if (listIndex < 0) list.append(el("li", { class: "v-none" }, "This run has no result for this check."));
    else for (const [c, subject, verdict, reason, finding, detection, baseline] of data.lists[listIndex]) {
      const v = text(verdict);
      list.append(el("li", { class: `v-${v}` },
        el("b", null, v), " ", el("code", null, text(subject)), text(c) && text(c) !== text(subject) ? ` (${text(c)})` : "",
        el("span", { class: "extra" }, text(reason)),
        text(finding) ? el("span", { class: "extra" }, `finding: ${text(finding)}`) : null,
        text(detection) ? el("span", { class: "extra" }, `detected by: ${text(detection)}`) : null,
        text(baseline) ? el("span", { class: "extra" }, text(baseline)) : null));
    }
    body.replaceChildren(el("h2", null, `${id} ${text(check[0])} (${text(check[1])})`), meta, list);
    panel.hidden = false;
    history.replaceState(null, "", `#${encodeURIComponent(id)}@${col}`);
  }

  function close() {
    panel.hidden = true;
    if (selected) selected.classList.remove("selected");
    selected = null;
    history.replaceState(null, "", location.pathname + location.search);
  }

  document.getElementById("matrix").addEventListener("click", e => {
    const td = e.target.closest("td.cell");
    if (td && !e.target.closest("a")) show(td.parentElement.dataset.id, Number(td.dataset.col));
  });
  document.getElementById("matrix").addEventListener("keydown", e => {
    const td = e.target.closest("td.cell");
    if (td && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); show(td.parentElement.dataset.id, Number(td.dataset.col)); }
  });
  document.getElementById("close").addEventListener("click", close);
  document.addEventListener("keydown", e => { if (e.key === "Escape" && !panel.hidden) close(); });

  apply();
  const linked = /^#(.+)@(\d+)$/.exec(location.hash);
  if (linked) show(decodeURIComponent(linked[1]), Number(linked[2]));
})();
