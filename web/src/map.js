/*
 * Veghe — Leaflet maps.
 *
 * Plain ES2017, no build step. Loaded after the vendored Leaflet:
 *   <script src="/assets/vendor/leaflet/leaflet.js" defer></script>
 *   <script src="/assets/app/map.js" defer></script>
 *
 * Every <div class="vg-map"> becomes a map. Attributes read:
 *   data-tiles           tile URL template ({z}/{x}/{y}); empty or absent:
 *                        Veghe's own street tiles (/tiles/{z}/{x}/{y}.png).
 *   data-layers          comma list among boundary,neighbourhoods,schools,crews,
 *                        loaded from /geo/<name>.geojson. crews (the crews at
 *                        their last position, coloured by status, hollow when
 *                        the fix is stale) reloads every 15 s and on the page's
 *                        live events ("vg:live", see live.js).
 *   data-points          optional URL of a GeoJSON FeatureCollection of
 *                        incident points (properties: number, type_label,
 *                        priority 1-3, status, received, optional url).
 *   data-points-refresh  optional: reload data-points every N seconds (N >= 5).
 *   data-focus           optional "lat,lon": one place marked and centred (zoom 16, or
 *                        data-focus-zoom) instead of fitting the city; data-focus-label
 *                        is its tooltip.
 *   aria-label           set by the server (the container is focusable).
 *
 * Every map gets a legend (bottom right) naming each layer shown, with the
 * incidents' priorities and the crews' states; every incident and crew
 * marker opens a popup saying what it is, with a link to its page.
 *
 * The element gets data-map-state="loading" | "ready" | "error" and fires a
 * "vg:map-ready" event once every requested layer has been handled; the
 * Leaflet map object is kept as element.vgMap.
 *
 * CSP: no inline styles in markup; styles are set only through the CSSOM
 * (element.style) or Leaflet path options, which CSP allows.
 */
