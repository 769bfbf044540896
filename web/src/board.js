/* Veghe — the crews on the board's map: each crew's last position, coloured by status, its call sign
 * and the age of the fix; a position older than the stale age is drawn hollow and grey. Moved at
 * once on `unit.position` events, and reloaded every 15 s. */
(function () {
  'use strict';
  var el = document.getElementById('board-map');
  if (!el || typeof window.L === 'undefined') { return; }
  var L = window.L;
  var COLOURS = { available: '#2e7d32', dispatched: '#f9a825', en_route: '#ef6c00', on_scene: '#c62828', busy: '#6a1b9a' };
  var staleMs = parseInt(el.getAttribute('data-stale-ms') || '300000', 10);
  var layer = null, markers = {};

  function style(u) {
    var stale = !u.last_position_at || Date.now() - u.last_position_at > staleMs;
    var colour = COLOURS[u.status] || '#455a64';
    return {
      radius: 7, weight: 2, color: stale ? '#757575' : colour,
      fillColor: stale ? '#ffffff' : colour, fillOpacity: stale ? 0.2 : 0.9, dashArray: stale ? '3' : null,
    };
  }
  function label(u) {
    var age = u.last_position_at ? Math.max(0, Math.round((Date.now() - u.last_position_at) / 60000)) + ' min' : '—';
    return u.call_sign + ' · ' + u.status + ' · ' + age;
  }
  function draw(units) {
    units.forEach(function (u) {
      if (u.last_lat == null || u.last_lon == null || u.status === 'off_duty' || u.status === 'out_of_service') { return; }
      var m = markers[u.id];
      if (!m) {
        m = L.circleMarker([u.last_lat, u.last_lon], style(u)).addTo(layer);
        m.bindTooltip(label(u));
        markers[u.id] = m;
      } else {
        m.setLatLng([u.last_lat, u.last_lon]);
        m.setStyle(style(u));
        m.setTooltipContent(label(u));
      }
      m.unit = u;
    });
  }
  function load() {
    fetch('/api/v1/units', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(draw, function () {});
  }
  function start() {
    var map = el.vgMap;
    if (!map || layer) { return; }
    layer = L.featureGroup().addTo(map);
    el.setAttribute('data-crews', 'ready');
    load();
    window.setInterval(load, 15000);
    if (window.EventSource) {
      var source = new EventSource('/api/v1/events');
      source.addEventListener('unit.position', function (e) {
        try {
          var p = JSON.parse(e.data);
          var m = markers[p.unit_id];
          if (m && m.unit) {
            m.unit.last_lat = p.lat; m.unit.last_lon = p.lon; m.unit.last_position_at = p.at;
            draw([m.unit]);
          } else { load(); }
        } catch (err) { load(); }
      });
      source.addEventListener('unit.status', load);
    }
  }
  if (el.vgMap) { start(); } else { el.addEventListener('vg:map-ready', start); }
})();
