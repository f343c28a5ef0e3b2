// Suggestions under every search box, from /search?prefix=true (JSON). Without JavaScript the
// box still submits to the search page.
(function () {
  "use strict";

  function attach(input) {
    var list = document.createElement("ul");
    list.className = "suggest";
    list.setAttribute("role", "listbox");
    list.id = "suggest-" + Math.random().toString(36).slice(2);
    list.hidden = true;
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-controls", list.id);
    input.parentNode.style.position = "relative";
    input.parentNode.appendChild(list);
    var timer = null;
    var asked = 0;

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") list.hidden = true;
      if (e.key === "ArrowDown" && !list.hidden && list.firstChild) {
        e.preventDefault();
        list.firstChild.querySelector("a").focus();
      }
    });
    document.addEventListener("click", function (e) {
      if (!list.contains(e.target) && e.target !== input) list.hidden = true;
    });

    function suggest() {
      var q = input.value.trim();
      if (q.length < 2) { list.hidden = true; return; }
      var mine = ++asked;
      var lang = document.documentElement.lang || "";
      fetch("/search?prefix=true&limit=8&format=json&lang=" + encodeURIComponent(lang) + "&q=" + encodeURIComponent(q),
            { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (body) {
          if (mine !== asked) return; // an older answer arriving late
          list.textContent = "";
          body.results.forEach(function (hit) {
            var li = document.createElement("li");
            li.setAttribute("role", "option");
            var a = document.createElement("a");
            if (hit.href) a.href = hit.href; // none for IRIs that are not web links
            a.textContent = hit.label; // text, never HTML
            var small = document.createElement("small");
            small.textContent = " " + hit.datasets.join(", ");
            a.appendChild(small);
            li.appendChild(a);
            list.appendChild(li);
          });
          list.hidden = body.results.length === 0;
        })
        .catch(function () { list.hidden = true; });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[role=search] input[name=q]").forEach(attach);
  });
})();
