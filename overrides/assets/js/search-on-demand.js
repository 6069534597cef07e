/* Load search on demand, not on every first visit.
 *
 * Material fetches search/search_index.json (Zensical: search.json) and starts its search worker as soon
 * as a page loads, so every visitor pays for the whole index (about 1 MB gzip at
 * 1,000 pages) and the worker (12 KB gzip, plus building the index in it) whether
 * or not they search. This runs before Material's bundle and:
 *
 * - holds the index request (an XMLHttpRequest in Material 9) back until the
 *   reader shows they want to search: focusing or opening the search box, a
 *   search shortcut key, a page opened with a ?q= query, or one opened from a search
 *   result with ?h= (the words Material highlights once it has the index);
 * - hands Material a stand-in for its search worker that starts the real one
 *   when Material first posts to it, which it does once the index has arrived
 *   (listeners added before then, or set as onmessage as Zensical does, go to it).
 *
 * Everything else about search is Material's own.
 */
(function () {
  "use strict";
  var realFetch = window.fetch.bind(window);
  var release;
  var wanted = new Promise(function (resolve) { release = resolve; });

  // <html data-hb-search="held"> once the index has been asked for and held back,
  // "wanted" once the reader has asked for search (a state tests can wait for).
  function mark(state) {
    document.documentElement.setAttribute("data-hb-search", state);
  }

  function want() {
    if (release) { release(); release = null; mark("wanted"); }
  }

  // Whether a URL (relative to the page, as Material gives it) has a path that matches.
  function pathMatches(url, pattern) {
    try {
      return pattern.test(new URL(String(url), window.location.href).pathname);
    } catch (err) {
      return false;
    }
  }

  function isIndex(input) {
    return pathMatches(typeof input === "string" ? input : input && input.url, /\/search(\/search_index)?\.json$/);
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
      mark("held");
      wanted.then(function () { send.apply(xhr, args); });
      return undefined;
    }
    return send.apply(xhr, args);
  };
  window.fetch = function (input, init) {
    if (release && isIndex(input)) {
      mark("held");
      return wanted.then(function () { return realFetch(input, init); });
    }
    return realFetch(input, init);
  };

  // The search worker: created for real on the first message Material posts.
  var RealWorker = window.Worker;
  function isSearchWorker(url) {
    return pathMatches(url, /\/workers\/search\.[^/]*\.js$/);
  }
  function LazyWorker(url, options) {
    this.hbArgs = [url, options];
    this.hbListeners = [];
    this.hbWorker = null;
  }
  LazyWorker.prototype.hbStart = function () {
    if (!this.hbWorker) {
      var worker = this.hbWorker = new RealWorker(this.hbArgs[0], this.hbArgs[1]);
      this.hbListeners.forEach(function (args) { worker.addEventListener.apply(worker, args); });
      var props = this.hbProps || {};
      Object.keys(props).forEach(function (name) { worker[name] = props[name]; });
    }
    return this.hbWorker;
  };
  LazyWorker.prototype.addEventListener = function () {
    if (this.hbWorker) return this.hbWorker.addEventListener.apply(this.hbWorker, arguments);
    this.hbListeners.push(Array.prototype.slice.call(arguments));
    return undefined;
  };
  LazyWorker.prototype.removeEventListener = function (type, listener) {
    if (this.hbWorker) return this.hbWorker.removeEventListener.apply(this.hbWorker, arguments);
    this.hbListeners = this.hbListeners.filter(function (args) {
      return !(args[0] === type && args[1] === listener);
    });
    return undefined;
  };
  ["onmessage", "onerror", "onmessageerror"].forEach(function (name) {
    Object.defineProperty(LazyWorker.prototype, name, {
      get: function () { return this.hbWorker ? this.hbWorker[name] : (this.hbProps || {})[name] || null; },
      set: function (fn) {
        if (this.hbWorker) this.hbWorker[name] = fn;
        else (this.hbProps = this.hbProps || {})[name] = fn;
      }
    });
  });
  LazyWorker.prototype.postMessage = function () {
    var worker = this.hbStart();
    return worker.postMessage.apply(worker, arguments);
  };
  LazyWorker.prototype.terminate = function () {
    if (this.hbWorker) this.hbWorker.terminate();
  };
  if (RealWorker) {
    window.Worker = function Worker(url, options) {
      return isSearchWorker(url) ? new LazyWorker(url, options) : new RealWorker(url, options);
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  if (/[?&][qh]=/.test(window.location.search)) want();
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
