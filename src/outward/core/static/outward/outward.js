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

// The main menu on a phone: a button that shows and hides it (aria-expanded says which).
const PHONE = window.matchMedia("(max-width: 640px)");
const menuToggle = document.querySelector(".menu-toggle");
if (menuToggle) {
  const topbar = menuToggle.closest(".topbar");
  const setMenu = (open) => {
    menuToggle.setAttribute("aria-expanded", String(open));
    topbar.classList.toggle("menu-closed", !open);
  };
  menuToggle.hidden = false;
  setMenu(!PHONE.matches);
  PHONE.addEventListener("change", () => setMenu(!PHONE.matches));
  menuToggle.addEventListener("click", () => {
    setMenu(menuToggle.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && PHONE.matches && menuToggle.getAttribute("aria-expanded") === "true") {
      setMenu(false);
      menuToggle.focus();
    }
  });
}

// A table wider than its card scrolls inside it; keyboard users reach the scroller too.
const markScrollers = () => {
  for (const wrap of document.querySelectorAll(".table-wrap")) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      const caption = wrap.querySelector("caption");
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
    } else if (wrap.getAttribute("role") === "region") {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  }
};
markScrollers();
window.addEventListener("resize", markScrollers);
document.addEventListener("htmx:afterSettle", markScrollers);

// After an in-place update (or a page shown again with a question or errors), the focus goes
// to what the user must read or fix: a marked message, else the first invalid field.
const focusAfterUpdate = (scope) => {
  const marked = scope.querySelector("[data-autofocus]");
  const target = marked || scope.querySelector('[aria-invalid="true"]');
  if (target) {
    if (marked) marked.removeAttribute("data-autofocus");
    target.focus();
  }
};
focusAfterUpdate(document);
document.addEventListener("htmx:afterSettle", (event) => focusAfterUpdate(event.detail.elt.isConnected ? event.detail.elt : document));

// A form marked data-busy (an upload) disables its button once sent, so it is not sent twice;
// a button waiting for a run (data-wait-for-task) comes back when the run's progress says done.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-busy]");
  if (!form) return;
  for (const button of form.querySelectorAll("button[type=submit]")) {
    button.disabled = true;
    if (button.dataset.busyLabel) button.textContent = button.dataset.busyLabel;
  }
});
document.addEventListener("htmx:afterSettle", () => {
  if (document.querySelector(".task[hx-get]")) return; // a run is still reporting progress
  for (const button of document.querySelectorAll("button[data-wait-for-task]")) {
    button.disabled = false;
    button.removeAttribute("data-wait-for-task");
    button.removeAttribute("aria-describedby");
    document.getElementById("import-running")?.remove();
  }
});
