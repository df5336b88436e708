/* Artiqo's small progressive enhancements: the phone menu, the artwork gallery, the filter panel.
   Every page works without it; this only saves clicks. */
(function () {
  "use strict";

  var phone = window.matchMedia("(max-width: 760px)");

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
        stageImage.src = thumb.href;
        document.querySelectorAll("[data-gallery-thumb]").forEach(function (other) {
          other.removeAttribute("aria-current");
        });
        thumb.setAttribute("aria-current", "true");
      });
    });
  }

  function setupFilters() {
    // The filter panel starts open (for no-JS visitors); on a phone it folds away.
    var panel = document.querySelector("[data-collapse-on-phone]");
    if (panel && phone.matches) panel.removeAttribute("open");
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupMenu();
    setupGallery();
    setupFilters();
  });
})();