(function () {
  'use strict';

  if (typeof window.L === 'undefined') {
    return;
  }
  var L = window.L;

  L.Icon.Default.imagePath = '/assets/vendor/leaflet/images/';

  var CENTRE = [45.7538, 21.2257];
  var ZOOM = 12;
  var LAYER_NAMES = ['boundary', 'neighbourhoods', 'schools', 'crews'];
  var CREWS_REFRESH_MS = 15000;
  var OSM_ATTRIBUTION =
    '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors (ODbL)';
  var BLANK_BACKGROUND = '#f4f3ee';
  var OWN_TILES = '/tiles/{z}/{x}/{y}.png';

  var PRIORITY_COLOURS = {
    1: '#c62828', // red: urgent
    2: '#ef6c00', // orange
    3: '#1565c0'  // blue
  };
  var PRIORITY_RADIUS = { 1: 9, 2: 7, 3: 6 };
  // Crews by status; a stale position is drawn hollow and grey.
  var CREW_COLOURS = {
    available: '#2e7d32',
    dispatched: '#f9a825',
    en_route: '#ef6c00',
    on_scene: '#c62828',
    busy: '#6a1b9a'
  };
  var CREW_OTHER = '#455a64';
  var STALE_COLOUR = '#757575';
  var BOUNDARY_STYLE = { color: '#1f3a5f', weight: 2.5, opacity: 0.9, fill: false };
  var NEIGHBOURHOOD_STYLE = { color: '#4a5a6a', weight: 1, opacity: 0.8, fillColor: '#7f9db9', fillOpacity: 0.08 };

  var TEXTS = {
    ro: {
      boundary: 'Limita municipiului',
      neighbourhoods: 'Cartiere',
      schools: 'Școli',
      points: 'Incidente',
      crews: 'Echipaje',
      priority: 'Prioritate',
      status: 'Stare',
      received: 'Primit',
      zoomIn: 'Mărește',
      zoomOut: 'Micșorează',
      failed: 'Strat indisponibil: ',
      legend: 'Legendă',
      p1: 'P1 — urgent',
      p2: 'P2 — obișnuit',
      p3: 'P3 — fără grabă',
      crew: 'Echipaj',
      incident: 'Incident',
      age: 'Vechimea poziției',
      route: 'Traseul echipajului',
      open: 'Deschide incidentul',
      stale: 'poziție veche',
      place: 'Locul incidentului',
      statuses: {
        available: 'disponibil',
        dispatched: 'alocat',
        en_route: 'în deplasare',
        on_scene: 'la fața locului',
        busy: 'ocupat'
      }
    },
    en: {
      boundary: 'City boundary',
      neighbourhoods: 'Neighbourhoods',
      schools: 'Schools',
      points: 'Incidents',
      crews: 'Crews',
      priority: 'Priority',
      status: 'Status',
      received: 'Received',
      zoomIn: 'Zoom in',
      zoomOut: 'Zoom out',
      failed: 'Layer unavailable: ',
      legend: 'Legend',
      p1: 'P1 — urgent',
      p2: 'P2 — normal',
      p3: 'P3 — not urgent',
      crew: 'Crew',
      incident: 'Incident',
      age: 'Age of the position',
      route: 'Route of the crew',
      open: 'Open the incident',
      stale: 'stale position',
      place: 'The incident',
      statuses: {
        available: 'available',
        dispatched: 'dispatched',
        en_route: 'en route',
        on_scene: 'on scene',
        busy: 'busy'
      }
    }
  };

  function texts() {
    var lang = (document.documentElement.getAttribute('lang') || 'ro').toLowerCase();
    return lang.indexOf('en') === 0 ? TEXTS.en : TEXTS.ro;
  }

  function escapeHtml(value) {
    return String(value == null ? '' : value)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
  }

  function fetchJson(url) {
    return fetch(url, {
      credentials: 'same-origin',
      headers: { Accept: 'application/geo+json, application/json' }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ': HTTP ' + response.status);
      }
      return response.json();
    });
  }

  function parseList(value) {
    return String(value || '')
      .split(',')
      .map(function (s) { return s.trim().toLowerCase(); })
      .filter(function (s) { return s.length > 0; });
  }

  // "dd.mm.yyyy HH:MM" in Europe/Bucharest, or the raw value if unparsable.
  function formatInstant(value) {
    if (!value) {
      return '';
    }
    var ms = Date.parse(String(value).replace(/^(\d{4}-\d{2}-\d{2})[ t]/, '$1T').toUpperCase());
    if (isNaN(ms)) {
      return String(value);
    }
    try {
      var parts = {};
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Bucharest',
        year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
      }).formatToParts(new Date(ms)).forEach(function (p) { parts[p.type] = p.value; });
      return parts.day + '.' + parts.month + '.' + parts.year + ' ' +
        (parts.hour === '24' ? '00' : parts.hour) + ':' + parts.minute;
    } catch (e) {
      return String(value);
    }
  }

  // "lat,lon" into a LatLng, or null.
  function parseFocus(value) {
    var parts = String(value || '').split(',').map(Number);
    if (parts.length !== 2 || !isFinite(parts[0]) || !isFinite(parts[1]) || String(value).trim() === '') {
      return null;
    }
    return L.latLng(parts[0], parts[1]);
  }

  function boundaryLayer(data) {
    return L.geoJSON(data, {
      interactive: false,
      style: function () {
        return BOUNDARY_STYLE;
      }
    });
  }

  function neighbourhoodsLayer(data) {
    return L.geoJSON(data, {
      style: function () {
        return NEIGHBOURHOOD_STYLE;
      },
      onEachFeature: function (feature, layer) {
        var name = feature && feature.properties && feature.properties.name;
        if (name) {
          layer.bindTooltip(escapeHtml(name), { sticky: true, direction: 'top' });
        }
      }
    });
  }

  // A school is a Polygon or a Point; draw one small circle at
  // properties.centroid ([lon, lat]), falling back to the geometry.
  function schoolPosition(feature) {
    var props = feature.properties || {};
    var c = props.centroid;
    if (Array.isArray(c) && c.length >= 2 && isFinite(c[0]) && isFinite(c[1])) {
      return L.latLng(Number(c[1]), Number(c[0]));
    }
    var g = feature.geometry;
    if (!g) {
      return null;
    }
    if (g.type === 'Point' && Array.isArray(g.coordinates)) {
      return L.latLng(g.coordinates[1], g.coordinates[0]);
    }
    try {
      var bounds = L.geoJSON(feature).getBounds();
      return bounds.isValid() ? bounds.getCenter() : null;
    } catch (e) {
      return null;
    }
  }

  function schoolsLayer(data) {
    var group = L.featureGroup();
    var features = (data && data.features) || [];
    features.forEach(function (feature) {
      var at = schoolPosition(feature);
      if (!at) {
        return;
      }
      var marker = L.circleMarker(at, {
        radius: 4, color: '#2e7d32', weight: 1, fillColor: '#66bb6a', fillOpacity: 0.9
      });
      var name = feature.properties && feature.properties.name;
      if (name) {
        marker.bindTooltip(escapeHtml(name), { direction: 'top' });
      }
      marker.addTo(group);
    });
    return group;
  }

  function incidentPopup(props, t) {
    var html = [];
    var number = escapeHtml(props.number || '');
    var url = typeof props.url === 'string' && props.url.charAt(0) === '/' && props.url.charAt(1) !== '/'
      ? props.url : null;
    html.push('<p class="vg-popup-title"><strong>' +
      (url ? '<a href="' + escapeHtml(url) + '">' + number + '</a>' : number) + '</strong></p>');
    if (props.type_label) {
      html.push('<p>' + escapeHtml(props.type_label) + '</p>');
    }
    html.push('<dl class="vg-popup-facts">');
    if (props.priority != null) {
      html.push('<dt>' + t.priority + '</dt><dd>' + escapeHtml(t['p' + props.priority] || props.priority) + '</dd>');
    }
    if (props.status_label || props.status) {
      html.push('<dt>' + t.status + '</dt><dd>' + escapeHtml(props.status_label || props.status) + '</dd>');
    }
    if (props.received) {
      html.push('<dt>' + t.received + '</dt><dd><time datetime="' + escapeHtml(props.received) + '">' +
        escapeHtml(formatInstant(props.received)) + '</time></dd>');
    }
    html.push('</dl>');
    if (url) {
      html.push('<p><a class="vg-popup-link" href="' + escapeHtml(url) + '">' + escapeHtml(t.open) + ' ' + number + '</a></p>');
    }
    return html.join('');
  }

  function localUrl(value) {
    return typeof value === 'string' && value.charAt(0) === '/' && value.charAt(1) !== '/' ? value : null;
  }

  function crewPopup(props, t) {
    var html = [];
    var name = escapeHtml(props.call_sign || '');
    var url = localUrl(props.url);
    html.push('<p class="vg-popup-title"><strong>' + escapeHtml(t.crew) + ' ' +
      (url ? '<a href="' + escapeHtml(url) + '">' + name + '</a>' : name) + '</strong></p>');
    html.push('<dl class="vg-popup-facts">');
    html.push('<dt>' + t.status + '</dt><dd>' + escapeHtml(props.status_label || '') + '</dd>');
    var incident = props.incident;
    if (incident && incident.reference) {
      var iurl = localUrl(incident.url);
      html.push('<dt>' + t.incident + '</dt><dd>' + (iurl
        ? '<a href="' + escapeHtml(iurl) + '">' + escapeHtml(incident.reference) + '</a>'
        : escapeHtml(incident.reference)) + '</dd>');
    }
    if (props.age) {
      html.push('<dt>' + t.age + '</dt><dd>' + escapeHtml(props.age) +
        (props.stale ? ' (' + escapeHtml(t.stale) + ')' : '') + '</dd>');
    }
    html.push('</dl>');
    if (url) {
      html.push('<p><a class="vg-popup-link" href="' + escapeHtml(url) + '">' + escapeHtml(t.route) + ' ' + name + '</a></p>');
    }
    return html.join('');
  }

  // A crew is a square (an incident is a dot), coloured by its status through app.css;
  // a stale position is hollow and dashed. A marker, so it can be reached from the keyboard.
  function crewIcon(props) {
    var status = String(props.status || 'other').replace(/[^a-z_]/g, '');
    if (!CREW_COLOURS[status]) {
      status = 'other';
    }
    return L.divIcon({
      className: 'vg-crew vg-crew-' + status + (props.stale ? ' vg-crew-stale' : ''),
      iconSize: [16, 16],
      html: ''
    });
  }

  function crewsLayer(data, t) {
    return L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        var props = feature.properties || {};
        return L.marker(latlng, {
          icon: crewIcon(props),
          keyboard: true,
          title: t.crew + ' ' + (props.call_sign || '') + ' · ' + (props.status_label || ''),
          riseOnHover: true
        });
      },
      onEachFeature: function (feature, layer) {
        var props = feature.properties || {};
        layer.bindPopup(crewPopup(props, t), { offset: [0, -4] });
      }
    });
  }

  function pointsLayer(data, t) {
    return L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        var p = Number(feature.properties && feature.properties.priority);
        if (!PRIORITY_COLOURS[p]) {
          p = 3;
        }
        return L.circleMarker(latlng, {
          radius: PRIORITY_RADIUS[p],
          color: '#ffffff',
          weight: 1.5,
          fillColor: PRIORITY_COLOURS[p],
          fillOpacity: 0.95,
          className: 'vg-incident vg-incident-p' + p
        });
      },
      onEachFeature: function (feature, layer) {
        var props = feature.properties || {};
        layer.bindPopup(incidentPopup(props, t));
        if (props.number) {
          layer.bindTooltip(escapeHtml(props.number), { direction: 'top' });
        }
      }
    });
  }

  var BUILDERS = {
    boundary: boundaryLayer,
    neighbourhoods: neighbourhoodsLayer,
    schools: schoolsLayer
  };

  // The legend: one line per layer shown, with the incidents' priorities and the crews' states.
  function swatch(kind, colour, edge) {
    var span = document.createElement('span');
    span.className = 'vg-legend-swatch vg-legend-' + kind;
    span.setAttribute('aria-hidden', 'true');
    if (kind === 'line') {
      span.style.borderTopColor = colour;
    } else if (kind === 'area') {
      span.style.borderColor = colour;
      span.style.backgroundColor = edge;
    } else {
      span.style.backgroundColor = colour;
      span.style.borderColor = edge || '#ffffff';
    }
    return span;
  }

  function legendItem(list, text, sw, extra) {
    var li = document.createElement('li');
    if (extra) {
      li.className = extra;
    }
    li.appendChild(sw);
    li.appendChild(document.createTextNode(' ' + text));
    list.appendChild(li);
  }

  function legendGroup(root, title, fill) {
    var h = document.createElement('p');
    h.className = 'vg-legend-group';
    h.textContent = title;
    var ul = document.createElement('ul');
    fill(ul);
    root.appendChild(h);
    root.appendChild(ul);
  }

  function drawLegend(body, shown, t, focusLabel, extra) {
    body.textContent = '';
    // The geography: one line each, no heading of its own.
    if (shown.boundary || shown.neighbourhoods || shown.schools) {
      var ul = document.createElement('ul');
      if (shown.boundary) {
        legendItem(ul, t.boundary, swatch('line', BOUNDARY_STYLE.color));
      }
      if (shown.neighbourhoods) {
        legendItem(ul, t.neighbourhoods, swatch('area', NEIGHBOURHOOD_STYLE.color, 'rgba(127,157,185,0.25)'));
      }
      if (shown.schools) {
        legendItem(ul, t.schools, swatch('dot', '#66bb6a', '#2e7d32'));
      }
      body.appendChild(ul);
    }
    if (shown.points) {
      legendGroup(body, t.points, function (ul) {
        [1, 2, 3].forEach(function (p) {
          legendItem(ul, t['p' + p], swatch('dot', PRIORITY_COLOURS[p]), 'vg-legend-p' + p);
        });
      });
    }
    if (shown.crews) {
      legendGroup(body, t.crews, function (ul) {
        Object.keys(CREW_COLOURS).forEach(function (code) {
          legendItem(ul, t.statuses[code], swatch('square', CREW_COLOURS[code], '#ffffff'), 'vg-legend-crew-' + code);
        });
        legendItem(ul, t.stale, swatch('square-hollow', '#ffffff', STALE_COLOUR), 'vg-legend-stale');
      });
    }
    if (extra && extra.items.length) {
      legendGroup(body, extra.title, function (ul) {
        extra.items.forEach(function (item) {
          legendItem(ul, item.label, swatch(item.kind, item.colour, item.edge));
        });
      });
    }
    if (focusLabel) {
      legendGroup(body, t.place, function (ul) {
        legendItem(ul, focusLabel, swatch('dot', '#c62828', '#ffffff'));
      });
    }
    body.parentNode.hidden = body.childNodes.length === 0;
  }

  function addLegend(map, el, t) {
    var control = L.control({ position: 'bottomright' });
    var body = null;
    control.onAdd = function () {
      var box = L.DomUtil.create('details', 'leaflet-control vg-legend');
      // Open on a wide map, folded on a phone's (it would cover the map).
      box.open = el.clientWidth >= 560;
      var summary = document.createElement('summary');
      summary.textContent = t.legend;
      box.appendChild(summary);
      body = document.createElement('div');
      body.className = 'vg-legend-body';
      box.appendChild(body);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(map);
    return function (shown, focusLabel) {
      drawLegend(body, shown, t, focusLabel, el.vgLegendExtra);
    };
  }

  function showFailure(map, t, what) {
    var control = L.control({ position: 'bottomleft' });
    control.onAdd = function () {
      var div = L.DomUtil.create('div', 'leaflet-control vg-map-error');
      div.setAttribute('role', 'status');
      div.textContent = t.failed + what;
      div.style.background = '#fff';
      div.style.padding = '2px 6px';
      div.style.color = '#8a1c1c';
      return div;
    };
    control.addTo(map);
  }

  function initMap(el) {
    if (el.vgMap) {
      return el.vgMap;
    }
    var t = texts();
    el.setAttribute('data-map-state', 'loading');
    // The server's CSS should give .vg-map a height; without one the map
    // would be invisible, so fall back to a sensible one.
    if (el.clientHeight === 0 && el.getClientRects().length > 0) {
      el.style.height = '28rem';
    }

    var map = L.map(el, {
      center: CENTRE,
      zoom: ZOOM,
      zoomControl: false,
      zoomSnap: 0.5,
      attributionControl: true,
      keyboard: true
    });
    el.vgMap = map;
    L.control.zoom({ zoomInTitle: t.zoomIn, zoomOutTitle: t.zoomOut }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    map.attributionControl.addAttribution(OSM_ATTRIBUTION);
    L.control.scale({ imperial: false }).addTo(map);

    // The installation's tile server when one is configured, else Veghe's own street tiles,
    // drawn by the server from the shipped street lines (no outside service).
    var tiles = (el.getAttribute('data-tiles') || '').trim() || OWN_TILES;
    L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
    if (window.getComputedStyle(el).backgroundColor === 'rgb(221, 221, 221)') {
      el.style.backgroundColor = BLANK_BACKGROUND;
    }

    var control = L.control.layers(null, null, { collapsed: true }).addTo(map);
    var requested = parseList(el.getAttribute('data-layers')).filter(function (name, i, all) {
      return LAYER_NAMES.indexOf(name) >= 0 && all.indexOf(name) === i;
    });
    var loaded = {};
    var wantsCrews = requested.indexOf('crews') >= 0;
    requested = requested.filter(function (name) { return name !== 'crews'; });

    var jobs = requested.map(function (name) {
      return fetchJson('/geo/' + name + '.geojson').then(function (data) {
        var layer = BUILDERS[name](data);
        loaded[name] = layer;
        return { name: name, layer: layer };
      }, function (err) {
        if (window.console) {
          console.warn('veghe map: ' + err.message);
        }
        showFailure(map, t, t[name]);
        return null;
      });
    });

    var pointsUrl = (el.getAttribute('data-points') || '').trim();
    var points = null;
    if (pointsUrl) {
      points = L.featureGroup();
      jobs.push(loadPoints(map, points, pointsUrl, t).then(function (ok) {
        return ok ? { name: 'points', layer: points } : null;
      }));
      var refresh = parseInt(el.getAttribute('data-points-refresh') || '', 10);
      if (refresh >= 5) {
        window.setInterval(function () {
          if (document.body.contains(el)) {
            loadPoints(map, points, pointsUrl, t);
          }
        }, refresh * 1000);
      }
    }

    var crews = null;
    if (wantsCrews) {
      crews = L.featureGroup();
      jobs.push(loadCrews(map, crews, t).then(function (ok) {
        return ok ? { name: 'crews', layer: crews } : null;
      }));
      var reloadCrews = function () {
        if (document.body.contains(el)) {
          loadCrews(map, crews, t);
        }
      };
      window.setInterval(reloadCrews, CREWS_REFRESH_MS);
      var pending = null;
      document.body.addEventListener('vg:live', function () {
        if (pending) {
          return;
        }
        pending = window.setTimeout(function () { pending = null; reloadCrews(); }, 500);
      });
      el.vgReloadCrews = reloadCrews;
    }

    var legend = addLegend(map, el, t);
    var focusText = null;
    var layersOn = {};
    function refreshLegend() {
      var shown = {};
      Object.keys(layersOn).forEach(function (name) {
        shown[name] = map.hasLayer(layersOn[name]);
      });
      legend(shown, focusText);
    }
    map.on('overlayadd overlayremove', refreshLegend);
    el.vgRefreshLegend = refreshLegend;

    Promise.all(jobs).then(function (results) {
      // Add layers in a fixed order so that points and crews are on top.
      var order = ['boundary', 'neighbourhoods', 'schools', 'points', 'crews'];
      order.forEach(function (name) {
        results.forEach(function (r) {
          if (r && r.name === name) {
            r.layer.addTo(map);
            layersOn[name] = r.layer;
            control.addOverlay(r.layer, escapeHtml(t[name]));
          }
        });
      });
      // The city itself (its neighbourhoods) fills the map; the boundary takes in the fields around it.
      var fit = loaded.neighbourhoods || loaded.boundary;
      var focus = parseFocus(el.getAttribute('data-focus'));
      if (focus) {
        var mark = L.circleMarker(focus, {
          radius: 10, color: '#ffffff', weight: 2, fillColor: '#c62828', fillOpacity: 1,
          className: 'vg-focus'
        }).addTo(map);
        var focusLabel = el.getAttribute('data-focus-label');
        if (focusLabel) {
          mark.bindTooltip(escapeHtml(focusLabel), { permanent: true, direction: 'top', offset: [0, -8] });
        }
        focusText = focusLabel || t.place;
        map.setView(focus, parseFloat(el.getAttribute('data-focus-zoom')) || 16);
      } else if (fit) {
        var bounds = fit.getBounds();
        if (bounds.isValid()) {
          map.fitBounds(bounds, { padding: [8, 8] });
        }
      }
      refreshLegend();
      var failed = results.some(function (r) { return r === null; });
      el.setAttribute('data-map-state', failed ? 'error' : 'ready');
      el.dispatchEvent(new CustomEvent('vg:map-ready', { bubbles: true, detail: { map: map } }));
    });

    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(function () { map.invalidateSize(); }).observe(el);
    }
    return map;
  }

  // (Re)load the incident points into the given group; resolves to true on success.
  function loadPoints(map, group, url, t) {
    return fetchJson(url).then(function (data) {
      group.clearLayers();
      pointsLayer(data, t).eachLayer(function (layer) { group.addLayer(layer); });
      return true;
    }, function (err) {
      if (window.console) {
        console.warn('veghe map: ' + err.message);
      }
      if (!group.vgFailed) {
        group.vgFailed = true;
        showFailure(map, t, t.points);
      }
      return false;
    });
  }

  // (Re)load the crews into the given group, moving the markers already drawn (an open popup
  // stays open, a focused marker keeps its focus); resolves to true on success.
  function loadCrews(map, group, t) {
    return fetchJson('/geo/crews.geojson').then(function (data) {
      var drawn = group.vgById || (group.vgById = {});
      var seen = {};
      crewsLayer(data, t).eachLayer(function (fresh) {
        var id = String(fresh.feature && fresh.feature.id);
        seen[id] = true;
        var old = drawn[id];
        if (!old) {
          drawn[id] = fresh;
          group.addLayer(fresh);
          return;
        }
        old.feature = fresh.feature;
        old.setLatLng(fresh.getLatLng());
        if (old.options.icon.options.className !== fresh.options.icon.options.className ||
            old.options.title !== fresh.options.title) {
          old.options.title = fresh.options.title;
          old.setIcon(fresh.options.icon);
        }
        old.setPopupContent(crewPopup(fresh.feature.properties, t));
      });
      Object.keys(drawn).forEach(function (id) {
        if (!seen[id]) {
          group.removeLayer(drawn[id]);
          delete drawn[id];
        }
      });
      return true;
    }, function (err) {
      if (window.console) {
        console.warn('veghe map: ' + err.message);
      }
      if (!group.vgFailed) {
        group.vgFailed = true;
        showFailure(map, t, t.crews);
      }
      return false;
    });
  }

  function initAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    if (scope.matches && scope.matches('div.vg-map')) {
      initMap(scope);
    }
    Array.prototype.forEach.call(scope.querySelectorAll('div.vg-map'), initMap);
  }

  // A page's own layer in the map's legend: legend(el, title, [{ label, kind: 'line' | 'dot' |
  // 'square', colour, edge }]).
  function legend(el, title, items) {
    el.vgLegendExtra = { title: title, items: items || [] };
    if (el.vgRefreshLegend) {
      el.vgRefreshLegend();
    }
  }

  window.VegheMap = { init: initAll, formatInstant: formatInstant, legend: legend };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { initAll(document); });
  } else {
    initAll(document);
  }
  // Maps inside content swapped in by htmx.
  document.addEventListener('htmx:load', function (event) {
    initAll(event.detail && event.detail.elt);
  });
}());
