/* The Partnership Handbook: induction paths beyond this browser.
 *
 * - "Open as a GitHub/GitLab issue": the tracker's ordinary new-issue link, its title and
 *   body filled in: the path as a Markdown task list by stage, each item linking to its
 *   anchor in the handbook, the reader's ticks included. A body too long for a link
 *   (trackers refuse links over about 8,000 characters) is copied instead, with a message.
 * - "Copy as Markdown", "Download as Markdown": the same list.
 * - "Share my progress": a link whose fragment (#share=...) carries the ticked item ids and
 *   the date; a fragment never reaches a server. Opening one shows that progress
 *   read-only, names items this version no longer has, and offers to take it over here
 *   (merged with what this browser has). A damaged or altered link changes nothing.
 *   The view stays open for this visit to the page, in this tab (sessionStorage
 *   "partnership-handbook:shared:<checklist>"), while the reader scrolls (the theme rewrites
 *   the address's fragment as they do), follows the page's own links or reloads; it ends
 *   when they take it over, go back to their own, or go to another page or open this one
 *   afresh. The view links to itself for copying. A share link pasted into the open page shows.
 * - New since your last visit: items this path gained since the reader last opened it are
 *   marked, and items it lost are named. Key: "partnership-handbook:seen:<checklist>"
 *   ("partnership-handbook:seen:<site root>:<checklist>" under a version's folder, such as /1.1/).
 * - "Suggest a change" on every checklist item, to the trackers the page's own
 *   "Suggest a change" links go to (none when no tracker is set).
 *
 * Nothing here makes a request: every link is followed only when the reader follows it.
 */
