/* Veghe — the crew view: while the officer allows it, the phone's position goes to the duty
 * desk every time it changes (at most every 10 s), for crews without a GPS tracker. */
(function () {
  'use strict';
  var button = document.getElementById('gps-toggle');
  var state = document.getElementById('gps-state');
  if (!button || !navigator.geolocation) {
    if (state) { state.textContent = 'Telefonul nu poate da poziția.'; }
    return;
  }
  var watch = null, last = 0;
  function send(p) {
    var now = Date.now();
    if (now - last < 10000) { return; }
    last = now;
    fetch('/crew/position', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': button.getAttribute('data-csrf') },
      body: JSON.stringify({
        lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy,
        speed: p.coords.speed, heading: p.coords.heading, timestamp: p.timestamp
      })
    }).then(function (r) {
      state.textContent = r.ok ? 'Poziție trimisă la ' + new Date().toLocaleTimeString('ro-RO')
        : 'Poziția nu a fost primită (' + r.status + ').';
    }).catch(function () { state.textContent = 'Fără legătură; se reîncearcă.'; });
  }
  button.addEventListener('click', function () {
    if (watch !== null) {
      navigator.geolocation.clearWatch(watch);
      watch = null;
      button.setAttribute('aria-pressed', 'false');
      button.textContent = 'Trimite poziția';
      state.textContent = 'Poziția nu se mai trimite.';
      return;
    }
    watch = navigator.geolocation.watchPosition(send, function (e) {
      state.textContent = 'Poziția nu este disponibilă: ' + e.message;
    }, { enableHighAccuracy: true, maximumAge: 5000, timeout: 20000 });
    button.setAttribute('aria-pressed', 'true');
    button.textContent = 'Oprește trimiterea poziției';
    state.textContent = 'Se caută poziția…';
  });
})();
