// Keyhold dashboard: light progressive enhancement. Every page works without this script.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // The account and zone switcher goes as soon as a choice is made.
  document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
    select.addEventListener('change', function () {
      if (select.value) select.form.submit();
    });
  });

  // Forms that destroy something ask first (the server-side pages work without this).
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });

  // "Click to copy": the Clipboard API, falling back to selecting the text and execCommand.
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy'));
      var status = document.getElementById('copy-status');
      var text = source.textContent;
      function done(ok) {
        button.setAttribute('data-copied', ok ? 'true' : 'false');
        if (status) status.textContent = ok ? 'Copied to the clipboard.' : 'Select the text and copy it.';
      }
      function fallback() {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        var ok = false;
        try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
        done(ok);
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
      } else {
        fallback();
      }
    });
  });

  // Name and description belong to account CSRs: shown only while the Account scope is chosen.
  var accountOnly = document.querySelector('.account-only');
  var scopes = document.querySelectorAll('input[type=radio][name=scope]');
  if (accountOnly && scopes.length) {
    var showAccountFields = function () {
      var chosen = document.querySelector('input[type=radio][name=scope]:checked');
      accountOnly.hidden = !chosen || chosen.value !== 'account';
    };
    scopes.forEach(function (radio) { radio.addEventListener('change', showAccountFields); });
    showAccountFields();
  }

  // Encoding mode: a CSR's key, or a pasted private key; only the chosen one's fields are shown.
  var modes = document.querySelectorAll('input[type=radio][name=mode]');
  if (modes.length) {
    var showMode = function () {
      var chosen = document.querySelector('input[type=radio][name=mode]:checked');
      var csr = chosen && chosen.value === 'csr';
      document.querySelectorAll('.mode-csr').forEach(function (e) { e.hidden = !csr; });
      document.querySelectorAll('.mode-key').forEach(function (e) { e.hidden = csr; });
    };
    modes.forEach(function (radio) { radio.addEventListener('change', showMode); });
    showMode();
  }

  // SAN rows: add and remove; the common name is offered as the first SAN while that row is empty.
  var sans = document.getElementById('sans');
  if (sans) {
    var addButton = document.getElementById('add-san');
    var renumber = function () {
      sans.querySelectorAll('.san-row').forEach(function (row, i) {
        var input = row.querySelector('input');
        var label = row.querySelector('label');
        input.id = 'san-' + i;
        label.setAttribute('for', input.id);
        label.textContent = 'SAN ' + (i + 1);
        row.querySelector('.remove-san').setAttribute('aria-label', 'Remove SAN ' + (i + 1));
      });
    };
    sans.addEventListener('click', function (event) {
      var target = event.target;
      if (target.classList.contains('remove-san')) {
        var rows = sans.querySelectorAll('.san-row');
        var row = target.closest('.san-row');
        if (rows.length > 1) {
          row.remove();
        } else {
          row.querySelector('input').value = '';
        }
        renumber();
        sans.querySelector('.san-row input').focus();
      }
    });
    addButton.addEventListener('click', function () {
      var rows = sans.querySelectorAll('.san-row');
      var copy = rows[rows.length - 1].cloneNode(true);
      var input = copy.querySelector('input');
      input.value = '';
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
      copy.querySelectorAll('.field-error').forEach(function (e) { e.remove(); });
      addButton.before(copy);
      renumber();
      input.focus();
    });
    var commonName = document.getElementById('commonName');
    var first = sans.querySelector('.san-row input');
    if (commonName && first) {
      var offered = first.value === '';
      commonName.addEventListener('input', function () {
        if (offered) first.value = commonName.value.trim();
      });
      first.addEventListener('input', function () { offered = false; });
    }
  }
})();
