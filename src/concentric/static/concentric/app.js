// Behaviour shared by every page; no inline scripts (the CSP forbids them).

// A button or link with data-confirm asks before it acts. A form with data-confirm asks once,
// on submit (its buttons must not ask a second time on click).
document.addEventListener("click", (event) => {
  const trigger = event.target.closest("[data-confirm]");
  if (trigger && trigger.tagName !== "FORM" && !window.confirm(trigger.dataset.confirm)) {
    event.preventDefault();
    event.stopPropagation();
  }
}, true);

document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
}, true);

// A filter form sends only the fields in use, so the address it puts in the history reads
// "?main_category=3", not every empty field.
document.addEventListener("htmx:configRequest", (event) => {
  const { elt, formData, verb } = event.detail;
  if (verb !== "get" || !elt.matches("form.app-filter")) return;
  for (const [name, value] of [...formData.entries()]) {
    if (value === "") formData.delete(name);
  }
});

// A table wider than its frame scrolls inside it (.table-responsive): such a frame joins the tab
// order, so that a keyboard can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable).
// Set as the page is parsed (this script closes the body) and after each htmx swap, before the
// swapped content settles; a resized window may change which frames scroll.
function focusScrollingTables() {
  for (const frame of document.querySelectorAll(".table-responsive")) {
    if (frame.scrollWidth > frame.clientWidth) frame.tabIndex = 0;
    else frame.removeAttribute("tabindex");
  }
}
focusScrollingTables();
document.addEventListener("htmx:afterSwap", focusScrollingTables);
window.addEventListener("resize", focusScrollingTables);

// A select of a filter form refreshes the results at once (its own form only: the bulk-action
// panel's selects beside it must not reload the list and lose the ticked rows).
document.addEventListener("change", (event) => {
  const select = event.target.closest("form.app-filter select");
  if (select && window.htmx) window.htmx.trigger(select.form, "submit");
});

// A form field shown only while another field of its form has a given value: its widget says
// data-shown-when="kind=money" (several values: "recipient_kind=pairing,activity"). Hidden fields
// keep what they hold; the server ignores what the chosen kind does not use.
function applyShownWhen(form) {
  for (const widget of form.querySelectorAll("[data-shown-when]")) {
    const [name, values] = widget.dataset.shownWhen.split("=");
    const control = form.elements.namedItem(name);
    const shown = control !== null && values.split(",").includes(control.value);
    const wrapper = widget.closest(".col-12") || widget;
    wrapper.hidden = !shown;
  }
}
for (const form of document.querySelectorAll("form")) {
  if (form.querySelector("[data-shown-when]")) applyShownWhen(form);
}
document.addEventListener("change", (event) => {
  const form = event.target.form;
  if (form && form.querySelector("[data-shown-when]")) applyShownWhen(form);
});

// A select of records with a search box before it (data-search-url, data-search-for: the
// select's id): typing asks that API list (its q filter, in the user's scope) and offers the
// first matches; a single match is chosen at once.
let searchTimer = null;
document.addEventListener("input", (event) => {
  const box = event.target.closest("input[data-search-url]");
  if (!box) return;
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => offerMatches(box), 250);
});
async function offerMatches(box) {
  const select = document.getElementById(box.dataset.searchFor);
  const query = box.value.trim();
  if (!select || !query) return;
  const url = `${box.dataset.searchUrl}?q=${encodeURIComponent(query)}&page_size=20`;
  const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (!response.ok || box.value.trim() !== query) return;
  const { results } = await response.json();
  const empty = select.options[0] && select.options[0].value === "" ? select.options[0].text : "";
  select.replaceChildren(new Option(empty, ""));
  for (const row of results) {
    select.add(new Option(row.phone ? `${row.name} ${row.phone}` : row.name, row.id));
  }
  if (results.length === 1) select.value = String(results[0].id);
  select.dispatchEvent(new Event("change", { bubbles: true }));
}
// A button with data-print prints the page (a certificate): no inline script under the CSP.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
// A multiple choice that may not hold what another field of its form chose (the organising unit
// among the co-organisers): its widget says data-excludes="org_unit"; that option is hidden and
// unticked while chosen there. The server refuses it all the same.
function applyExcludes(form) {
  for (const select of form.querySelectorAll("select[data-excludes]")) {
    const control = form.elements.namedItem(select.dataset.excludes);
    const chosen = control ? control.value : "";
    for (const option of select.options) {
      const excluded = chosen !== "" && option.value === chosen;
      option.hidden = excluded;
      if (excluded) option.selected = false;
    }
  }
}
for (const form of document.querySelectorAll("form")) {
  if (form.querySelector("select[data-excludes]")) applyExcludes(form);
}
document.addEventListener("change", (event) => {
  const form = event.target.form;
  if (form && form.querySelector("select[data-excludes]")) applyExcludes(form);
});
