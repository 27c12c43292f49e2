// Progressive enhancements: the pages work without this script.
"use strict";

(function () {
  // Each session's time in the reader's own time zone, beside the meeting's.
  function showLocalTimes() {
    var lang = document.documentElement.lang || undefined;
    var hours = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    var start = new Intl.DateTimeFormat(lang, hours);
    var end = new Intl.DateTimeFormat(lang, Object.assign({ timeZoneName: "short" }, hours));
    var day = new Intl.DateTimeFormat(lang, { weekday: "short", day: "numeric", month: "short" });
    document.querySelectorAll("time[data-start]").forEach(function (time) {
      var label = time.parentNode.querySelector(".local-time");
      if (!label) { return; }
      var from = new Date(time.dataset.start);
      var to = new Date(time.dataset.end);
      label.textContent = "(" + label.dataset.label + ": " + day.format(from) + " " +
        start.format(from) + "–" + end.format(to) + ")";
      label.hidden = false;
    });
  }

  // Copy a feed's address; the address stays selectable in its field without a script.
  function enableCopy() {
    document.querySelectorAll("button.copy").forEach(function (button) {
      if (!navigator.clipboard) { return; }
      button.hidden = false;
      var original = button.textContent;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.dataset.copy).then(function () {
          button.textContent = button.dataset.copied;
          setTimeout(function () { button.textContent = original; }, 2000);
        }, function () {
          var field = button.parentNode.querySelector("input");
          if (field) { field.select(); }
        });
      });
    });
  }

  showLocalTimes();
  enableCopy();
})();
