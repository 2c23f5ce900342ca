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

// The account's time zone: offer this device's own zone, when the list
// has it and it is not the one chosen (without this script the select
// works as it is).
(function () {
  var offer = document.querySelector("[data-zone-offer]");
  if (!offer || !window.Intl) return;
  var select = document.getElementById(offer.getAttribute("data-zone-offer"));
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!select || !zone || select.value === zone) return;
  var listed = Array.prototype.some.call(select.options, function (o) { return o.value === zone; });
  if (!listed) return;
  var button = offer.querySelector("button");
  button.textContent = "Use this device's zone: " + zone.replace(/_/g, " ");
  offer.hidden = false;
  button.addEventListener("click", function () {
    select.value = zone;
    offer.hidden = true;
    select.focus();
  });
})();
