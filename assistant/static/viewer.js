/* The source viewer: scroll to the cited quote (the highlight on the page the link names,
 * 「#p125」, else the first) and point the 「打开原版 PDF」 link at that page. */
(function () {
  "use strict";
  var m = /^#p(\d+)$/.exec(location.hash);
  var page = m ? m[1] : null;
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.quote[id]"));
  var target = marks.filter(function (q) { return q.getAttribute("data-page") === page; })[0] || marks[0];
  var shown = target ? target.getAttribute("data-page") : page;
  var marker = shown ? document.getElementById("p" + shown) : null;
  if (marker) marker.classList.add("current");
  var pdf = document.getElementById("pdf-link");
  if (pdf && marker && marker.getAttribute("data-pdf")) pdf.href = marker.getAttribute("data-pdf");
  if (target) {
    // Every piece of this highlight (it may cross lines) is the current one.
    var id = target.id, on = false;
    Array.prototype.forEach.call(document.querySelectorAll("mark.quote"), function (q) {
      if (q.id) on = q.id === id;
      if (on) q.classList.add("current");
    });
    // After the browser's own jump to 「#p125」 (the top of the page), to the quote itself.
    var go = function () { target.scrollIntoView({ block: "center" }); };
    go();
    if (document.readyState === "complete") setTimeout(go, 0);
    else window.addEventListener("load", function () { setTimeout(go, 0); });
  }
})();
