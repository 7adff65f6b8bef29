// The reader view: hovering or focusing a quote shows who said it, and how.
// The details come from the server-rendered (escaped) #qi-<id> elements; nothing here
// turns text into markup.
(function () {
  "use strict";
  var tip = document.getElementById("quote-tip");
  if (!tip) { return; }
  var current = null;

  function marks(id) {
    return document.querySelectorAll('mark.q[data-q="' + CSS.escape(id) + '"]');
  }

  function show(mark) {
    var id = mark.getAttribute("data-q");
    var info = document.getElementById("qi-" + id);
    if (!info) { return; }
    if (current && current !== id) { hide(); }
    current = id;
    tip.replaceChildren.apply(tip, Array.prototype.map.call(info.childNodes, function (n) {
      return n.cloneNode(true);
    }));
    tip.hidden = false;
    marks(id).forEach(function (m) { m.classList.add("active"); });
    var box = mark.getBoundingClientRect();
    if (window.innerWidth > 700) {
      var left = Math.min(box.left, window.innerWidth - tip.offsetWidth - 8);
      var top = box.bottom + 6;
      if (top + tip.offsetHeight > window.innerHeight) {
        top = Math.max(4, box.top - tip.offsetHeight - 6);
      }
      tip.style.left = Math.max(4, left) + "px";
      tip.style.top = top + "px";
    } else {
      tip.style.left = "";
      tip.style.top = "";
    }
  }

  function hide() {
    if (current) {
      marks(current).forEach(function (m) { m.classList.remove("active"); });
    }
    current = null;
    tip.hidden = true;
  }

  function quoteOf(target) {
    return target && target.closest ? target.closest("mark.q") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var mark = quoteOf(event.target);
    if (mark) { show(mark); }
  });
  document.addEventListener("mouseout", function (event) {
    var mark = quoteOf(event.target);
    if (mark && !mark.contains(event.relatedTarget) && document.activeElement !== mark) { hide(); }
  });
  document.addEventListener("focusin", function (event) {
    var mark = quoteOf(event.target);
    if (mark) { show(mark); } else { hide(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); }
  });
})();