(function () {
  "use strict";
  var SEEN = "partnership-handbook:seen:";
  // The site's root path, read once on the page first loaded (the theme's config gives the
  // root relative to it): each published version (/1.0/, /latest/) keeps its own 'seen'
  // record, so moving between versions does not mark items new or retired back and forth.
  var SITE_ROOT = (function () {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base.replace(/\/?$/, "/"), location.href).pathname;
    } catch (err) {
      return "/";
    }
  })();
  function seenKey(key) { return SEEN + (SITE_ROOT === "/" ? "" : SITE_ROOT + ":") + key; }
  var SHARED = "partnership-handbook:shared:";  // sessionStorage: the share fragment on show in this tab

  // The shared view kept for this visit to this page: its #share= fragment, or null.
  function sharedKept(key) {
    var kept = storeGet(SHARED + key, true);
    return kept && kept.path === location.pathname ? String(kept.hash) : null;
  }

  // A visit ends when the reader goes to another page or opens one afresh (not a reload,
  // not back or forward): shared views kept for other visits are let go.
  var loaded = true;  // the first page set-up since the document loaded
  function endOtherVisits() {
    var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var afresh = loaded && (!nav || nav.type === "navigate") && location.hash.indexOf("#share=") !== 0;
    loaded = false;
    try {
      for (var i = window.sessionStorage.length - 1; i >= 0; i--) {
        var name = window.sessionStorage.key(i);
        if (name.indexOf(SHARED) !== 0) continue;
        var kept = storeGet(name, true);
        if (afresh || !kept || kept.path !== location.pathname) storeSet(name, null, true);
      }
    } catch (err) { /* storage disabled: nothing kept */ }
  }

  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function plural(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }

  // Items' texts as one sentence: "A; B; C." (each text's own full stop dropped).
  function sansStop(text) { return String(text).replace(/\.\s*$/, ""); }
  function listed(texts) { return texts.map(sansStop).join("; ") + "."; }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  // JSON kept in this browser (localStorage), or with `tab` for this tab only (sessionStorage);
  // null removes it. Storage may be disabled: then nothing is kept.
  function storeGet(key, tab) {
    try {
      return JSON.parse((tab ? window.sessionStorage : window.localStorage).getItem(key) || "null");
    } catch (err) { return null; }
  }

  function storeSet(key, value, tab) {
    try {
      var area = tab ? window.sessionStorage : window.localStorage;
      if (value === null) area.removeItem(key); else area.setItem(key, JSON.stringify(value));
    } catch (err) { /* disabled: fine */ }
  }

  // FNV-1a over the link's content: an edited link no longer matches its check.
  function check(text) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16);
  }

  function b64encode(text) {
    var bytes = new TextEncoder().encode(text), bin = "";
    bytes.forEach(function (b) { bin += String.fromCharCode(b); });
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function b64decode(text) {
    var bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, function (c) { return c.charCodeAt(0); }));
  }

  function shareLink(key, done) {
    var ids = Object.keys(done).filter(function (id) { return done[id] === true; }).sort();
    var date = today();
    var payload = { v: 1, p: key, d: date, i: ids, s: check([1, key, date, ids.join(",")].join("|")) };
    return window.handbook.pageUrl() + "#share=" + b64encode(JSON.stringify(payload));
  }

  // The shared progress in a #share= fragment: {date, ids}, or an error message.
  function readShare(hash, key) {
    var bad = { error: "This share link is damaged or was changed after it was made, so it cannot be shown. " +
                       "Nothing on this page has changed." };
    try {
      var data = JSON.parse(b64decode(hash.slice("#share=".length)));
      if (!data || data.v !== 1 || typeof data.p !== "string" || !/^\d{4}-\d\d-\d\d$/.test(data.d) ||
          !Array.isArray(data.i) || !data.i.every(function (id) { return typeof id === "string" && ID.test(id); })) {
        return bad;
      }
      if (data.s !== check([1, data.p, data.d, data.i.join(",")].join("|"))) return bad;
      if (data.p !== key) {
        var other = /^induction\/[a-z0-9-]+$/.test(data.p) ? data.p : null;  // a path of this site, or none
        return { error: "This share link is for another induction path" +
                        (other ? "" : " (" + data.p + ")") + ", not this one. Nothing on this page has changed.",
                 href: other && SITE_ROOT + other + "/" + hash };
      }
      return { date: data.d, ids: data.i };
    } catch (err) {
      return bad;
    }
  }

  // Text for running text in Markdown, shown as written: what GitHub's and GitLab's
  // Markdown read as markup (or as an entity, a mention, an issue reference) gets a
  // backslash before it (as trackers.markdown_text does for the build's issue links).
  function markdownText(text) { return text.replace(/([\\`*_\[\]<>|~&@#])/g, "\\$1"); }

  // The path as a Markdown task list, by stage, with the ticks given.
  function markdown(tools, checklist, done) {
    var page = window.handbook.pageUrl();
    var lines = ["Induction checklist from the Partnership Handbook: " + page, ""];
    document.querySelectorAll('ul.hb-items[data-checklist="' + checklist.key + '"]').forEach(function (list) {
      var heading = list.previousElementSibling;
      while (heading && !/^H[2-4]$/.test(heading.tagName)) heading = heading.previousElementSibling;
      if (heading) {
        var title = heading.cloneNode(true);
        title.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
        lines.push("### " + markdownText(title.textContent.trim().replace(/\s+/g, " ")), "");
      }
      list.querySelectorAll("li.hb-item").forEach(function (item) {
        var text = item.querySelector(".hb-item__text").textContent.trim().replace(/\s+/g, " ");
        var url = page + "#" + item.id;
        lines.push("- [" + (done[item.id] === true ? "x" : " ") + "] " + markdownText(text) +
                   " ([link](" + url + "))");
      });
      lines.push("");
    });
    return lines.join("\n");
  }

  function issueLink(anchor, title, body) {
    var prefix = anchor.getAttribute("data-prefix");
    var enc = encodeURIComponent;
    return anchor.getAttribute("data-kind") === "gitlab"
      ? prefix + "?issue%5Btitle%5D=" + enc(title) + "&issue%5Bdescription%5D=" + enc(body)
      : prefix + "?title=" + enc(title) + "&body=" + enc(body);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand && document.execCommand("copy");
      area.remove();
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  function setupTools(tools) {
    if (tools.getAttribute("data-hb-ready")) return;
    var key = tools.getAttribute("data-checklist");
    var panel = document.querySelector('.hb-progress[data-checklist="' + key + '"]');
    var checklist = panel && panel.hbChecklist;
    if (!checklist) {
      // handbook.js has not set the checklist up yet: carry on once it has
      if (panel && !tools.getAttribute("data-hb-waiting")) {
        tools.setAttribute("data-hb-waiting", "1");
        panel.addEventListener("hb:checklist-ready", function () { setupTools(tools); }, { once: true });
      }
      return;
    }
    tools.setAttribute("data-hb-ready", "1");
    var status = tools.querySelector(".hb-path-tools__status");
    var title = tools.getAttribute("data-title");
    var retired = {};
    try { retired = JSON.parse(tools.getAttribute("data-retired") || "{}"); } catch (err) { retired = {}; }
    var shared = null;  // the shared progress on show, if any

    function say(text) { status.textContent = text; }
    function state() { return shared ? shared.done : checklist.load(); }
    function body() { return markdown(tools, checklist, state()); }

    tools.querySelectorAll("a.hb-open-issue").forEach(function (anchor) {
      function refresh() { anchor.href = issueLink(anchor, title, body()); }
      anchor.addEventListener("focus", refresh);
      anchor.addEventListener("mouseenter", refresh);
      anchor.addEventListener("click", function (event) {
        var url = issueLink(anchor, title, body());
        var maxUrl = parseInt(tools.getAttribute("data-max-url"), 10) || 8000;
        if (url.length <= maxUrl) { anchor.href = url; return; }
        event.preventDefault();
        var tracker = anchor.getAttribute("data-tracker");
        copyText(body()).then(function () {
          say("This checklist is too long to open as a " + tracker + " link (" + url.length + " characters; " +
              "trackers accept about " + maxUrl + "). It has been copied as Markdown instead: open a new " +
              tracker + " issue and paste it.");
        }, function () {
          say("This checklist is too long to open as a " + tracker + " link (" + url.length + " characters; " +
              "trackers accept about " + maxUrl + "). Use Download as Markdown and attach the file to a new " +
              tracker + " issue.");
        });
      });
      refresh();
    });

    tools.querySelector(".hb-copy-md").addEventListener("click", function () {
      copyText(body()).then(function () { say("Copied the checklist as Markdown."); },
                            function () { say("This browser did not allow copying; use Download as Markdown."); });
    });

    tools.querySelector(".hb-download-md").addEventListener("click", function () {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([body()], { type: "text/markdown" }));
      link.download = key.replace(/\//g, "-") + ".md";
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
      say("Downloaded the checklist as " + link.download + ".");
    });

    var sharePanel = tools.querySelector(".hb-path-tools__share");
    var shareInput = tools.querySelector(".hb-share-link");
    tools.querySelector(".hb-share").addEventListener("click", function () {
      var link = shareLink(key, checklist.load());
      shareInput.value = link;
      sharePanel.hidden = false;
      shareInput.focus();
      shareInput.select();
      copyText(link).then(function () {
        say("A link to your progress is below and copied. It holds only the items you ticked; nothing was sent.");
      }, function () {
        say("A link to your progress is below: copy it. It holds only the items you ticked; nothing was sent.");
      });
    });

    // A shared link opened here, or still on show in this tab
    var hash = location.hash.indexOf("#share=") === 0 ? location.hash : sharedKept(key);
    if (hash && hash.indexOf("#share=") === 0) {
      var read = readShare(hash, key);
      var box = document.createElement("div");
      box.className = "admonition info hb-shared";
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Shared progress");
      tools.insertAdjacentElement("afterend", box);
      // opened from a share link: the box is where the manager looks (far down the page
      // on a long path); kept on show after a reload, the reader's own place stays
      if (location.hash.indexOf("#share=") === 0) box.scrollIntoView();
      if (read.error) {
        box.className = "admonition failure hb-shared";
        box.innerHTML = '<p class="admonition-title">Shared progress</p><p></p>';
        box.lastChild.textContent = read.error;
        if (read.href) {  // where it belongs, with the progress it carries
          var there = document.createElement("a");
          there.href = read.href;
          there.textContent = "Open it on its own path";
          box.lastChild.append(" ", there);
        }
        storeSet(SHARED + key, null, true);
      } else {
        storeSet(SHARED + key, { path: location.pathname, hash: hash }, true);
        var known = {}, done = {}, gone = [];
        checklist.boxes.forEach(function (b) { known[b.getAttribute("data-item")] = true; });
        read.ids.forEach(function (id) {
          id = checklist.renamed[id] || id;  // a link made before its item was renamed
          if (known[id]) done[id] = true; else if (gone.indexOf(id) < 0) gone.push(id);
        });
        shared = { done: done, date: read.date };
        checklist.show(done, true);
        var count = Object.keys(done).length;
        box.innerHTML = '<p class="admonition-title">Shared progress</p><p class="hb-shared__summary"></p>' +
          '<p class="hb-shared__retired" hidden></p><p><button type="button" class="md-button hb-take-over">' +
          "Take over this progress on this device</button> " +
          '<button type="button" class="md-button hb-back">Back to my own progress</button> ' +
          '<a class="hb-shared__link">Link to this shared progress</a></p>';
        box.querySelector(".hb-shared__summary").textContent = count + " of " + checklist.boxes.length +
          " done, shared on " + read.date + ". You are looking at it read-only.";
        box.querySelector(".hb-shared__link").href = window.handbook.pageUrl() + hash;
        if (gone.length) {
          var retiredLine = box.querySelector(".hb-shared__retired");
          retiredLine.hidden = false;
          retiredLine.textContent = "Retired since, no longer in this version: " + listed(gone.map(function (id) {
            return retired[id] ? sansStop(retired[id]) + " (" + id + ")" : id;
          }));
        }
        var leave = function (message) {
          shared = null;
          storeSet(SHARED + key, null, true);
          checklist.mine();
          if (location.hash.indexOf("#share=") === 0) {
            history.replaceState(null, "", location.pathname + location.search);
          }
          // the button in focus goes with the box: focus the path's tools just above it instead
          var focused = box.contains(document.activeElement);
          box.remove();
          say(message);
          if (focused) tools.querySelector(".hb-path-tools__row a, .hb-path-tools__row button").focus();
        };
        box.querySelector(".hb-take-over").addEventListener("click", function () {
          var mine = checklist.load();
          var own = Object.keys(mine).filter(function (id) { return mine[id] && known[id]; }).length;
          var adding = Object.keys(done).filter(function (id) { return !mine[id]; }).length;
          // Someone's own progress (a manager's, say) is merged into only when they say so.
          if (own && !window.confirm("Add " + plural(adding, "item") + " from this shared progress to the " +
                                     plural(own, "item") + " ticked in this browser? This cannot be undone.")) {
            say("Nothing was taken over; this browser's progress is as it was.");
            return;
          }
          Object.keys(done).forEach(function (id) { mine[id] = true; });
          checklist.save(mine);
          leave("Took over the shared progress: it is merged with what this browser had.");
        });
        box.querySelector(".hb-back").addEventListener("click", function () {
          leave("Back to your own progress.");
        });
      }
    } else {
      newSinceLastVisit(key, checklist, retired, say);
    }
    tools.hidden = false;
    linkedToRetired(retired, say);
  }

  // A link to an item this version retired (a manager's, made for an earlier version)
  // would open the page at its top with no word: say what it pointed to, at the checklist.
  function linkedToRetired(retired, say) {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
    if (!id || id.indexOf("share=") === 0 || document.getElementById(id) ||
        !Object.prototype.hasOwnProperty.call(retired, id)) return;
    say("The item this link points to is no longer on this path: “" + sansStop(retired[id]) +
        "”. The changelog lists what each version retired.");
    var heading = document.getElementById("checklist");
    if (heading) heading.scrollIntoView();
  }

  function newSinceLastVisit(key, checklist, retired, say) {
    var current = {};
    checklist.boxes.forEach(function (b) {
      var item = b.closest("li.hb-item");
      current[item.id] = item.querySelector(".hb-item__text").textContent.trim();
    });
    var seen = storeGet(seenKey(key));
    if (seen && seen.items && typeof seen.items === "object") {
      Object.keys(checklist.renamed).forEach(function (old) {  // seen under a former id: seen
        if (old in seen.items) {
          if (!(checklist.renamed[old] in seen.items)) seen.items[checklist.renamed[old]] = seen.items[old];
          delete seen.items[old];
        }
      });
      var added = Object.keys(current).filter(function (id) { return !(id in seen.items); });
      var gone = Object.keys(seen.items).filter(function (id) { return !(id in current); });
      added.forEach(function (id) {
        var item = document.getElementById(id);
        item.classList.add("hb-item--new");
        var badge = document.createElement("span");
        badge.className = "hb-new";
        badge.textContent = "New";
        item.querySelector(".hb-item__text").insertAdjacentElement("beforebegin", badge);
      });
      var parts = [];
      if (added.length) {
        parts.push(added.length + (added.length === 1 ? " item is" : " items are") + " new since your last visit" +
                   (seen.at ? " on " + seen.at : "") + ", marked New.");
      }
      if (gone.length) {
        parts.push("Retired since then: " + listed(gone.map(function (id) {
          return String(seen.items[id] || retired[id] || id);
        })));
      }
      if (parts.length) say(parts.join(" "));
    }
    storeSet(seenKey(key), { at: today(), items: current });
  }

  // "Suggest a change" on each checklist item, to the trackers of the page's own links.
  function setupSuggestions(root) {
    var pageLinks = root.querySelectorAll(".hb-suggest-page a.hb-suggest");
    if (!pageLinks.length) return;
    var trackers = Array.prototype.map.call(pageLinks, function (a) {
      var prefix = a.href.split("?")[0];
      return { prefix: prefix, kind: /\/-\/issues\/new$/.test(prefix) ? "gitlab" : "github", label: a.textContent };
    });
    var page = document.querySelector("h1");
    var pageTitle = page ? page.textContent.replace(/¶$/, "").trim() : document.title;
    var pageUrl = window.handbook.pageUrl();
    root.querySelectorAll("ul.hb-items > li[id]").forEach(function (item) {
      var meta = item.querySelector(".hb-item__meta");
      if (!meta || meta.querySelector(".hb-suggest")) return;
      var textNode = item.querySelector(".hb-item__text");
      var text = (textNode ? textNode.textContent : item.firstChild.textContent).trim();
      var url = pageUrl + "#" + item.id;
      trackers.forEach(function (tracker) {
        var anchor = document.createElement("a");
        anchor.className = "hb-suggest";
        anchor.setAttribute("data-prefix", tracker.prefix);
        anchor.setAttribute("data-kind", tracker.kind);
        anchor.href = issueLink(anchor, "Suggest a change: " + text,
          "**" + markdownText(text) + "** on the page [" + markdownText(pageTitle) + "](" + url + ").\n\n" +
          "What should change, and why? (A source, an example or your own experience helps.)\n\n");
        anchor.textContent = tracker.label;
        anchor.setAttribute("aria-label", tracker.label + ": " + text);
        var part = document.createElement("span");  // with its separator, so print leaves out both
        part.className = "hb-item__suggest";
        part.append(" · ", anchor);
        meta.appendChild(part);
      });
    });
  }

  function init() {
    endOtherVisits();
    document.querySelectorAll(".hb-path-tools[data-checklist]").forEach(setupTools);
    setupSuggestions(document);
  }

  window.handbook.onEachPage(init);  // handbook.js, loaded before this
  // A share link pasted into the address of the open page changes only its fragment:
  // show it as if it had been opened.
  window.addEventListener("hashchange", function () {
    if (location.hash.indexOf("#share=") === 0 && document.querySelector(".hb-path-tools[data-checklist]")) {
      location.reload();
    }
  });
})();
