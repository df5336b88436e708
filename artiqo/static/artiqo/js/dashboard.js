/* Oscar's dashboard, after Oscar's own start-up (loaded after it by
   templates/oscar/dashboard/layout.html, so this ready handler runs after Oscar's). */
$(function () {
  // Oscar's bulk actions add a "select all" checkbox to a list's first column with no
  // name for screen readers; give it one.
  $('input[name="select_all"]').attr("aria-label", "Select all rows on this page");

  // On a phone a wide table scrolls in its own box (artiqo/css/dashboard.css); such a box
  // takes the keyboard focus so it can be scrolled with the arrow keys, as the studio's do.
  function focusableScrollers() {
    $(".page-content table.table").each(function () {
      if (this.scrollWidth > this.clientWidth + 1) {
        this.setAttribute("tabindex", "0");
      } else if (this.getAttribute("tabindex") === "0") {
        this.removeAttribute("tabindex");
      }
    });
  }
  focusableScrollers();
  $(window).on("resize", focusableScrollers);
});
