/* Studio upload form: when the artist picks a picture, ask the studio API for the vibe and
   colour tags it suggests (POST /api/v1/studio/artworks/suggest, session cookie + CSRF token)
   and pre-fill those fields. A field the artist has changed themselves is left alone, and
   every suggestion stays editable until the form is saved. No third-party code. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-suggest-url]");
  if (!form || !window.fetch || !window.FormData) return;
  var images = form.querySelector("input[name=images]");
  var vibe = form.querySelector("select[name=vibe]");
  var colours = form.querySelector("input[name=colours]");
  if (!images) return;
  var suggested = { vibe: null, colours: null };
  var request = 0;

  var status = document.createElement("div");
  status.className = "suggestion-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  images.closest(".form-field").appendChild(status);

  function say(text) {
    status.textContent = text;
  }

  function untouched(field, value) {
    // Empty, or still what we suggested last time: ours to fill.
    return field && (field.value === "" || field.value === value);
  }

  function mark(field) {
    field.classList.add("is-suggested");
    field.addEventListener("input", function () { field.classList.remove("is-suggested"); }, { once: true });
    field.addEventListener("change", function () { field.classList.remove("is-suggested"); }, { once: true });
  }

  function fillVibe(guess) {
    if (!vibe || !guess) return null;
    var option = Array.prototype.find.call(vibe.options, function (item) { return item.text === guess.name; });
    if (!option || !untouched(vibe, suggested.vibe)) return null;
    vibe.value = option.value;
    suggested.vibe = option.value;
    mark(vibe);
    return option;
  }

  function fillColours(list) {
    if (!colours || !list.length || !untouched(colours, suggested.colours)) return false;
    colours.value = list.map(function (colour) { return colour.name; }).join(", ");
    suggested.colours = colours.value;
    mark(colours);
    return true;
  }

  function show(answer, filledVibe, filledColours) {
    status.textContent = "";
    var lead = document.createElement("p");
    var parts = [];
    if (answer.vibe) parts.push("vibe “" + answer.vibe.name + "” (" + Math.round(answer.vibe.confidence * 100) + "% sure)");
    if (answer.colours.length) parts.push("colours " + answer.colours.map(function (c) { return c.name; }).join(", "));
    lead.textContent = parts.length ? "Suggested from your picture: " + parts.join("; ") + "." : "No suggestion for this picture.";
    status.appendChild(lead);
    var swatches = document.createElement("ul");
    swatches.className = "colour-swatches";
    swatches.setAttribute("aria-hidden", "true");
    answer.colours.forEach(function (colour) {
      var item = document.createElement("li");
      item.style.backgroundColor = colour.hex;
      item.title = colour.name + " · " + Math.round(colour.share * 100) + "%";
      swatches.appendChild(item);
    });
    status.appendChild(swatches);
    var kept = (answer.vibe && !filledVibe) || (answer.colours.length && !filledColours);
    var hint = document.createElement("p");
    hint.className = "hint";
    hint.textContent = kept ? "Fields you had already filled in are kept as you wrote them."
                            : "They are filled in below: change them if they are not right.";
    status.appendChild(hint);
  }

  images.addEventListener("change", function () {
    var file = images.files && images.files[0];
    if (!file) return;
    var mine = ++request;
    var body = new FormData();
    body.append("image", file);
    ["title", "description"].forEach(function (name) {
      var field = form.querySelector("[name=" + name + "]");
      if (field && field.value) body.append(name, field.value);
    });
    say("Looking at your picture…");
    fetch(form.getAttribute("data-suggest-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value },
      body: body
    }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
    }).then(function (result) {
      if (mine !== request) return;  // a newer picture was picked meanwhile
      if (!result.ok) {
        var fields = (result.answer.error && result.answer.error.fields) || {};
        say((fields.image && fields.image[0]) || "No suggestion for this picture; choose the vibe and colours yourself.");
        return;
      }
      show(result.answer, fillVibe(result.answer.vibe), fillColours(result.answer.colours));
    }).catch(function () {
      if (mine === request) say("No suggestion right now; choose the vibe and colours yourself.");
    });
  });
})();
