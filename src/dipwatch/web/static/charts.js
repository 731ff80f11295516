/* Draws every Plotly figure the server put in a data-figure attribute, and follows
   the link a clicked point carries in its customdata (network: dyad and actor pages). */
(function () {
  "use strict";
  document.querySelectorAll("[data-figure]").forEach(function (element) {
    var figure = JSON.parse(element.dataset.figure);
    Plotly.newPlot(element, figure.data, figure.layout, {displaylogo: false, responsive: true});
    element.on("plotly_click", function (event) {
      var link = event.points && event.points[0] && event.points[0].customdata;
      if (typeof link === "string" && link.charAt(0) === "/") {
        window.location.href = link;
      }
    });
  });
})();
