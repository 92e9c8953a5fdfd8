/* Runs first: records every error the page meets, so that a person sees it at the top of the
   report and a headless browser finds it in the DOM (#report-errors, html[data-report-errors]).
   Catches script errors (including syntax errors in later script blocks), failed resource loads,
   anything the Content-Security-Policy blocked (a fetch from the network), unhandled promise
   rejections and console.error calls. */
(function () {
  'use strict';
  var errors = [];
  function show() {
    var list = document.getElementById('report-errors');
    document.documentElement.setAttribute('data-report-errors', String(errors.length));
    if (!list) { return; }
    while (list.children.length < errors.length) {
      var item = document.createElement('li');
      item.textContent = errors[list.children.length];
      list.appendChild(item);
    }
  }
  function record(message) {
    errors.push(String(message));
    show();
  }
  window.__report = { errors: errors, record: record, show: show };
  window.addEventListener('error', function (event) {
    var target = event.target;
    if (target && target !== window && (target.src || target.href)) {
      record('resource failed to load: ' + (target.src || target.href));
    } else {
      record('error: ' + event.message + ' (' + event.filename + ':' + event.lineno + ')');
    }
  }, true);
  window.addEventListener('unhandledrejection', function (event) {
    record('unhandled promise rejection: ' + event.reason);
  });
  document.addEventListener('securitypolicyviolation', function (event) {
    record('blocked by the page\'s security policy (nothing is fetched): ' + event.blockedURI
        + ' (' + event.violatedDirective + ')');
  });
  var consoleError = console.error;
  console.error = function () {
    record('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
    return consoleError.apply(console, arguments);
  };
  document.addEventListener('DOMContentLoaded', show);
}());
