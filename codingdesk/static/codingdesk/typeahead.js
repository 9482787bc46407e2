// Keyboard navigation for the search box's type-ahead list (htmx fills it).
// Up and Down move through the codes, Enter opens the highlighted one,
// Escape closes the list. Typing is debounced by hx-trigger's delay.
(function () {
  function options(list) { return Array.from(list.querySelectorAll('[role="option"]')); }

  function highlight(input, list, index) {
    const items = options(list);
    items.forEach((item, i) => item.setAttribute("aria-selected", i === index ? "true" : "false"));
    if (items[index]) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close(input, list) {
    list.innerHTML = "";
    input.setAttribute("aria-expanded", "false");
  }

  document.addEventListener("DOMContentLoaded", function () {
    const input = document.getElementById("site-search");
    const list = document.getElementById("typeahead");
    if (!input || !list) return;

    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (event.target !== list) return;
      input.setAttribute("aria-expanded", options(list).length ? "true" : "false");
      highlight(input, list, -1);
    });

    input.addEventListener("keydown", function (event) {
      const items = options(list);
      const current = items.findIndex((item) => item.getAttribute("aria-selected") === "true");
      if (event.key === "ArrowDown" && items.length) {
        event.preventDefault();
        highlight(input, list, Math.min(current + 1, items.length - 1));
      } else if (event.key === "ArrowUp" && items.length) {
        event.preventDefault();
        highlight(input, list, Math.max(current - 1, 0));
      } else if (event.key === "Enter" && current >= 0) {
        event.preventDefault();
        window.location.href = items[current].dataset.href;
      } else if (event.key === "Escape") {
        close(input, list);
      }
    });

    list.addEventListener("click", function (event) {
      const item = event.target.closest('[role="option"]');
      if (item && !event.target.closest("a")) window.location.href = item.dataset.href;
    });
  });
})();
