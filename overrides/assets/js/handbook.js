/* The Partnership Handbook: checklist progress and item links.
 * Progress lives in this browser's localStorage only; nothing is sent anywhere.
 * Key: "partnership-handbook:progress:<checklist>", value: {"<item id>": true}.
 * Item ids are stable across handbook versions, so progress carries over; ids
 * no longer in the data are kept (they may return) but never counted. An item that
 * was renamed lists its former ids (data-formerly): a tick made under one counts for it.
 */
(function () {
  "use strict";
  var PREFIX = "partnership-handbook:progress:";

  function load(key) {
    try {
      var value = JSON.parse(window.localStorage.getItem(PREFIX + key) || "{}");
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (err) {
      return {};
    }
  }

  function save(key, state) {
    try {
      window.localStorage.setItem(PREFIX + key, JSON.stringify(state));
    } catch (err) {
      /* storage full or disabled: the checklist still works for this visit */
    }
  }

  function itemsOf(key) {
    var boxes = [];
    document.querySelectorAll("ul.hb-items[data-checklist]").forEach(function (list) {
      if (list.getAttribute("data-checklist") === key) {
        boxes = boxes.concat(Array.prototype.slice.call(list.querySelectorAll("input.hb-check")));
      }
    });
    return boxes;
  }

  // A checklist is its progress panel and the lists (one per stage) with the same key.
  function setupChecklist(panel) {
    if (panel.getAttribute("data-hb-ready")) return;
    panel.setAttribute("data-hb-ready", "1");
    var key = panel.getAttribute("data-checklist");
    var boxes = itemsOf(key);
    var bar = panel.querySelector("progress");
    var count = panel.querySelector(".hb-progress__count");
    var reset = panel.querySelector(".hb-progress__reset");
    var renamed = {};  // a former item id -> its id now
    boxes.forEach(function (box) {
      var item = box.closest(".hb-item");
      (item && item.getAttribute("data-formerly") || "").split(" ").forEach(function (old) {
        if (old) renamed[old] = box.getAttribute("data-item");
      });
    });

    // Ticks by item id, each former id's as its item's now (the former one is let go).
    function carried(state) {
      Object.keys(renamed).forEach(function (old) {
        if (state[old] === true) state[renamed[old]] = true;
        delete state[old];
      });
      return state;
    }
    function mine() { return carried(load(key)); }

    function update() {
      var done = 0;
      boxes.forEach(function (box) {
        if (box.checked) done += 1;
        var item = box.closest(".hb-item");
        if (item) item.classList.toggle("hb-item--done", box.checked);
      });
      bar.max = boxes.length;
      bar.value = done;
      count.textContent = done + " of " + boxes.length + " done";
    }

    // What another script (induction.js) may do with this checklist: show a state that is
    // not this browser's (read-only, e.g. shared progress), and go back to this browser's.
    panel.hbChecklist = {
      key: key,
      boxes: boxes,
      renamed: renamed,
      show: function (done, readOnly) {
        boxes.forEach(function (box) {
          box.checked = done[box.getAttribute("data-item")] === true;
          box.disabled = !!readOnly;
        });
        reset.disabled = !!readOnly;
        update();
      },
      mine: function () { this.show(mine(), false); },
      load: mine,
      save: function (state) { save(key, state); }
    };

    var state = mine();
    boxes.forEach(function (box) {
      box.checked = state[box.getAttribute("data-item")] === true;
      box.addEventListener("change", function () {
        var current = mine();
        if (box.checked) current[box.getAttribute("data-item")] = true;
        else delete current[box.getAttribute("data-item")];
        save(key, current);
        update();
      });
    });
    reset.addEventListener("click", function () {
      // one slip of the keyboard (it sits next to the share link) must not lose weeks of ticks
      var ticked = boxes.filter(function (box) { return box.checked; }).length;
      if (ticked && !window.confirm("Untick all " + ticked + " ticked item" + (ticked === 1 ? "" : "s") +
                                    " on this path? This cannot be undone.")) return;
      try { window.localStorage.removeItem(PREFIX + key); } catch (err) { /* ignore */ }
      boxes.forEach(function (box) { box.checked = false; });
      update();
      if (boxes.length) boxes[0].focus();
    });
    panel.hidden = false;
    update();
    panel.dispatchEvent(new CustomEvent("hb:checklist-ready", { bubbles: true }));
  }

  function showCopied(hash) {
    // Material's instant navigation may have swapped the page in the meantime:
    // look the control up again in the current document.
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    var anchor = target && target.querySelector("a.hb-permalink");
    if (!anchor) return;
    var note = anchor.parentNode.querySelector(".hb-copied");
    if (!note) {
      note = document.createElement("span");
      note.className = "hb-copied";
      note.setAttribute("role", "status");
      anchor.insertAdjacentElement("afterend", note);
    }
    note.textContent = "Link copied";
    window.setTimeout(function () { note.textContent = ""; }, 4000);
  }

  // This page's address to hand on: without its fragment, and without the search
  // words (?h=) Material adds when a reader comes from search, which would mark them
  // on the page of whoever opens the link.
  function pageUrl() {
    var url = new URL(window.location.href);
    url.hash = "";
    url.searchParams.delete("h");
    return url.href;
  }

  function setupPermalinks(root) {
    root.querySelectorAll("a.hb-permalink").forEach(function (anchor) {
      if (anchor.getAttribute("data-hb-ready")) return;
      anchor.setAttribute("data-hb-ready", "1");
      anchor.addEventListener("click", function () {
        var hash = new URL(anchor.href, window.location.href).hash;
        var url = pageUrl() + hash;
        if (!hash || !navigator.clipboard || !window.isSecureContext) return;
        navigator.clipboard.writeText(url).then(function () {
          window.setTimeout(function () { showCopied(hash); }, 50);
        }, function () { /* clipboard refused: the link itself still works */ });
      });
    });
  }

  function init() {
    document.querySelectorAll(".hb-progress[data-checklist]").forEach(setupChecklist);
    setupPermalinks(document);
  }

  // Run `fn` on every page: Material's instant navigation swaps pages without a reload
  // (its document$ says when); elsewhere, once the document is read. induction.js uses it too.
  function onEachPage(fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  window.handbook = { onEachPage: onEachPage, pageUrl: pageUrl };
  onEachPage(init);
})();
