/* Veghe — a crew's route replayed on the map. The server renders the period, the slider's bounds
 * (the first and last fix, epoch seconds) and the words; this loads the track from the URL in
 * the map's data-track, draws it, and moves a marker to where the crew last reported at the
 * slider's moment, showing that moment, the fix's time, its speed and its age (stale beyond the
 * map's data-stale-ms). Arrow keys move the slider by a stride fitting the route's length; Page
 * Up/Down, Home and End are the browser's; the buttons step fix by fix and play or pause. */
(function () {
  'use strict';
  var el = document.getElementById('route-map');
  var box = document.getElementById('route-replay');
  var slider = document.getElementById('route-time');
  if (!el || !box || !slider || typeof window.L === 'undefined') { return; }
  var L = window.L;
  var byId = function (id) { return document.getElementById(id); };
  var clock = byId('route-clock'), fixTime = byId('route-fix-time'), speed = byId('route-speed');
  var ageEl = byId('route-age'), state = byId('route-state');
  var play = byId('route-play'), prev = byId('route-prev'), next = byId('route-next'), rate = byId('route-rate');
  var staleMs = parseInt(el.getAttribute('data-stale-ms') || '300000', 10);
  var en = (document.documentElement.getAttribute('lang') || 'ro').indexOf('en') === 0;
  var points = [], secs = [], line = [], shown = -1, marker = null, travelled = null, timer = null, stride = 1;

  function two(n) { return (n < 10 ? '0' : '') + n; }
  // dd.mm.yyyy HH:MM:SS in Timișoara's time.
  function when(ms) {
    var parts = {};
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Bucharest', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'
    }).formatToParts(new Date(ms)).forEach(function (p) { parts[p.type] = p.value; });
    return parts.day + '.' + parts.month + '.' + parts.year + ' ' + parts.hour + ':' + parts.minute + ':' + parts.second;
  }
  function duration(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) { return s + ' s'; }
    if (s < 3600) { return Math.floor(s / 60) + ' min ' + two(s % 60) + ' s'; }
    return Math.floor(s / 3600) + ' h ' + two(Math.floor((s % 3600) / 60)) + ' min';
  }
  function kmh(i) {
    var p = points[i];
    var mps = p.speed_mps;
    if (mps == null && i > 0) {
      var q = points[i - 1], dt = (p.at - q.at) / 1000;
      if (dt > 0) { mps = L.latLng(q.lat, q.lon).distanceTo(L.latLng(p.lat, p.lon)) / dt; }
    }
    if (mps == null || !isFinite(mps)) { return '—'; }
    var v = mps * 3.6;
    var text = v < 10 ? v.toFixed(1) : String(Math.round(v));
    return (en ? text : text.replace('.', ',')) + ' km/h';
  }
  // The last fix at or before a moment in whole seconds (binary search), or the first.
  function fixAt(s) {
    var lo = 0, hi = secs.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (secs[mid] <= s) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }
  function show() {
    var ms = Number(slider.value) * 1000;
    var i = fixAt(Number(slider.value)), p = points[i], age = Math.max(0, ms - p.at);
    var label = when(ms);
    clock.textContent = label;
    slider.setAttribute('aria-valuetext', label);
    fixTime.textContent = when(p.at);
    speed.textContent = kmh(i);
    var stale = age > staleMs;
    ageEl.textContent = duration(age) + (stale ? ' (' + box.getAttribute('data-stale') + ')' : '');
    ageEl.classList.toggle('stale', stale);
    marker.setLatLng([p.lat, p.lon]);
    marker.setStyle({ fillColor: stale ? '#ffffff' : '#c62828', color: stale ? '#757575' : '#ffffff' });
    if (i !== shown) { travelled.setLatLngs(line.slice(0, i + 1)); shown = i; }
    el.setAttribute('data-marker', p.lat.toFixed(6) + ',' + p.lon.toFixed(6));
    el.setAttribute('data-fix', String(i));
  }
  function setTime(seconds) {
    slider.value = String(Math.max(Number(slider.min), Math.min(Number(slider.max), seconds)));
    show();
  }
  function stop() {
    if (timer !== null) { window.clearInterval(timer); timer = null; }
    play.setAttribute('aria-pressed', 'false');
    play.textContent = box.getAttribute('data-play');
  }
  function start() {
    if (Number(slider.value) >= Number(slider.max)) { setTime(Number(slider.min)); }
    play.setAttribute('aria-pressed', 'true');
    play.textContent = box.getAttribute('data-pause');
    timer = window.setInterval(function () {
      var t = Number(slider.value) + Math.max(1, Math.round(Number(rate.value) / 5));
      setTime(t);
      if (t >= Number(slider.max)) { stop(); }
    }, 200);
  }
  // A round stride of about a three-hundredth of the route's time.
  function strideFor(span) {
    var steps = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
    var want = span / 300;
    for (var k = 0; k < steps.length; k++) { if (steps[k] >= want) { return steps[k]; } }
    return 3600;
  }
  function draw(track) {
    points = track.points || [];
    secs = points.map(function (p) { return Math.floor(p.at / 1000); });
    if (points.length === 0) { state.textContent = ''; return; }
    slider.min = String(secs[0]);
    slider.max = String(secs[secs.length - 1]);
    var map = el.vgMap;
    line = points.map(function (p) { return [p.lat, p.lon]; });
    var route = L.polyline(line, { color: '#1565c0', weight: 3, opacity: 0.45 }).addTo(map);
    travelled = L.polyline([], { color: '#1565c0', weight: 4, opacity: 0.95 }).addTo(map);
    if (window.VegheMap && window.VegheMap.legend) {
      var word = function (n) { return box.getAttribute('data-legend-' + n) || ''; };
      window.VegheMap.legend(el, word('title'), [
        { label: word('route'), kind: 'line', colour: 'rgba(21,101,192,0.45)' },
        { label: word('travelled'), kind: 'line', colour: '#1565c0' },
        { label: word('start'), kind: 'dot', colour: '#ffffff', edge: '#1565c0' },
        { label: word('crew'), kind: 'dot', colour: '#c62828', edge: '#ffffff' }
      ]);
    }
    L.circleMarker(line[0], { radius: 5, color: '#1565c0', weight: 2, fillColor: '#ffffff', fillOpacity: 1 })
      .bindTooltip(when(points[0].at)).addTo(map);
    marker = L.circleMarker(line[0], { radius: 8, weight: 2, color: '#ffffff', fillColor: '#c62828', fillOpacity: 1,
      className: 'vg-route-marker' }).addTo(map);
    // Zoom to the route; the map fits the city once its layers are in, so fit again after that.
    var fit = function () {
      if (route.getBounds().isValid()) { map.fitBounds(route.getBounds(), { padding: [24, 24], maxZoom: 17 }); }
    };
    fit();
    var mapEl = map.getContainer();
    if (mapEl.getAttribute('data-map-state') !== 'ready' && mapEl.getAttribute('data-map-state') !== 'error') {
      mapEl.addEventListener('vg:map-ready', fit, { once: true });
    }
    stride = strideFor(Number(slider.max) - Number(slider.min));
    [slider, play, prev, next].forEach(function (c) { c.disabled = false; });
    state.textContent = '';
    show();
    el.setAttribute('data-route-state', 'ready');
  }
  slider.addEventListener('input', show);
  slider.addEventListener('keydown', function (e) {
    var d = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[e.key];
    if (!d || e.altKey || e.ctrlKey || e.metaKey) { return; }
    e.preventDefault();
    setTime(Number(slider.value) + d * stride);
  });
  prev.addEventListener('click', function () {
    var now = Number(slider.value);
    for (var k = secs.length - 1; k >= 0; k--) {
      if (secs[k] < now) { setTime(secs[k]); return; }
    }
  });
  next.addEventListener('click', function () {
    var now = Number(slider.value);
    for (var k = 0; k < secs.length; k++) {
      if (secs[k] > now) { setTime(secs[k]); return; }
    }
  });
  play.addEventListener('click', function () { if (timer === null) { start(); } else { stop(); } });

  function load() {
    fetch(el.getAttribute('data-track'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(draw)
      .catch(function () {
        state.textContent = box.getAttribute('data-failed');
        el.setAttribute('data-route-state', 'error');
      });
  }
  if (el.vgMap && el.getAttribute('data-map-state') !== 'loading') { load(); }
  else { el.addEventListener('vg:map-ready', load, { once: true }); }
})();
