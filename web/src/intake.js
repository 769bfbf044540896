/* Veghe — call intake on the board: street type-ahead (diacritics optional), a click on the
 * map sets the coordinates, and open incidents within 100 m of the last hour are offered to
 * join instead of opening a duplicate; a chosen type preselects its usual priority. Without
 * JavaScript the form still works as plain HTML. */
(function () {
  'use strict';
  var form = document.getElementById('intake');
  if (!form) { return; }
  var address = document.getElementById('in-address');
  var list = document.getElementById('addr-list');
  var lat = document.getElementById('in-lat');
  var lon = document.getElementById('in-lon');
  var type = document.getElementById('in-type');
  var box = document.getElementById('join-box');
  var priority = document.getElementById('in-priority');
  var timer = null;

  // A chosen type brings its usual priority; the dispatcher may still change it.
  function typePriority() {
    var o = type.options[type.selectedIndex];
    var p = o && o.getAttribute('data-priority');
    if (p && priority) { priority.value = p; }
  }
  type.addEventListener('change', typePriority);
  typePriority();

  function getJSON(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; });
  }

  address.addEventListener('input', function () {
    clearTimeout(timer);
    var q = address.value.trim();
    if (q.length < 2) { return; }
    timer = setTimeout(function () {
      getJSON('/api/v1/addresses?limit=12&q=' + encodeURIComponent(q)).then(function (items) {
        list.textContent = '';
        items.forEach(function (s) {
          var o = document.createElement('option');
          o.value = s.label;
          o.textContent = s.postal_code;
          list.appendChild(o);
        });
      });
    }, 150);
  });

  function number(input) {
    var v = parseFloat((input.value || '').replace(',', '.'));
    return isFinite(v) ? v : null;
  }

  function offerJoin() {
    var la = number(lat), lo = number(lon);
    box.textContent = '';
    if (la === null || lo === null) { return; }
    var url = '/api/v1/incidents/nearby?lat=' + la + '&lon=' + lo + '&type=' + encodeURIComponent(type.value);
    getJSON(url).then(function (items) {
      box.textContent = '';
      if (!items.length) { return; }
      var fs = document.createElement('fieldset');
      var legend = document.createElement('legend');
      legend.textContent = box.getAttribute('data-legend');
      fs.appendChild(legend);
      function choice(value, text, checked) {
        var label = document.createElement('label');
        var input = document.createElement('input');
        input.type = 'radio';
        input.name = 'join';
        input.value = value;
        input.checked = checked;
        label.appendChild(input);
        label.appendChild(document.createTextNode(' ' + text));
        fs.appendChild(label);
      }
      items.forEach(function (n, i) {
        choice(String(n.id), box.getAttribute('data-join') + ' ' + n.reference + ' — ' +
          (n.address || '') + ' (' + Math.round(n.distance_m) + ' m)', i === 0 && n.same_type);
      });
      choice('', box.getAttribute('data-new'), !items[0].same_type);
      box.appendChild(fs);
    });
  }
  lat.addEventListener('change', offerJoin);
  lon.addEventListener('change', offerJoin);
  type.addEventListener('change', offerJoin);

  var mapEl = document.getElementById('board-map');
  function hook() {
    var map = mapEl && mapEl.vgMap;
    if (!map) { return; }
    var marker = null;
    map.on('click', function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      if (marker) { marker.setLatLng(e.latlng); } else { marker = window.L.marker(e.latlng).addTo(map); }
      offerJoin();
    });
  }
  if (mapEl) {
    if (mapEl.vgMap) { hook(); } else { mapEl.addEventListener('vg:map-ready', hook); }
  }
})();
