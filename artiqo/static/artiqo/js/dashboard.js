/* Oscar's dashboard, after Oscar's own start-up (loaded after it by
   templates/oscar/dashboard/layout.html, so this ready handler runs after Oscar's).
   Oscar's bulk actions add a "select all" checkbox to a list's first column with no name
   for screen readers; give it one. */
$(function () {
  $('input[name="select_all"]').attr("aria-label", "Select all rows on this page");
});
