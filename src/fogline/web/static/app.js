// fogline web page: a little vanilla JS. It never writes HTML: only classes and textContent.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // article view: layer toggles
  document.querySelectorAll("#toggles input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  });
  // article view: bring the followed evidence into view
  var target = document.getElementById("hl");
  if (target && location.hash === "#hl") {
    target.scrollIntoView({ block: "center" });
  }
  // map: show a point's label beside the map
  var info = document.getElementById("map-info");
  if (info) {
    document.querySelectorAll("svg.map .pt").forEach(function (pt) {
      pt.addEventListener("mouseenter", function () {
        info.textContent = pt.getAttribute("data-label") || "";
      });
    });
  }
});
