/* Veghe — the crew view: while the officer allows it, the phone's position goes to the duty
 * desk every time it changes (at most every 10 s), for crews without a GPS tracker. Its words come from the page (data-t-* attributes). */
(function () {
  'use strict';
  var button = document.getElementById('gps-toggle');
  var state = document.getElementById('gps-state');
  if (!button) { return; }
  function t(name) { return button.getAttribute('data-t-' + name) || ''; }
  var locale = document.documentElement.lang === 'en' ? 'en-GB' : 'ro-RO';
  if (!navigator.geolocation) {
    if (state) { state.textContent = t('none'); }
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
      state.textContent = r.ok ? t('sent') + ' ' + new Date().toLocaleTimeString(locale)
        : t('refused') + ' (' + r.status + ').';
    }).catch(function () { state.textContent = t('offline'); });
  }
  button.addEventListener('click', function () {
    if (watch !== null) {
      navigator.geolocation.clearWatch(watch);
      watch = null;
      button.setAttribute('aria-pressed', 'false');
      button.textContent = t('send');
      state.textContent = t('stopped');
      return;
    }
    watch = navigator.geolocation.watchPosition(send, function (e) {
      state.textContent = t('unavailable') + ': ' + e.message;
    }, { enableHighAccuracy: true, maximumAge: 5000, timeout: 20000 });
    button.setAttribute('aria-pressed', 'true');
    button.textContent = t('stop');
    state.textContent = t('searching');
  });
})();
