/* Veghe — an active emergency plan: listens to the server's event stream and asks the plan's
 * tasks and log to refresh at once (htmx trigger "vg:live") when a plan changes. The region
 * also refreshes on its own every few seconds, so nothing is missed if the stream drops. */
(function () {
  'use strict';
  if (!window.EventSource) { return; }
  var names = ['plan.activated', 'plan.task_done', 'plan.closed'];
  var source = new EventSource('/api/v1/events');
  var pending = null;
  function refresh() {
    if (pending) { return; }
    pending = setTimeout(function () {
      pending = null;
      document.body.dispatchEvent(new CustomEvent('vg:live'));
    }, 300);
  }
  names.forEach(function (n) { source.addEventListener(n, refresh); });
})();
