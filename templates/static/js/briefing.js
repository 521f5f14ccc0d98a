// briefing.js: small progressive enhancements; every page works without it.
// 1. A link into a folded section (a footnote number, a back link) opens that section, in the
//    browsers that do not unfold a <details> they are sent into.
// 2. In an iframe, the embed tells the host page its height:
//    parent.postMessage({type: "briefing:height", slug, height}, "*") on load and on every change.
(function () {
  "use strict";

  function unfold(hash) {
    if (!hash || hash.charAt(0) !== "#") return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    if (link) unfold(link.getAttribute("href"));
  });
  window.addEventListener("hashchange", function () { unfold(location.hash); });
  unfold(location.hash);

  if (window.parent === window || !document.body.classList.contains("embed")) return;
  var article = document.querySelector("article.briefing");
  var slug = article ? article.getAttribute("aria-labelledby").replace(/-title$/, "") : "";
  var last = 0;
  function tell() {
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "briefing:height", slug: slug, height: height }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(tell).observe(document.body);
  document.addEventListener("toggle", tell, true);
  window.addEventListener("load", tell);
  tell();
})();
