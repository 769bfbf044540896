/*
 * The case page's files form (form[data-files-form]): the extra file rows stay hidden until
 * "Another file" asks for one, and files over the stated limits are named before anything is
 * sent (the server checks again).
 */
(function () {
  'use strict';

  function setup(form) {
    var rows = Array.prototype.slice.call(form.querySelectorAll('.file-row[data-extra]'));
    var more = document.createElement('button');
    more.type = 'button';
    more.className = 'secondary';
    more.textContent = form.getAttribute('data-more');
    rows.forEach(function (r) { r.hidden = true; });
    more.addEventListener('click', function () {
      var next = rows.filter(function (r) { return r.hidden; })[0];
      if (next) {
        next.hidden = false;
        var input = next.querySelector('input[type="file"]');
        if (input) input.focus();
      }
      if (!rows.some(function (r) { return r.hidden; })) more.hidden = true;
    });
    if (rows.length) form.querySelector('.file-rows').after(more);

    form.addEventListener('submit', function (ev) {
      var each = Number(form.getAttribute('data-max-each'));
      var all = Number(form.getAttribute('data-max-all'));
      var total = 0;
      var problem = null;
      form.querySelectorAll('input[type="file"]').forEach(function (input) {
        Array.prototype.forEach.call(input.files || [], function (f) {
          total += f.size;
          if (!problem && f.size > each) {
            problem = form.getAttribute('data-file-word') + ' „' + f.name + '” ' + form.getAttribute('data-too-big');
          }
        });
      });
      if (!problem && total > all) problem = form.getAttribute('data-too-much');
      if (!problem) return;
      ev.preventDefault();
      var note = form.querySelector('#files-error');
      if (!note) {
        note = document.createElement('p');
        note.id = 'files-error';
        note.className = 'notice error';
        note.setAttribute('role', 'alert');
        form.querySelector('.file-rows').before(note);
      }
      note.textContent = problem;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('form[data-files-form]').forEach(setup);
  });
})();
