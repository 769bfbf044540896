/*
 * Veghe — analysis pages.
 *
 * Plain ES2017, no build step, no inline script (CSP). Three duties:
 *  - forms marked data-analysis-form show the #an-busy status while the
 *    next page computes (a progress indication for long analyses);
 *  - a section [data-job] (an analysis computing in the background) polls
 *    /analysis/progress?job=ID, moves its progress bar and percentage, and
 *    when the job is done loads the page again with ?job=ID, which then
 *    shows that job's result; the page stays usable meanwhile;
 *  - a .vg-map with data-analysis-cells="URL" gets, once map.js reports
 *    "vg:map-ready", the hot-spot cells of that GeoJSON as two layers:
 *    kernel density (shades of red), Gi* classes (hot red, cold blue) and
 *    Local Moran's I clusters (HH, LL, HL, LH), switchable in the layers
 *    control; the Gi* classes are named in the map's legend (map.js), the
 *    page's tables hold every class. Colours are set through
 *    Leaflet path options (CSSOM), which CSP allows.
 */
(function () {
  'use strict';

  document.querySelectorAll('form[data-analysis-form]').forEach(function (form) {
    form.addEventListener('submit', function () {
      var busy = document.getElementById('an-busy');
      if (busy) {
        busy.hidden = false;
      }
      form.setAttribute('aria-busy', 'true');
    });
  });

  function pollJob(box) {
    var id = box.getAttribute('data-job');
    var bar = box.querySelector('progress');
    var words = box.querySelector('[data-job-percent]');
    function show(percent) {
      if (bar && typeof percent === 'number') {
        bar.value = percent;
      }
      if (words && typeof percent === 'number') {
        words.textContent = percent + ' %';
      }
    }
    function tick() {
      fetch('/analysis/progress?job=' + encodeURIComponent(id), { credentials: 'same-origin' })
        .then(function (r) {
          if (!r.ok) { throw new Error(String(r.status)); }
          return r.json();
        })
        .then(function (j) {
          if (j.state === 'done') {
            show(100);
            var u = new URL(window.location.href);
            u.searchParams.set('job', id);
            window.location.replace(u.toString());
            return;
          }
          if (j.state === 'failed' || j.state === 'unknown') {
            box.setAttribute('data-job-state', 'failed');
            if (words) {
              words.textContent = j.message || box.getAttribute('data-failed') || '';
            }
            if (bar) { bar.hidden = true; }
            return;
          }
          show(j.percent);
          window.setTimeout(tick, 600);
        })
        .catch(function () { window.setTimeout(tick, 2000); });
    }
    box.setAttribute('data-job-state', 'running');
    tick();
  }

  document.querySelectorAll('[data-job]').forEach(pollJob);

  var CLASS_COLOURS = {
    hot_99: '#b2182b', hot_95: '#ef8a62', hot_90: '#fddbc7',
    cold_90: '#d1e5f0', cold_95: '#67a9cf', cold_99: '#2166ac'
  };

  // The same colours as the legend's .an-moran-* swatches in app.css.
  var MORAN_COLOURS = { HH: '#d7191c', LL: '#2c7bb6', HL: '#fdae61', LH: '#abd9e9' };

  function densityColour(share) {
    var stops = ['#fff5eb', '#fdd0a2', '#fd8d3c', '#d94801', '#7f2704'];
    var i = Math.min(stops.length - 1, Math.floor(share * stops.length));
    return stops[i];
  }

  // The page's class table in words, by class code (read from its swatches).
  function classWords() {
    var words = {};
    document.querySelectorAll('th span.an-swatch').forEach(function (sw) {
      var m = /(?:^|\s)an-((?:hot|cold)_\d+|ns)(?:\s|$)/.exec(sw.className);
      if (m) {
        words[m[1]] = sw.parentNode.textContent.trim();
      }
    });
    return words;
  }

  function addCells(el) {
    var map = el.vgMap;
    var url = el.getAttribute('data-analysis-cells');
    if (!map || !url || typeof window.L === 'undefined') {
      return;
    }
    var L = window.L;
    el.setAttribute('data-analysis-state', 'loading');
    fetch(url, { credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.json();
      })
      .then(function (fc) {
        var words = classWords();
        var top = 0;
        fc.features.forEach(function (f) { top = Math.max(top, f.properties.density || 0); });
        var heat = L.geoJSON(fc, {
          filter: function (f) { return top > 0 && f.properties.density >= top * 0.05; },
          style: function (f) {
            return { stroke: false, fillColor: densityColour(f.properties.density / top), fillOpacity: 0.6 };
          },
          onEachFeature: function (f, layer) {
            layer.bindTooltip(String(Math.round(f.properties.density)) + ' / km² · ' + f.properties.count);
          }
        });
        var classes = L.geoJSON(fc, {
          filter: function (f) { return f.properties['class'] !== 'ns'; },
          style: function (f) {
            return { stroke: false, fillColor: CLASS_COLOURS[f.properties['class']] || '#999999', fillOpacity: 0.65 };
          },
          onEachFeature: function (f, layer) {
            layer.bindTooltip((words[f.properties['class']] || f.properties['class']) + ' · z = ' + f.properties.gi_z.toFixed(2));
          }
        });
        var moran = L.geoJSON(fc, {
          filter: function (f) { return MORAN_COLOURS.hasOwnProperty(f.properties.moran_class); },
          style: function (f) {
            return { stroke: false, fillColor: MORAN_COLOURS[f.properties.moran_class], fillOpacity: 0.65 };
          },
          onEachFeature: function (f, layer) {
            layer.bindTooltip(f.properties.moran_class + ' · I = ' + f.properties.moran_i.toFixed(2) +
              ' · p = ' + f.properties.moran_p.toFixed(3));
          }
        });
        classes.addTo(map);
        var overlays = {};
        overlays[el.getAttribute('data-label-class') || 'Gi*'] = classes;
        overlays[el.getAttribute('data-label-moran') || 'Local Moran'] = moran;
        overlays[el.getAttribute('data-label-density') || 'KDE'] = heat;
        L.control.layers(null, overlays, { collapsed: false }).addTo(map);
        // The Gi* classes shown by default, in the map's legend too (the tables below hold them all).
        if (window.VegheMap && window.VegheMap.legend) {
          window.VegheMap.legend(el, el.getAttribute('data-label-class') || 'Gi*',
            Object.keys(CLASS_COLOURS).filter(function (code) { return words[code]; }).map(function (code) {
              return { label: words[code], kind: 'square', colour: CLASS_COLOURS[code], edge: '#ffffff' };
            }));
        }
        el.setAttribute('data-analysis-state', 'ready');
      })
      .catch(function () {
        el.setAttribute('data-analysis-state', 'error');
      });
  }

  document.querySelectorAll('.vg-map[data-analysis-cells]').forEach(function (el) {
    if (el.vgMap) {
      addCells(el);
    } else {
      el.addEventListener('vg:map-ready', function () { addCells(el); }, { once: true });
    }
  });
}());
