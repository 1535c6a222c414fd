(function () {
  "use strict";
  var body = document.body;
  var boxes = document.querySelectorAll("input[data-filter]");
  function apply(box) {
    body.classList.toggle("hide-" + box.getAttribute("data-filter"), !box.checked);
  }
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].addEventListener("change", function (event) { apply(event.target); });
    apply(boxes[i]);
  }
  body.setAttribute("data-script", "ready");
})();
