// The masked preview: text selected in it is offered as a span to hide (no inline script: CSP).
(function () {
  "use strict";
  var input = document.querySelector("[data-masking-selection]");
  var previews = document.querySelectorAll("[data-masking-preview]");
  if (!input || !previews.length) {
    return;
  }
  function offerSelection() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) {
      return;
    }
    var text = selection.toString().trim();
    if (text && text.length <= 100) {
      input.value = text;
    }
  }
  previews.forEach(function (preview) {
    preview.addEventListener("mouseup", offerSelection);
    preview.addEventListener("keyup", offerSelection);
    preview.addEventListener("touchend", offerSelection);
  });
})();
