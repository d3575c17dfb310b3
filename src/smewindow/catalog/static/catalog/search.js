// Search as you type on the course zone and the provider list (no framework).
// The page is a plain GET form that works without this script. With it, a change of the
// form asks the same page for its results alone (?partial=1), 250 ms after the last key,
// aborting the request it replaces; the results region is swapped, the address bar gets
// the search (history.replaceState, so the link restores it), and the new count is read
// out by a polite live region. The focus stays where it is.
(() => {
  "use strict";
  const form = document.querySelector("form[data-live-search]");
  if (!form || !window.fetch || !window.AbortController) return;
  const results = document.getElementById(form.dataset.results);
  const status = document.getElementById(form.dataset.status);
  const DELAY = 250;
  let timer = 0;
  let pending = null;

  // The form's filled-in fields as a query string (empty fields are no filter).
  const query = () => {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim() !== "") params.append(name, value);
    }
    return params.toString();
  };

  const update = async () => {
    window.clearTimeout(timer);
    if (pending) pending.abort();
    const controller = new AbortController();
    pending = controller;
    const search = query();
    const url = `${form.action}?${search}${search ? "&" : ""}partial=1`;
    try {
      const response = await fetch(url, { signal: controller.signal, credentials: "same-origin" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      results.innerHTML = await response.text();
      window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
      const count = results.querySelector("[data-count]");
      status.textContent = count ? count.textContent.trim() : "";
    } catch (error) {
      if (error.name !== "AbortError") status.textContent = form.dataset.failed;
    } finally {
      if (pending === controller) pending = null;
    }
  };

  form.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, DELAY);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault(); // Enter searches at once, and the focus stays in the box
    update();
  });
})();
