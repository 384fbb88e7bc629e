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
 * 3. Replying to a comment: a Reply link (?reply=<id>#comment-form, which
 *    works without us) moves the comment form under that comment instead of
 *    reloading the page; "Cancel reply" puts it back.
 * 4. Forms marked data-once are sent once: after the first submit the button
 *    says "Sending…" and further submits are ignored (the server also
 *    recognises a resent form).
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

  function setUpReplies() {
    var form = document.getElementById("comment-form");
    if (!form) {
      return;
    }
    var parentField = form.querySelector("[data-parent-field]");
    var replying = form.querySelector("[data-replying]");
    var replyingName = form.querySelector("[data-replying-name]");
    var textarea = form.querySelector("textarea");
    if (!parentField || !replying || !replyingName) {
      return;
    }
    // Where the form lives when it is not answering anyone.
    var home = document.createComment(" comment form ");
    form.parentNode.insertBefore(home, form);
    var openedBy = null;

    function describeTextarea(on) {
      if (!textarea) {
        return;
      }
      var ids = (textarea.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
        return id && id !== replying.id;
      });
      if (on && replying.id) {
        ids.unshift(replying.id);
      }
      if (ids.length) {
        textarea.setAttribute("aria-describedby", ids.join(" "));
      } else {
        textarea.removeAttribute("aria-describedby");
      }
    }

    function replyTo(link, focus) {
      var comment = document.getElementById("comment-" + link.getAttribute("data-reply-to"));
      var article = comment && comment.querySelector(".comment__body");
      if (!article) {
        return false;
      }
      article.parentNode.insertBefore(form, article.nextSibling);
      form.classList.add("comment-form--reply");
      parentField.value = link.getAttribute("data-reply-to");
      replyingName.textContent = link.getAttribute("data-reply-name") || "";
      replying.hidden = false;
      describeTextarea(true);
      openedBy = link;
      if (focus && textarea) {
        textarea.focus();
      }
      return true;
    }

    function cancel() {
      home.parentNode.insertBefore(form, home.nextSibling);
      form.classList.remove("comment-form--reply");
      parentField.value = "";
      replyingName.textContent = "";
      replying.hidden = true;
      describeTextarea(false);
      if (openedBy && document.contains(openedBy)) {
        openedBy.focus();
      }
      openedBy = null;
    }

    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return; // let "open in a new tab" and the like do what they do
      }
      var target = event.target;
      if (!target || !target.closest) {
        return;
      }
      var link = target.closest(".comment__reply[data-reply-to]");
      if (link && replyTo(link, true)) {
        event.preventDefault();
        return;
      }
      if (target.closest("[data-cancel-reply]") && form.contains(target)) {
        event.preventDefault();
        cancel();
      }
    });

    // The server may already have set a parent (?reply=<id>, or the form came
    // back with errors): show the form under that comment, as a click would.
    if (parentField.value) {
      var link = document.querySelector('.comment__reply[data-reply-to="' + parentField.value.replace(/\D/g, "") + '"]');
      if (link && replyTo(link, false) && window.location.hash === "#comment-form") {
        form.scrollIntoView();
      }
    }
  }

  function setUpSendOnce() {
    var label = "Sending…";

    function reset(form) {
      delete form.dataset.sending;
      var buttons = form.querySelectorAll("[data-once-label]");
      for (var i = 0; i < buttons.length; i++) {
        var button = buttons[i];
        button.innerHTML = button.getAttribute("data-once-label");
        button.removeAttribute("data-once-label");
        button.removeAttribute("aria-disabled");
        button.disabled = false;
      }
    }

    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.hasAttribute || !form.hasAttribute("data-once")) {
        return;
      }
      if (form.dataset.sending) {
        event.preventDefault(); // a second click, or Enter pressed twice
        return;
      }
      if (event.defaultPrevented) {
        return; // somebody else stopped this submit; nothing is being sent
      }
      form.dataset.sending = "true";
      var buttons = form.querySelectorAll('button[type="submit"], button:not([type]), input[type="submit"]');
      for (var i = 0; i < buttons.length; i++) {
        var button = buttons[i];
        if (button.tagName === "BUTTON") {
          button.setAttribute("data-once-label", button.innerHTML);
          button.textContent = label;
        }
        button.setAttribute("aria-disabled", "true");
      }
      // Disabled after this event, so that the button that was pressed still
      // counts as the form's submitter.
      window.setTimeout(function () {
        for (var j = 0; j < buttons.length; j++) {
          buttons[j].disabled = true;
        }
      }, 0);
      // If the answer never comes (a dropped connection), let them try again.
      window.setTimeout(function () {
        reset(form);
      }, 20000);
    });

    // Coming back with the Back button restores the page as it was left.
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) {
        return;
      }
      var forms = document.querySelectorAll("form[data-once][data-sending]");
      for (var i = 0; i < forms.length; i++) {
        reset(forms[i]);
      }
    });
  }

  setUpMenu();
  setUpReplies();
  setUpSendOnce();
  if (document.readyState === "complete") {
    sendViewBeacon();
  } else {
    window.addEventListener("load", sendViewBeacon);
  }
})();
