/*
 * Veghe — small progressive enhancements. Plain ES2017, no build step:
 *   <script src="/assets/app/app.js" defer></script>
 *
 * Every page works without this file; it only improves what is there.
 *
 *  - [data-local-time="<RFC 3339>"]: text becomes "dd.mm.yyyy HH:MM" in
 *    Europe/Bucharest.
 *  - [data-elapsed-since="<RFC 3339>"]: text becomes a live "hh:mm:ss"
 *    timer, updated every second. An optional data-elapsed-until="<RFC 3339>"
 *    freezes it (e.g. a closed incident).
 *  - form[data-confirm="<question>"]: confirm() before the form is sent
 *    (also for htmx-driven forms). A submit button's own data-confirm wins.
 *
 * htmx config comes from <meta name="htmx-config">; nothing to do here.
 * Content swapped in by htmx is enhanced too (htmx:load).
 */
(function () {
  'use strict';

  var TIME_ZONE = 'Europe/Bucharest';
  var formatter = null;

  function parseInstant(value) {
    if (!value) {
      return NaN;
    }
    // RFC 3339 allows "t"/"z" in lower case and a space as the separator.
    var s = String(value).trim().replace(/^(\d{4}-\d{2}-\d{2})[ t]/i, '$1T').toUpperCase();
    return Date.parse(s);
  }

  function getFormatter() {
    if (!formatter) {
      formatter = new Intl.DateTimeFormat('en-GB', {
        timeZone: TIME_ZONE,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23'
      });
    }
    return formatter;
  }

  // "dd.mm.yyyy HH:MM" in Europe/Bucharest; null when unparsable.
  function formatLocal(value) {
    var ms = parseInstant(value);
    if (isNaN(ms)) {
      return null;
    }
    var parts = {};
    getFormatter().formatToParts(new Date(ms)).forEach(function (p) {
      parts[p.type] = p.value;
    });
    var hour = parts.hour === '24' ? '00' : parts.hour;
    return parts.day + '.' + parts.month + '.' + parts.year + ' ' + hour + ':' + parts.minute;
  }

  function pad2(n) {
    return n < 10 ? '0' + n : String(n);
  }

  // "hh:mm:ss" for a duration in milliseconds (hours may exceed 99).
  function formatElapsed(ms) {
    var total = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(total / 3600);
    var m = Math.floor((total % 3600) / 60);
    var s = total % 60;
    return pad2(h) + ':' + pad2(m) + ':' + pad2(s);
  }

  function each(root, selector, fn) {
    var scope = root && root.querySelectorAll ? root : document;
    if (scope.matches && scope.matches(selector)) {
      fn(scope);
    }
    Array.prototype.forEach.call(scope.querySelectorAll(selector), fn);
  }

  function localiseTimes(root) {
    each(root, '[data-local-time]', function (el) {
      var text = formatLocal(el.getAttribute('data-local-time'));
      if (text !== null && el.textContent !== text) {
        el.textContent = text;
      }
    });
  }

  function updateTimers(root) {
    var now = Date.now();
    each(root, '[data-elapsed-since]', function (el) {
      var since = parseInstant(el.getAttribute('data-elapsed-since'));
      if (isNaN(since)) {
        return;
      }
      var until = parseInstant(el.getAttribute('data-elapsed-until'));
      var text = formatElapsed((isNaN(until) ? now : until) - since);
      if (el.textContent !== text) {
        el.textContent = text;
      }
    });
  }

  var timer = null;
  function startTimers() {
    if (timer === null) {
      timer = window.setInterval(function () { updateTimers(document); }, 1000);
    }
  }

  // Capture phase on the document: runs before htmx's own submit handler on
  // the form, so a cancelled confirm stops both the browser and htmx.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || form.nodeName !== 'FORM') {
      return;
    }
    var submitter = event.submitter;
    var question = (submitter && submitter.getAttribute && submitter.getAttribute('data-confirm')) ||
      form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  function enhance(root) {
    localiseTimes(root);
    updateTimers(root);
  }

  window.VegheApp = {
    enhance: enhance,
    formatLocal: formatLocal,
    formatElapsed: formatElapsed
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { enhance(document); });
  } else {
    enhance(document);
  }
  startTimers();
  document.addEventListener('htmx:load', function (event) {
    enhance(event.detail && event.detail.elt);
  });
}());
