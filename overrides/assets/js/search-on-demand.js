/* Load the search index on demand, not on every first visit.
 *
 * Material fetches search/search_index.json as soon as a page loads, so every
 * visitor pays for the whole index (about 1 MB gzip at 1,000 pages) whether or
 * not they search. This runs before Material's bundle and holds that one request
 * (an XMLHttpRequest in Material 9) back until the reader shows they want to search: focusing or opening the search
 * box, a search shortcut key, or a page opened with a ?q= query. Everything else
 * about search is Material's own.
 */
(function () {
  "use strict";
  var realFetch = window.fetch.bind(window);
  var release;
  var wanted = new Promise(function (resolve) { release = resolve; });

  function want() {
    if (release) { release(); release = null; }
  }

  function isIndex(input) {
    var url = typeof input === "string" ? input : input && input.url;
    try {
      return /\/search\/search_index\.json$/.test(new URL(String(url), window.location.href).pathname);
    } catch (err) {
      return false;
    }
  }

  // Material requests the index with XMLHttpRequest; fetch is covered for later versions.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.hbSearchIndex = isIndex(url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (release && xhr.hbSearchIndex) {
      wanted.then(function () { send.apply(xhr, args); });
      return undefined;
    }
    return send.apply(xhr, args);
  };
  window.fetch = function (input, init) {
    if (release && isIndex(input)) {
      return wanted.then(function () { return realFetch(input, init); });
    }
    return realFetch(input, init);
  };

  if (/[?&]q=/.test(window.location.search)) want();
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.closest && event.target.closest(".md-search")) want();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) want();
  }, true);
  document.addEventListener("click", function (event) {
    if (event.target && event.target.closest && event.target.closest('label[for="__search"], .md-search')) want();
  }, true);
  document.addEventListener("keydown", function (event) {
    var typing = event.target && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && /^[/sfSF]$/.test(event.key)) want();
  }, true);
})();
