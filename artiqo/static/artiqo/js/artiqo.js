/* Artiqo's small progressive enhancements: the phone menu, the artwork gallery and the similar
   works under an artwork (loaded after the page). The filter panel folds on a phone before the
   first paint, by templates/includes/filters_fold_on_phone.html.
   Every page works without it; this only saves clicks. */
(function () {
  "use strict";

  function setupMenu() {
    var toggle = document.querySelector(".nav-toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) return;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      menu.classList.toggle("is-open", !open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("is-open")) {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.remove("is-open");
        toggle.focus();
      }
    });
  }

  function setupGallery() {
    var stage = document.querySelector("[data-gallery-stage]");
    if (!stage) return;
    var stageImage = stage.querySelector("img");
    document.querySelectorAll("[data-gallery-thumb]").forEach(function (thumb) {
      thumb.addEventListener("click", function (event) {
        event.preventDefault();
        stage.href = thumb.href;
        // The stage offers sizes of the first picture (srcset): show the chosen one instead.
        stageImage.removeAttribute("srcset");
        stageImage.src = thumb.href;
        document.querySelectorAll("[data-gallery-thumb]").forEach(function (other) {
          other.removeAttribute("aria-current");
        });
        thumb.setAttribute("aria-current", "true");
      });
    });
  }

  // Cards built with DOM calls and textContent (never innerHTML), the markup of the
  // server-rendered cards (storefront/catalogue/templatetags/artwork_cards.py).
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function money(amount, currency) {
    try {
      return new Intl.NumberFormat(document.documentElement.lang || "en", { style: "currency", currency: currency }).format(Number(amount));
    } catch (error) {
      return amount + " " + currency;
    }
  }

  // The favourite heart of the server's cards (heart_button in artwork_cards.py), drawn empty:
  // collectors/static/collectors/collect.js paints the buyer's hearts and saves a click.
  var SVG = "http://www.w3.org/2000/svg";
  var HEART_PATH = "M12 21s-7.5-4.6-9.6-9.2C.9 8.4 3 4.5 6.7 4.5c2.2 0 3.7 1.2 5.3 3 1.6-1.8 3.1-3 5.3-3 " +
    "3.7 0 5.8 3.9 4.3 7.3C19.5 16.4 12 21 12 21z";

  function heartButton(id, title) {
    var button = element("button", "heart");
    button.type = "button";
    button.setAttribute("data-favourite", String(id));
    button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-label", "Save " + title + " to favourites");
    button.title = "Save to favourites";
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", HEART_PATH);
    svg.appendChild(path);
    button.appendChild(svg);
    return button;
  }

  function similarCard(item) {
    var artwork = item.artwork;
    var card = element("li", "art-card");
    var link = element("a", "art-card-link");
    link.href = artwork.url;
    var frame = element("span", "art-frame");
    var image = artwork.images && artwork.images[0];
    if (image && (image.thumbnail || image.original)) {
      var img = element("img");
      img.src = image.thumbnail || image.original;
      img.alt = "";
      img.loading = "lazy";
      frame.appendChild(img);
    } else {
      frame.appendChild(element("span", "art-placeholder"));
    }
    link.appendChild(frame);
    link.appendChild(element("span", "art-card-title", artwork.title));
    card.appendChild(link);
    card.appendChild(heartButton(artwork.id, artwork.title));
    if (artwork.artist) card.appendChild(element("p", "art-card-artist", artwork.artist.name));
    var meta = element("p", "art-card-meta");
    if (artwork.vibe) {
      var chip = element("span", "vibe-chip", artwork.vibe.name);
      chip.setAttribute("data-vibe", artwork.vibe.slug);
      meta.appendChild(chip);
    }
    if (artwork.price !== null) meta.appendChild(element("span", "art-card-price", money(artwork.price, artwork.currency)));
    card.appendChild(meta);
    if (item.reason && item.reason.text) card.appendChild(element("p", "art-card-reason", item.reason.text));
    return card;
  }

  function similarSection(title, items) {
    var section = element("section", "home-section");
    section.appendChild(element("h2", "", title));
    var grid = element("ul", "art-grid");
    items.forEach(function (item) { grid.appendChild(similarCard(item)); });
    section.appendChild(grid);
    return section;
  }

  function setupSimilar() {
    var box = document.querySelector("[data-similar-url]");
    if (!box || !window.fetch) return;
    fetch(box.getAttribute("data-similar-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.buyers_also_liked.length) box.appendChild(similarSection("Buyers of this also liked", data.buyers_also_liked));
        if (data.more_with_this_vibe.length) box.appendChild(similarSection("More with this vibe", data.more_with_this_vibe));
      })
      .catch(function () { /* a side list; the page is complete without it */ });
  }

  // Buttons that would otherwise need inline onclick handlers (blocked by the CSP).
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-action]");
    if (!target) return;
    var action = target.getAttribute("data-action");
    if (action === "print") { event.preventDefault(); window.print(); }
    if (action === "back") { event.preventDefault(); window.history.back(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    setupMenu();
    setupGallery();
    setupSimilar();
  });
})();
