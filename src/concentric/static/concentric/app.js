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
