// Outward's only script besides htmx: small progressive enhancements, no inline handlers.
document.addEventListener("click", (event) => {
  const row = event.target.closest("[data-href]");
  if (row && !event.target.closest("a, button, input, select")) {
    window.location.href = row.dataset.href;
  }
});
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
