// Quick exit: leave for a neutral site at once, replacing this page in the tab's history so the
// back button does not bring it back. Shift+Escape does the same from anywhere on the page.
(function () {
  "use strict";
  function leave(href) {
    try {
      document.title = "";
      document.body.innerHTML = "";
    } catch (e) {
      /* leave anyway */
    }
    window.location.replace(href);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var link = document.getElementById("quick-exit");
    if (!link) {
      return;
    }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      leave(link.href);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && event.shiftKey) {
        leave(link.href);
      }
    });
  });
})();
