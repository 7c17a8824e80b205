// Print buttons (receipt): shown only when scripts run, since they need window.print().
document.querySelectorAll(".js-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
