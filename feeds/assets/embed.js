// For a website that embeds a meeting's programme: load this script beside the <iframe>,
// and the frame takes the height of the programme in it, whenever that changes.
// Only messages from the site this script comes from are heard, and only from a frame.
"use strict";

(function () {
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var origin = new URL(script.src, document.baseURI).origin;
  var MESSAGE = "meeting-feeds:height";
  var TALLEST = 100000;

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== MESSAGE) { return; }
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0) { return; }
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.min(Math.ceil(height), TALLEST) + "px";
      }
    }
  });
})();
