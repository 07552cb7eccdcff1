/* Tandem's few own scripts (no inline script: the Content-Security-Policy forbids it). */
"use strict";

/* In a form marked data-enter-saves, Enter in a field saves (the form's "save" button) instead of
   pressing the first button, except in a search field (name=query). */
document.addEventListener("keydown", function (event) {
  var form = event.target.closest ? event.target.closest("form[data-enter-saves]") : null;
  if (!form || event.key !== "Enter" || !event.target.matches("input:not([name=query])")) {
    return;
  }
  event.preventDefault();
  var save = form.querySelector("button[value=save]");
  if (save) {
    save.click();
  }
});

/* Buttons marked data-print print the page; hidden until this script shows them (no script: no button). */
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.classList.remove("d-none");
  button.addEventListener("click", function () {
    window.print();
  });
});
