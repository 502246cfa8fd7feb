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

// A button with data-print prints the page (a certificate): no inline script under the CSP.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
