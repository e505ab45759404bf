// Shows the chosen person's corrections as soon as one is picked (the button does it without scripts).
(function () {
  "use strict";
  document.querySelectorAll("select[data-submit-on-change]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
})();
