// Runs before the app bundle has arrived (async, no imports): on the overview, the headline's counting
// requests start at once, in parallel with downloading the JavaScript. The app takes the answers
// (takePrefetched in src/api/registry.ts). Skipped when the overview's answers are cached already.
(function () {
  var cached = false;
  try { cached = (localStorage.getItem('vigil.overview.cache.v1') || '').indexOf('"headline"') >= 0; } catch (e) { /* storage blocked */ }
  if (location.pathname !== '/' || cached) return;
  var statuses = ['', 'captured', 'seen_in_custody', 'released', 'died_in_custody', 'executed', 'missing'];
  var pre = (window.__vigilPrefetch = {});
  statuses.forEach(function (s) {
    var url = '/api/v1/persons?' + (s ? 'status=' + s + '&' : '') + 'limit=1';
    pre[url] = fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  });
})();
