/* Veghe — placing an incident on its page: a click on the incident's map (brought close to the
 * streets first when it shows the whole city) marks the point, fills the latitude and longitude
 * of the "save the point" form and shows the nearest known address (asked of the server) before
 * anything is saved. Without JavaScript the fields are typed. */
(function () {
  'use strict';
  var el = document.getElementById('incident-map');
  var lat = document.getElementById('loc-lat');
  var lon = document.getElementById('loc-lon');
  var pick = document.getElementById('locate-pick');
  if (!el || !lat || !lon || !pick) { return; }
  var lang = document.documentElement.lang === 'en' ? 'en' : 'ro';
  var marker = null;
  var asked = 0;

  function degrees(v) {
    var s = v.toFixed(6);
    return lang === 'ro' ? s.replace('.', ',') : s;
  }

  function show(text) { pick.textContent = text; }

  function choose(map, latlng) {
    var L = window.L;
    if (marker) {
      marker.setLatLng(latlng);
    } else {
      marker = L.circleMarker(latlng, {
        radius: 9, color: '#ffffff', weight: 2, fillColor: '#1d4ed8', fillOpacity: 1,
        className: 'vg-chosen'
      }).addTo(map);
    }
    lat.value = degrees(latlng.lat);
    lon.value = degrees(latlng.lng);
    el.setAttribute('data-chosen', latlng.lat.toFixed(6) + ',' + latlng.lng.toFixed(6));
    var chosen = el.getAttribute('data-t-chosen') + ': ' + degrees(latlng.lat) + ', ' + degrees(latlng.lng);
    show(chosen);
    var mine = ++asked;
    fetch('/api/v1/addresses/nearest?lat=' + latlng.lat.toFixed(6) + '&lon=' + latlng.lng.toFixed(6), {
      credentials: 'same-origin', headers: { Accept: 'application/json' }
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (near) {
      if (mine !== asked) { return; }
      if (near && near.label) {
        show(chosen + ' — ' + el.getAttribute('data-t-nearest') + ': ' + near.label);
        el.setAttribute('data-nearest', near.label);
      }
    }).catch(function () { /* the point alone is enough to save */ });
  }

  // A click on the whole city is too coarse to place an incident: it brings the map closer
  // first, and the next click chooses.
  var CLOSE_ENOUGH = 15;
  function listen(map) {
    map.on('click', function (e) {
      if (map.getZoom() < CLOSE_ENOUGH) {
        var closer = function () { map.setView(e.latlng, 17, { animate: false }); };
        // A zoom still under way (the city being fitted) would undo it when it ends.
        if (map._animatingZoom) { map.once('zoomend', closer); } else { closer(); }
        show(el.getAttribute('data-t-closer'));
        return;
      }
      choose(map, e.latlng);
    });
  }
  // The map may have been made before this script ran (map.js keeps it on the element).
  if (el.vgMap) {
    listen(el.vgMap);
  } else {
    el.addEventListener('vg:map-ready', function (event) { listen(event.detail.map); });
  }
})();
