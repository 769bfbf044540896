/*
 * Veghe — placing an address of sanction records on the map (/activity/places).
 *   <script src="/assets/app/places.js" defer></script>  (after leaflet.js and map.js)
 * A click on #place-map writes the point into #place-lat / #place-lon and shows a marker there;
 * choosing an address whose coordinates are known (data-lat / data-lon on its option) moves the
 * marker and the fields to them. Without this file the form works by typing the coordinates.
 */
(function () {
  'use strict';
  var mapEl = document.getElementById('place-map');
  var lat = document.getElementById('place-lat');
  var lon = document.getElementById('place-lon');
  var address = document.getElementById('place-address');
  if (!mapEl || !lat || !lon || !address) { return; }
  function hook() {
    var map = mapEl.vgMap;
    if (!map) { return; }
    var marker = null;
    function put(latlng, pan) {
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      if (marker) { marker.setLatLng(latlng); } else { marker = window.L.marker(latlng).addTo(map); }
      if (pan) { map.setView(latlng, Math.max(map.getZoom(), 16)); }
    }
    map.on('click', function (e) { put(e.latlng, false); });
    function offer() {
      var option = address.options[address.selectedIndex];
      var la = option && parseFloat(option.getAttribute('data-lat'));
      var lo = option && parseFloat(option.getAttribute('data-lon'));
      if (isFinite(la) && isFinite(lo)) {
        put(window.L.latLng(la, lo), true);
      } else {
        lat.value = '';
        lon.value = '';
        if (marker) { map.removeLayer(marker); marker = null; }
      }
    }
    address.addEventListener('change', offer);
    offer();
  }
  if (mapEl.vgMap) { hook(); } else { mapEl.addEventListener('vg:map-ready', hook); }
})();
