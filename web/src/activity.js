/*
 * Veghe — activity imports: a progress bar while a file is uploaded and checked.
 *   <script src="/assets/app/activity.js" defer></script>
 * A form[data-upload-progress] is sent with XMLHttpRequest so that the upload's progress shows in
 * its <progress>; while the server reads the file the bar is indeterminate; the answer replaces
 * the page. Without this file the forms work as plain forms.
 */
(function () {
  'use strict';
  function enhance(form) {
    form.addEventListener('submit', function (event) {
      if (!window.XMLHttpRequest || !window.FormData) {
        return;
      }
      event.preventDefault();
      var box = form.querySelector('[data-progress]');
      var bar = box ? box.querySelector('progress') : null;
      if (box) {
        box.hidden = false;
      }
      var data = new FormData(form);
      if (event.submitter && event.submitter.name) {
        data.append(event.submitter.name, event.submitter.value);
      }
      var body = form.enctype === 'multipart/form-data' ? data : new URLSearchParams(data);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.addEventListener('progress', function (e) {
        if (bar && e.lengthComputable) {
          bar.value = Math.round((e.loaded / e.total) * 100);
        }
      });
      xhr.upload.addEventListener('load', function () {
        if (bar) {
          bar.removeAttribute('value');
        }
      });
      xhr.addEventListener('load', function () {
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.send(body);
    });
  }
  document.querySelectorAll('form[data-upload-progress]').forEach(enhance);
})();
