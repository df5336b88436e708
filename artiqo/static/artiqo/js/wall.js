/* "Fits my wall": the work drawn to scale on a wall, next to a sofa or a person, in the
   browser from the work's real size and picture (no third-party code); and the wall size
   the buyer entered (here or in the browse filter) kept for the session (sessionStorage). */
(function () {
  "use strict";

  var KEY = "artiqo:wall";
  var SOFA = { width: 200, height: 90 };  // cm; the sofa's back is 90 cm high
  var PERSON = 180;  // cm tall
  var EYE_LINE = 145;  // cm: galleries hang a work's centre here
  var ABOVE_SOFA = 20;  // cm between the sofa's back and the work

  function remembered() {
    try { return JSON.parse(window.sessionStorage.getItem(KEY)) || {}; } catch (error) { return {}; }
  }

  function remember(values) {
    var all = remembered();
    Object.keys(values).forEach(function (name) { if (values[name]) all[name] = values[name]; });
    try { window.sessionStorage.setItem(KEY, JSON.stringify(all)); } catch (error) { /* private mode: not kept */ }
  }

  function number(input, fallback) {
    var value = parseFloat(input && input.value);
    return value > 0 ? value : fallback;
  }

  function drawSofa(context, x, floor, scale) {
    var w = SOFA.width * scale, h = SOFA.height * scale;
    context.fillStyle = "#6d7f8c";
    context.fillRect(x, floor - h, w, h * 0.55);  // the back
    context.fillStyle = "#5b6b76";
    context.fillRect(x - 8 * scale, floor - h * 0.6, w + 16 * scale, h * 0.45);  // seat and arms
    context.fillStyle = "#3b3b3b";
    context.fillRect(x, floor - h * 0.15, 6 * scale, h * 0.15);
    context.fillRect(x + w - 6 * scale, floor - h * 0.15, 6 * scale, h * 0.15);
  }

  function drawPerson(context, x, floor, scale) {
    var h = PERSON * scale;
    context.fillStyle = "#4a4541";
    context.beginPath();
    context.arc(x, floor - h + 11 * scale, 11 * scale, 0, Math.PI * 2);  // head
    context.fill();
    context.fillRect(x - 20 * scale, floor - h + 24 * scale, 40 * scale, 70 * scale);  // body
    context.fillRect(x - 17 * scale, floor - h + 94 * scale, 14 * scale, 86 * scale);  // legs
    context.fillRect(x + 3 * scale, floor - h + 94 * scale, 14 * scale, 86 * scale);
  }

  function setupView(box) {
    var canvas = box.querySelector("canvas");
    var widthInput = box.querySelector("[name=wall_width]");
    var heightInput = box.querySelector("[name=wall_height]");
    var colourInput = box.querySelector("[name=wall_colour]");
    var companion = box.querySelector("[name=companion]");
    var caption = box.querySelector("[data-wall-caption]");
    var work = { width: parseFloat(box.getAttribute("data-width")), height: parseFloat(box.getAttribute("data-height")) };
    var saved = remembered();
    if (saved.width) widthInput.value = saved.width;
    if (saved.height) heightInput.value = saved.height;
    if (saved.colour) colourInput.value = saved.colour;
    var picture = new Image();
    var pictureReady = false;
    picture.onload = function () { pictureReady = true; draw(); };
    picture.src = box.getAttribute("data-image") || "";

    function draw() {
      var wall = { width: number(widthInput, 300), height: number(heightInput, 250) };
      var ratio = window.devicePixelRatio || 1;
      var cssWidth = canvas.parentElement.clientWidth;
      var cssHeight = Math.min(cssWidth * wall.height / wall.width, 520);
      var scale = Math.min(cssWidth / wall.width, cssHeight / wall.height);  // px per cm
      canvas.style.width = cssWidth + "px";
      canvas.style.height = cssHeight + "px";
      canvas.width = Math.round(cssWidth * ratio);
      canvas.height = Math.round(cssHeight * ratio);
      var context = canvas.getContext("2d");
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      var left = (cssWidth - wall.width * scale) / 2;
      var floor = wall.height * scale;
      context.fillStyle = colourInput.value;
      context.fillRect(left, 0, wall.width * scale, floor);
      context.fillStyle = "rgba(0, 0, 0, .12)";
      context.fillRect(left, floor - 2, wall.width * scale, 2);

      var withSofa = companion.value === "sofa";
      var centreY = withSofa ? Math.max(EYE_LINE, SOFA.height + ABOVE_SOFA + work.height / 2) : EYE_LINE;
      centreY = Math.min(centreY, wall.height - work.height / 2);  // a tall work on a low wall: up to the ceiling
      var artW = work.width * scale, artH = work.height * scale;
      var artX = left + (wall.width * scale - artW) / 2;
      var artY = floor - centreY * scale - artH / 2;
      if (withSofa) drawSofa(context, left + (wall.width * scale - SOFA.width * scale) / 2, floor, scale);
      else drawPerson(context, Math.min(artX + artW + 45 * scale, left + wall.width * scale - 25 * scale), floor, scale);
      context.fillStyle = "rgba(0, 0, 0, .25)";
      context.fillRect(artX + 2, artY + 3, artW, artH);  // its shadow on the wall
      if (pictureReady) context.drawImage(picture, artX, artY, artW, artH);
      else { context.fillStyle = "#c9beb1"; context.fillRect(artX, artY, artW, artH); }

      var fits = work.width <= wall.width && work.height <= wall.height;
      caption.textContent = "Wall " + wall.width + " × " + wall.height + " cm, work " + work.width + " × " + work.height
        + " cm, next to " + (withSofa ? "a sofa 90 cm high" : "a person 180 cm tall") + (fits ? "." : ": the work is larger than this wall.");
      canvas.setAttribute("aria-label", caption.textContent);
    }

    [widthInput, heightInput, colourInput, companion].forEach(function (input) {
      input.addEventListener("input", function () {
        remember({ width: widthInput.value, height: heightInput.value, colour: colourInput.value });
        draw();
      });
    });
    window.addEventListener("resize", draw);
    box.hidden = false;
    draw();
  }

  function setupFilter(form) {
    // The browse filter's wall size: filled from the session when empty, kept when sent.
    var width = form.querySelector("[name=wall_width]");
    var height = form.querySelector("[name=wall_height]");
    if (!width || !height) return;
    var saved = remembered();
    var filtering = window.location.search.indexOf("wall_") !== -1;
    if (!filtering && !width.value && saved.width) width.placeholder = saved.width;
    if (!filtering && !height.value && saved.height) height.placeholder = saved.height;
    form.addEventListener("submit", function () { remember({ width: width.value, height: height.value }); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-wall-view]").forEach(setupView);
    document.querySelectorAll("[data-wall-fit]").forEach(function (fieldset) {
      if (fieldset.form) setupFilter(fieldset.form);
    });
  });
})();
