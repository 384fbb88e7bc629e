/*
 * Progressive enhancement only: every page works without this file.
 *
 * 1. The main menu is a <details> disclosure. Here we keep it open as a plain
 *    bar on wide screens in browsers whose CSS cannot do that by itself (no
 *    ::details-content support), and on phones close it with Escape (focus
 *    goes back to the toggle) or when the reader clicks or tabs away.
 * 2. A post page names its view-count beacon in data-view-beacon
 *    (docs/decisions/0003-view-counting-by-beacon.md): once the page has
 *    loaded we POST to it and show the current count it answers with.
 */
(function () {
  "use strict";

  function setUpMenu() {
    var menu = document.getElementById("site-menu");
    if (!menu) {
      return;
    }
    var toggle = menu.querySelector("summary");
    var wide = window.matchMedia("(min-width: 60rem)");
    var cssCanShowMenu =
      window.CSS && CSS.supports && CSS.supports("selector(::details-content)");

    if (!cssCanShowMenu) {
      var sync = function () {
        menu.classList.toggle("site-menu--static", wide.matches);
        menu.open = wide.matches;
      };
      sync();
      if (wide.addEventListener) {
        wide.addEventListener("change", sync);
      }
    }

    function closeable() {
      return menu.open && !wide.matches;
    }

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && closeable()) {
        menu.open = false;
        toggle.focus();
      }
    });

    document.addEventListener("click", function (event) {
      if (closeable() && !menu.contains(event.target)) {
        menu.open = false;
      }
    });

    menu.addEventListener("focusout", function (event) {
      if (closeable() && event.relatedTarget && !menu.contains(event.relatedTarget)) {
        menu.open = false;
      }
    });
  }

  function showViews(views) {
    var counts = document.querySelectorAll("[data-view-count]");
    for (var i = 0; i < counts.length; i++) {
      var el = counts[i];
      el.textContent = views.toLocaleString("en-GB");
      // Keep "1 view" / "2 views" right when the word follows the number.
      var next = el.nextSibling;
      if (next && next.nodeType === Node.TEXT_NODE && /^\s*views?\b/.test(next.nodeValue)) {
        next.nodeValue = next.nodeValue.replace(/^(\s*)views?/, "$1view" + (views === 1 ? "" : "s"));
      }
    }
  }

  function sendViewBeacon() {
    var page = document.querySelector("[data-view-beacon]");
    if (!page || !window.fetch) {
      return;
    }
    fetch(page.getAttribute("data-view-beacon"), {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && typeof data.views === "number") {
          showViews(data.views);
        }
      })
      .catch(function () {
        // A count that does not update is no reason to bother the reader.
      });
  }

  setUpMenu();
  if (document.readyState === "complete") {
    sendViewBeacon();
  } else {
    window.addEventListener("load", sendViewBeacon);
  }
})();
