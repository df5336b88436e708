/* Hearts (favourites) and Follow buttons: one click, no page reload.
   Pages are cached for every visitor, so buttons arrive empty; the buyer's own state comes
   from the #collector-state JSON that base.html renders outside the cache. A signed-out
   click remembers the work (or artist) in sessionStorage and goes to the sign-in page; back
   on the page after signing in, it is saved. No third-party code: fetch + the CSRF token. */
(function () {
  "use strict";

  var PENDING = "artiqo:collect-pending";
  var state = { signedIn: false, favourites: [], following: [] };
  var favourites = {};
  var following = {};

  function readState() {
    var node = document.getElementById("collector-state");
    if (!node) return false;
    try { state = JSON.parse(node.textContent); } catch (error) { return false; }
    state.favourites.forEach(function (id) { favourites[id] = true; });
    state.following.forEach(function (id) { following[id] = true; });
    return true;
  }

  function say(text) {
    var box = document.getElementById("collect-status");
    if (!box) {
      box = document.createElement("p");
      box.id = "collect-status";
      box.className = "collect-status";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      document.body.appendChild(box);
    }
    box.textContent = text;
    box.classList.add("is-shown");
    window.clearTimeout(say.timer);
    say.timer = window.setTimeout(function () { box.classList.remove("is-shown"); }, 3500);
  }

  function paintHearts() {
    document.querySelectorAll("[data-favourite]").forEach(function (button) {
      var on = !!favourites[button.getAttribute("data-favourite")];
      button.setAttribute("aria-pressed", String(on));
      button.title = on ? "In your favourites" : "Save to favourites";
    });
  }

  function paintFollows() {
    document.querySelectorAll("[data-follow-artist]").forEach(function (button) {
      var on = !!following[button.getAttribute("data-follow-artist")];
      button.setAttribute("aria-pressed", String(on));
      button.textContent = on ? "Following" : "Follow";
    });
  }

  function call(method, url, body) {
    var options = {
      method: method,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": state.csrf }
    };
    if (body) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(url, options).then(function (response) { return response.status; });
  }

  // 201 saved, 409 it was saved already (another tab): both mean "on". 204/404: "off".
  function setFavourite(id, on) {
    var request = on ? call("POST", state.favouritesApi, { product_id: Number(id) })
                     : call("DELETE", state.favouritesApi + "/" + id);
    return request.then(function (status) {
      if (status === 201 || status === 409) favourites[id] = true;
      else if (status === 204 || status === 404) delete favourites[id];
      else throw new Error(String(status));
      paintHearts();
      say(favourites[id] ? "Saved to your favourites." : "Removed from your favourites.");
    }).catch(function () { say("That did not work; please try again."); });
  }

  function setFollow(id, name, on) {
    var request = on ? call("POST", state.followingApi, { artist_id: Number(id) })
                     : call("DELETE", state.followingApi + "/" + id);
    return request.then(function (status) {
      if (status === 201 || status === 409) following[id] = true;
      else if (status === 204 || status === 404) delete following[id];
      else throw new Error(String(status));
      paintFollows();
      say(following[id] ? "You follow " + name + ": their new work comes in a daily email." : "You no longer follow " + name + ".");
    }).catch(function () { say("That did not work; please try again."); });
  }

  function askToSignIn(pending, question) {
    try { window.sessionStorage.setItem(PENDING, JSON.stringify(pending)); } catch (error) { /* private mode: they click again */ }
    if (!window.confirm(question)) return;
    var here = window.location.pathname + window.location.search;
    window.location.href = state.loginUrl + "?next=" + encodeURIComponent(here);
  }

  function finishPending() {
    var raw;
    try { raw = window.sessionStorage.getItem(PENDING); } catch (error) { return; }
    if (!raw) return;
    if (!state.signedIn) return;  // still signed out: keep it for after sign-in
    window.sessionStorage.removeItem(PENDING);
    var pending;
    try { pending = JSON.parse(raw); } catch (error) { return; }
    if (pending.favourite && !favourites[pending.favourite]) setFavourite(String(pending.favourite), true);
    if (pending.artist && !following[pending.artist]) setFollow(String(pending.artist), pending.name || "the artist", true);
  }

  document.addEventListener("click", function (event) {
    var heart = event.target.closest && event.target.closest("[data-favourite]");
    if (heart) {
      event.preventDefault();
      var id = heart.getAttribute("data-favourite");
      if (!state.signedIn) return askToSignIn({ favourite: id }, "Sign in to save this work to your favourites. It is saved as soon as you are back.");
      setFavourite(id, !favourites[id]);
      return;
    }
    var follow = event.target.closest && event.target.closest("[data-follow-artist]");
    if (follow) {
      event.preventDefault();
      var artist = follow.getAttribute("data-follow-artist");
      var name = follow.getAttribute("data-artist-name") || "this artist";
      if (!state.signedIn) return askToSignIn({ artist: artist, name: name }, "Sign in to follow " + name + ". You follow them as soon as you are back.");
      setFollow(artist, name, !following[artist]);
    }
  });

  function start() {
    if (!readState() || !window.fetch) return;
    document.documentElement.classList.add("can-collect");
    paintHearts();
    paintFollows();
    finishPending();
    // Cards added after the page loaded (similar works) get their state too.
    new MutationObserver(function () { paintHearts(); }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
