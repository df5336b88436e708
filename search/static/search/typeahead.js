/* Search box suggestions: asks /api/v1/search/suggest/ as the buyer types (debounced) and
   lists artists, vibes and artworks; arrows move, Enter opens, Escape closes. */
(function () {
  "use strict";
  var DEFAULT_URL = "/api/v1/search/suggest/";

  function attach(input) {
    if (input.dataset.typeahead) { return; }
    input.dataset.typeahead = "on";
    var url = input.dataset.suggestUrl || DEFAULT_URL;
    var list = document.createElement("ul");
    var timer = null, active = -1, items = [], last = "";
    list.className = "search-suggest";
    list.id = (input.id || "q") + "-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.parentNode.insertBefore(list, input.nextSibling);

    function close() { list.hidden = true; active = -1; input.setAttribute("aria-expanded", "false"); }
    function select(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
    }
    function render(suggestions) {
      list.textContent = "";
      items = suggestions;
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = list.id + "-" + i;
        li.textContent = s.label;
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = s.kind;
        li.appendChild(kind);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = s.url; });
        list.appendChild(li);
      });
      list.style.left = input.offsetLeft + "px";
      list.style.top = (input.offsetTop + input.offsetHeight) + "px";
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
      active = -1;
    }
    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      if (q === last) { return; }
      last = q;
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === q) { render(data.suggestions || []); } })
        .catch(close);
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fetchSuggestions, 150); });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); select((active + 1) % items.length); }
      else if (event.key === "ArrowUp") { event.preventDefault(); select((active - 1 + items.length) % items.length); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); window.location.href = items[active].url; }
    });
  }

  function addStyles() {
    // Self-contained, so every page's search box gets a usable list without more CSS.
    if (document.getElementById("search-suggest-styles")) { return; }
    var style = document.createElement("style");
    style.id = "search-suggest-styles";
    style.textContent = "form[role=search]{position:relative}" +
      ".search-suggest{position:absolute;z-index:60;list-style:none;margin:.25rem 0 0;padding:.25rem 0;" +
      "background:#fff;border:1px solid #d8d2c8;border-radius:8px;box-shadow:0 8px 24px rgba(0,0,0,.12);min-width:16rem}" +
      ".search-suggest li{padding:.4rem .8rem;cursor:pointer;color:#1f1d1b}" +
      ".search-suggest li[aria-selected=true],.search-suggest li:hover{background:#f3efe8}" +
      ".search-suggest .kind{color:#8a837a;font-size:.8em;margin-left:.5em}";
    document.head.appendChild(style);
  }

  function init() {
    addStyles();
    var inputs = document.querySelectorAll("form[role=search] input[name=q], input[data-suggest-url]");
    Array.prototype.forEach.call(inputs, attach);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
