// Progressive enhancement: links and forms load only the page's content (<main>) instead of the
// whole page, which matters on a weak mobile connection. Without this script (or when anything
// goes wrong) every link and form works as plain HTML.
//
// It speaks htmx's request protocol: requests carry "HX-Request: true" and the server answers
// with the page's content only (see docs/decisions/0006-web-interface.md for why this is our own
// small script and not the htmx library). Opt out per element with data-full (whole-page load).
(function () {
  "use strict";
  if (!window.fetch || !window.DOMParser || !window.history || !history.pushState || !window.URLSearchParams) {
    return;
  }
  var busy = false;

  function main() {
    return document.getElementById("content");
  }

  function sameOrigin(url) {
    return url.origin === window.location.origin && url.pathname.indexOf("/static/") !== 0 &&
      url.pathname.indexOf("/api/") !== 0;
  }

  function full(url) {
    window.location.assign(url);
  }

  // Puts a fragment in place: content, title, current navigation link, language form's return
  // path, focus on the new heading (for screen readers) and scroll to the top.
  function swap(html, url, push) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var target = main();
    // A whole page (the server did not answer with a fragment, e.g. the sign-in page after the
    // session ended): load it properly so the header is right too.
    if (!target || doc.getElementById("content") || doc.querySelector("header.top")) {
      full(url.href);
      return;
    }
    if (push) {
      history.pushState({ enhanced: true }, "", url.href);
    }
    target.innerHTML = doc.body.innerHTML;
    if (doc.title) {
      document.title = doc.title;
    }
    var links = document.querySelectorAll("nav.main a");
    for (var i = 0; i < links.length; i++) {
      var p = new URL(links[i].href).pathname;
      var current = p === "/" ? url.pathname === "/" : url.pathname === p || url.pathname.indexOf(p + "/") === 0;
      if (current) {
        links[i].setAttribute("aria-current", "page");
      } else {
        links[i].removeAttribute("aria-current");
      }
    }
    var back = document.querySelector("form#language input[name=back]");
    if (back) {
      back.value = url.pathname;
    }
    var heading = target.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
    if (!url.hash) {
      window.scrollTo(0, 0);
    }
  }

  // Loads `url` (a GET, or a POST with `body`) as a fragment. Anything unexpected falls back to a
  // whole-page load, so the worst case is the plain-HTML behaviour.
  function load(url, init, push, fallback) {
    busy = true;
    document.documentElement.setAttribute("aria-busy", "true");
    init.headers = { "HX-Request": "true" };
    init.credentials = "same-origin";
    init.redirect = "follow";
    fetch(url.href, init)
      .then(function (resp) {
        var type = resp.headers.get("content-type") || "";
        var final = new URL(resp.url || url.href);
        if (type.indexOf("text/html") !== 0 || !sameOrigin(final)) {
          throw new Error("not a page");
        }
        return resp.text().then(function (html) {
          // A redirect (after a form was saved) is a new page; a form shown again with its errors
          // stays at the address it was filled in at.
          swap(html, final, push || (resp.redirected && final.href !== window.location.href));
        });
      })
      .catch(function () {
        fallback();
      })
      .then(function () {
        busy = false;
        document.documentElement.removeAttribute("aria-busy");
      });
  }

  document.addEventListener("click", function (event) {
    if (busy || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
        event.altKey) {
      return;
    }
    var a = event.target.closest ? event.target.closest("a[href]") : null;
    if (!a || a.id === "quick-exit" || a.hasAttribute("data-full") || a.hasAttribute("download") ||
        (a.target && a.target !== "_self")) {
      return;
    }
    var url = new URL(a.href);
    if (!sameOrigin(url) || (url.hash && url.pathname === window.location.pathname)) {
      return;
    }
    event.preventDefault();
    load(url, { method: "GET" }, true, function () {
      full(url.href);
    });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (busy || event.defaultPrevented || form.hasAttribute("data-full") || !main() || !main().contains(form)) {
      return;
    }
    var method = (form.getAttribute("method") || "get").toLowerCase();
    var url = new URL(form.getAttribute("action") || window.location.href, window.location.href);
    if (!sameOrigin(url) || (method !== "get" && method !== "post")) {
      return;
    }
    var data;
    try {
      data = new FormData(form, event.submitter || undefined);
    } catch (e) {
      data = new FormData(form);
    }
    var params = new URLSearchParams();
    data.forEach(function (value, key) {
      if (typeof value === "string") {
        params.append(key, value);
      }
    });
    event.preventDefault();
    if (method === "get") {
      url.search = params.toString();
      load(url, { method: "GET" }, true, function () {
        full(url.href);
      });
    } else {
      load(url, {
        method: "POST",
        body: params,
      }, false, function () {
        form.setAttribute("data-full", "");
        form.submit();
      });
    }
  });

  window.addEventListener("popstate", function () {
    var url = new URL(window.location.href);
    load(url, { method: "GET" }, false, function () {
      window.location.reload();
    });
  });
})();
