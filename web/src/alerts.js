/* Veghe — the alert's area drawn on the map (alerts page). "Circle": a click sets the centre, a
 * second click its edge; "Polygon": each click adds a corner, "Close the polygon" (or a click on
 * the first corner) ends it. The drawing fills the typed fields (centre, radius or the polygon's
 * "lat,lon" points), which stay as the fallback; typing in them redraws the area. The server
 * checks the area as before. Without JavaScript the typed fields are the form. */
(function () {
  'use strict';
  var el = document.getElementById('alert-map');
  if (!el || typeof window.L === 'undefined') { return; }
  var L = window.L;
  var lat = document.getElementById('al-lat');
  var lon = document.getElementById('al-lon');
  var radius = document.getElementById('al-radius');
  var polygon = document.getElementById('al-polygon');
  var state = document.getElementById('draw-state');
  var tools = document.querySelector('.draw-tools');
  var circleButton = document.getElementById('draw-circle');
  var polygonButton = document.getElementById('draw-polygon');
  var closeButton = document.getElementById('draw-close');
  var clearButton = document.getElementById('draw-clear');
  var STYLE = { color: '#b91c1c', weight: 2, fillColor: '#ef4444', fillOpacity: 0.2 };
  var word = function (name) { return el.getAttribute('data-' + name) || ''; };
  var lang = (document.documentElement.getAttribute('lang') || 'ro').indexOf('en') === 0 ? 'en' : 'ro';

  var map = null, mode = null, shape = null, corners = [], centre = null, marks = null;

  function decimal(value, digits) {
    var text = value.toFixed(digits);
    return lang === 'ro' ? text.replace('.', ',') : text;
  }
  function number(input) {
    var v = parseFloat(String(input.value || '').trim().replace(',', '.'));
    return isFinite(v) ? v : null;
  }
  function say(text) { state.textContent = text; }

  function setMode(next) {
    mode = next;
    circleButton.setAttribute('aria-pressed', String(mode === 'circle'));
    polygonButton.setAttribute('aria-pressed', String(mode === 'polygon'));
    closeButton.disabled = !(mode === 'polygon' && corners.length >= 3);
    el.classList.toggle('drawing', mode !== null);
    // While drawing, a quick second click is a point, not a zoom.
    if (mode === null) { map.doubleClickZoom.enable(); } else { map.doubleClickZoom.disable(); }
  }

  function clearShape() {
    if (shape) { map.removeLayer(shape); shape = null; }
    marks.clearLayers();
  }

  function clearAll() {
    clearShape();
    corners = [];
    centre = null;
    lat.value = ''; lon.value = ''; radius.value = ''; polygon.value = '';
    say(word('nothing'));
  }

  function drawCircle(c, metres) {
    clearShape();
    shape = L.circle(c, Object.assign({ radius: metres }, STYLE)).addTo(map);
    say(word('circle') + ' ' + decimal(metres / 1000, 2) + ' km');
  }

  function drawPolygon(points, closed) {
    clearShape();
    points.forEach(function (p, i) {
      L.circleMarker(p, { radius: i === 0 ? 6 : 4, color: '#b91c1c', weight: 2, fillColor: '#fff', fillOpacity: 1 })
        .on('click', function (e) {
          if (i === 0 && mode === 'polygon' && corners.length >= 3) {
            L.DomEvent.stop(e);
            finishPolygon();
          }
        })
        .addTo(marks);
    });
    if (points.length >= 2) {
      shape = (closed ? L.polygon(points, STYLE) : L.polyline(points, STYLE)).addTo(map);
    }
    if (closed) {
      say(word('polygon') + ' ' + points.length + ' ' + word('word-points'));
    } else {
      say(word('polygon-more') + ' ' + points.length);
    }
  }

  function fillCircle(c, metres) {
    lat.value = c.lat.toFixed(6);
    lon.value = c.lng.toFixed(6);
    radius.value = (Math.round(metres) / 1000).toFixed(3);
    polygon.value = '';
  }

  function fillPolygon(points) {
    polygon.value = points.map(function (p) { return p.lat.toFixed(6) + ',' + p.lng.toFixed(6); }).join(' ');
    lat.value = ''; lon.value = ''; radius.value = '';
  }

  function finishPolygon() {
    if (corners.length < 3) { return; }
    drawPolygon(corners, true);
    fillPolygon(corners);
    setMode(null);
  }

  function onClick(e) {
    if (mode === 'circle') {
      if (!centre) {
        clearShape();
        centre = e.latlng;
        L.circleMarker(centre, { radius: 5, color: '#b91c1c', weight: 2, fillColor: '#fff', fillOpacity: 1 }).addTo(marks);
        say(word('centre-set'));
      } else {
        var metres = Math.max(10, map.distance(centre, e.latlng));
        drawCircle(centre, metres);
        fillCircle(centre, metres);
        centre = null;
        setMode(null);
      }
    } else if (mode === 'polygon') {
      corners.push(e.latlng);
      drawPolygon(corners, false);
      closeButton.disabled = corners.length < 3;
    }
  }

  // The typed fields redraw the area (the advanced way in).
  function fromFields() {
    var a = number(lat), b = number(lon), r = number(radius);
    if (a !== null && b !== null && r !== null && r > 0) {
      drawCircle(L.latLng(a, b), r * 1000);
      return;
    }
    var points = String(polygon.value || '').trim().split(/\s+/).map(function (pair) {
      var xy = pair.split(',').map(Number);
      return xy.length === 2 && isFinite(xy[0]) && isFinite(xy[1]) ? L.latLng(xy[0], xy[1]) : null;
    }).filter(function (p) { return p !== null; });
    if (points.length >= 3) {
      drawPolygon(points, true);
    }
  }

  function start() {
    map = el.vgMap;
    if (!map || marks) { return; }
    marks = L.featureGroup().addTo(map);
    tools.hidden = false;
    // The typed fields fold away behind a button once the map can draw.
    var toggle = document.getElementById('typed-toggle');
    var typed = document.getElementById('alert-typed');
    toggle.hidden = false;
    typed.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    toggle.addEventListener('click', function () {
      typed.hidden = !typed.hidden;
      toggle.setAttribute('aria-expanded', String(!typed.hidden));
    });
    map.on('click', onClick);
    circleButton.addEventListener('click', function () {
      corners = []; centre = null; clearShape();
      setMode(mode === 'circle' ? null : 'circle');
    });
    polygonButton.addEventListener('click', function () {
      corners = []; centre = null; clearShape();
      setMode(mode === 'polygon' ? null : 'polygon');
    });
    closeButton.addEventListener('click', finishPolygon);
    clearButton.addEventListener('click', function () { clearAll(); setMode(null); });
    [lat, lon, radius, polygon].forEach(function (input) { input.addEventListener('change', fromFields); });
    fromFields();
    el.setAttribute('data-draw', 'ready');
  }
  if (el.vgMap) { start(); } else { el.addEventListener('vg:map-ready', start); }
})();
