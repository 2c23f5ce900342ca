// Progressive enhancement only: every page works without this file.
"use strict";
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) return;
  var input = document.getElementById(button.getAttribute("data-copy"));
  if (!input) return;
  input.select();
  var done = function () {
    button.textContent = "Copied";
    setTimeout(function () { button.textContent = "Copy"; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
  } else {
    document.execCommand("copy");
    done();
  }
});

// A Print button prints the page (without JavaScript the browser's own
// Print command does the same).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});

// Time zone fields: an empty one that asks for it (data-zone-fill) takes
// this device's zone; where another zone is chosen, a button offers this
// device's. Only a zone of the field's list counts. Without this script
// the field works as it is.
(function () {
  var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  Array.prototype.forEach.call(document.querySelectorAll("[data-zone-offer]"), function (offer) {
    var field = document.getElementById(offer.getAttribute("data-zone-offer"));
    if (!field) return;
    var options = field.list ? field.list.options : field.options;
    var listed = Array.prototype.some.call(options || [], function (o) { return o.value === zone; });
    if (!listed || field.value === zone) return;
    if (field.value === "" && field.hasAttribute("data-zone-fill")) {
      field.value = zone;
      return;
    }
    var button = offer.querySelector("button");
    button.textContent = "Use this device's zone: " + zone.replace(/_/g, " ");
    offer.hidden = false;
    button.addEventListener("click", function () {
      field.value = zone;
      offer.hidden = true;
      field.focus();
    });
  });
})();
