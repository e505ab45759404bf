// Downloads a chart as SVG or PNG (drawn from the same SVG on a canvas), named after the chart.
(function () {
  "use strict";

  function svgText(figure) {
    const svg = figure.querySelector("svg").cloneNode(true);
    svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    return new XMLSerializer().serializeToString(svg);
  }

  function save(blob, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    window.setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function png(figure, name) {
    const text = svgText(figure);
    const svg = figure.querySelector("svg");
    const picture = new Image();
    picture.onload = () => {
      const canvas = document.createElement("canvas");
      const scale = 2;
      canvas.width = svg.width.baseVal.value * scale;
      canvas.height = svg.height.baseVal.value * scale;
      const context = canvas.getContext("2d");
      context.scale(scale, scale);
      context.drawImage(picture, 0, 0);
      canvas.toBlob((blob) => save(blob, name), "image/png");
    };
    picture.src = "data:image/svg+xml;base64," + window.btoa(unescape(encodeURIComponent(text)));
  }

  document.querySelectorAll("button[data-download]").forEach((button) => {
    button.addEventListener("click", () => {
      const figure = document.getElementById(button.dataset.download);
      const name = "iki-" + button.dataset.download + "." + button.dataset.format;
      if (button.dataset.format === "svg") {
        save(new Blob([svgText(figure)], { type: "image/svg+xml" }), name);
      } else {
        png(figure, name);
      }
    });
  });
})();
