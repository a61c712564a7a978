// The jetway chat page: sign-in/registration against the booking API, and Bot Framework Web Chat over
// the server's own Direct Line endpoint. The Direct Line token carries who is signed in; the bot trusts
// nothing else. No token is kept in localStorage: the access token lives in this script's memory, the
// refresh token in an HttpOnly cookie the script cannot read (refreshing needs the CSRF token from the
// readable jetway_csrf cookie), and the chat's own 30-minute conversation token in sessionStorage, for
// this tab only, so a reload resumes the conversation.
(function () {
  'use strict';
  var API = '/api/v1';
  var DL = window.location.origin + '/v3/directline';
  var tab = window.sessionStorage;
  var statusEl = document.getElementById('status');
  var inMemory = null; // { accessToken, csrfToken, user }: memory only

  // Earlier versions of this page kept the whole session, refresh token included, in localStorage.
  try {
    window.localStorage.removeItem('jetway.session');
    window.localStorage.removeItem('jetway.chat');
  } catch {
    /* storage disabled */
  }

  function session() {
    return inMemory;
  }
  function setSession(s) {
    inMemory = s ? { accessToken: s.accessToken, csrfToken: s.csrfToken, user: s.user } : null;
  }
  function chat() {
    try {
      return JSON.parse(tab.getItem('jetway.chat') || 'null');
    } catch {
      return null;
    }
  }
  function setChat(c) {
    if (c) tab.setItem('jetway.chat', JSON.stringify(c));
    else tab.removeItem('jetway.chat');
  }
  function status(text) {
    statusEl.textContent = text || '';
  }
  /** The CSRF token of the cookie session (set by the server beside the HttpOnly refresh cookie). */
  function csrfCookie() {
    var m = /(?:^|;\s*)jetway_csrf=([^;]+)/.exec(document.cookie);
    return m ? decodeURIComponent(m[1]) : null;
  }

  function api(path, options) {
    options = options || {};
    var headers = { 'Content-Type': 'application/json', 'X-Jetway-Session': 'cookie' };
    if (options.auth && session()) headers.Authorization = 'Bearer ' + session().accessToken;
    if (options.csrf) headers['X-CSRF-Token'] = (session() && session().csrfToken) || csrfCookie() || '';
    return fetch(API + path, {
      method: options.method || 'POST',
      headers: headers,
      credentials: 'same-origin',
      body: options.body ? JSON.stringify(options.body) : undefined,
    }).then(function (res) {
      return res
        .json()
        .catch(function () {
          return {};
        })
        .then(function (body) {
          return { ok: res.ok, status: res.status, body: body };
        });
    });
  }

  /** A fresh access token from the refresh cookie (refresh tokens rotate); null when there is no session. */
  function refreshSession() {
    if (!csrfCookie()) {
      setSession(null);
      return Promise.resolve(null);
    }
    return api('/auth/refresh', { csrf: true, body: {} }).then(function (r) {
      setSession(r.ok ? r.body : null);
      return session();
    });
  }

  /** A Direct Line token: refreshed for the stored conversation, or newly minted (bound to the signed-in user). */
  function directLineToken() {
    var c = chat();
    var s = session();
    var owner = s ? 'u:' + s.user.id : null;
    if (c && c.owner === owner) {
      return fetch(DL + '/tokens/refresh', { method: 'POST', headers: { Authorization: 'Bearer ' + c.token } })
        .then(function (res) {
          return res.ok ? res.json() : null;
        })
        .then(function (t) {
          if (t && t.token) {
            c.token = t.token;
            setChat(c);
            return c;
          }
          return mint(owner, c.conversationId);
        })
        .catch(function () {
          return mint(owner, c.conversationId);
        });
    }
    return mint(owner, null);
  }

  function mint(owner, conversationId) {
    var attempt = function () {
      return api('/chat/token', {
        auth: !!owner,
        body: owner && conversationId ? { conversationId: conversationId } : {},
      });
    };
    return attempt()
      .then(function (r) {
        if (r.status === 401 && owner)
          return refreshSession().then(function () {
            return attempt();
          });
        return r;
      })
      .then(function (r) {
        if (!r.ok) throw new Error((r.body.error && r.body.error.message) || 'Could not start the chat.');
        var c = { token: r.body.token, conversationId: r.body.conversationId, owner: owner };
        setChat(c);
        return c;
      });
  }

  /** Web Chat's look; on a phone the bot's avatar goes (its gutter would take a sixth of the width from the cards). */
  function styleOptions() {
    var narrow = window.matchMedia('(max-width: 600px)').matches;
    var options = { bubbleMaxWidth: 560, hideUploadButton: true, suggestedActionLayout: 'flow', accent: '#2f6fdb' };
    if (narrow) options.suggestedActionHeight = 32;
    else options.botAvatarInitials = 'JW';
    return options;
  }

  var current = null; // the running chat: its Direct Line connection and token refresher
  var generation = 0; // a newer startChat() wins over one still fetching its token

  /** Ends the running chat and gives Web Chat a fresh element (its transcript would otherwise carry over). */
  function stopChat() {
    if (!current) return;
    window.clearInterval(current.refresher);
    try {
      current.directLine.end();
    } catch {
      /* already closed */
    }
    current = null;
    var old = document.getElementById('webchat');
    var fresh = old.cloneNode(false);
    old.parentNode.replaceChild(fresh, old);
  }

  function startChat() {
    stopChat();
    var mine = ++generation;
    status('Connecting…');
    return directLineToken()
      .then(function (c) {
        if (mine !== generation) return;
        var directLine = window.WebChat.createDirectLine({
          token: c.token,
          domain: DL,
          conversationId: c.conversationId,
          webSocket: true,
        });
        current = { directLine: directLine, refresher: null };
        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            userID: (session() && 'u:' + session().user.id) || undefined,
            locale: window.navigator.language || 'en-GB',
            styleOptions: styleOptions(),
          },
          document.getElementById('webchat'),
        );
        status('');
        // Keep the token alive while the page is open.
        current.refresher = window.setInterval(
          function () {
            var cur = chat();
            if (!cur) return;
            fetch(DL + '/tokens/refresh', { method: 'POST', headers: { Authorization: 'Bearer ' + cur.token } })
              .then(function (res) {
                return res.ok ? res.json() : null;
              })
              .then(function (t) {
                if (t && t.token) {
                  var latest = chat();
                  if (latest) {
                    latest.token = t.token;
                    setChat(latest);
                  }
                }
              })
              .catch(function () {
                /* offline: the next tick tries again */
              });
          },
          20 * 60 * 1000,
        );
      })
      .catch(function (err) {
        status(err.message);
      });
  }

  function showAccount() {
    var s = session();
    var who = document.getElementById('whoami');
    who.hidden = !s;
    who.textContent = s ? 'Signed in as ' + s.user.firstName : '';
    document.getElementById('signin-open').hidden = !!s;
    document.getElementById('register-open').hidden = !!s;
    document.getElementById('signout').hidden = !s;
  }

  var FORMS = ['signin-form', 'register-form', 'forgot-form', 'link-form', 'reset-form'];
  function openForm(id) {
    document.getElementById('panel').hidden = false;
    FORMS.forEach(function (f) {
      var form = document.getElementById(f);
      form.hidden = f !== id;
      form.querySelector('.error').textContent = '';
      var note = form.querySelector('.note');
      if (note) note.textContent = '';
    });
  }
  function closeForms() {
    document.getElementById('panel').hidden = true;
  }

  /** Signed in (by password, a mailed link or a new account): show it and give the traveller their own chat. */
  function signedIn(body) {
    setSession(body);
    setChat(null); // a signed-in traveller gets a conversation of their own
    closeForms();
    showAccount();
    startChat();
  }

  /** Sends a form's fields to `path`; `done` gets the answer's body, `extra` adds fields (a link's token). */
  function submitForm(form, path, done, extra) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var data = {};
      new window.FormData(form).forEach(function (v, k) {
        data[k] = String(v);
      });
      if (extra) Object.assign(data, extra());
      form.querySelector('.error').textContent = '';
      api(path, { body: data }).then(function (r) {
        if (!r.ok) {
          form.querySelector('.error').textContent = (r.body.error && r.body.error.message) || 'Something went wrong.';
          return;
        }
        form.reset();
        done(r.body, form);
      });
    });
  }
  /** A request for a mailed link: the answer is the same whether or not the address has an account. */
  function linkSent(body, form) {
    form.querySelector('.note').textContent = body.message;
  }

  /** A mailed link opens this page with its token in the fragment (#reset=… or #signin=…), never sent to a server. */
  var linkToken = null;
  function takeLinkFromAddress() {
    var m = /^#(reset|signin)=([A-Za-z0-9_-]+)$/.exec(window.location.hash);
    if (!m) return null;
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return { purpose: m[1], token: m[2] };
  }

  document.getElementById('signin-open').onclick = function () {
    openForm('signin-form');
  };
  document.getElementById('register-open').onclick = function () {
    openForm('register-form');
  };
  document.getElementById('forgot-open').onclick = function () {
    openForm('forgot-form');
  };
  document.getElementById('link-open').onclick = function () {
    openForm('link-form');
  };
  document.querySelectorAll('#panel .close').forEach(function (b) {
    b.onclick = closeForms;
  });
  document.getElementById('signout').onclick = function () {
    if (session()) api('/auth/logout', { auth: true, csrf: true });
    setSession(null);
    setChat(null);
    showAccount();
    startChat();
  };
  submitForm(document.getElementById('signin-form'), '/auth/login', signedIn);
  submitForm(document.getElementById('register-form'), '/auth/register', signedIn);
  submitForm(document.getElementById('forgot-form'), '/auth/password/forgot', linkSent);
  submitForm(document.getElementById('link-form'), '/auth/email-link', linkSent);
  submitForm(document.getElementById('reset-form'), '/auth/password/reset', signedIn, function () {
    return { token: linkToken };
  });

  /** Follows a mailed link in the address: a reset link opens the new-password form, a sign-in link signs in. */
  function followLink() {
    var link = takeLinkFromAddress();
    if (!link) return null;
    if (link.purpose === 'reset') {
      linkToken = link.token;
      openForm('reset-form');
      return null;
    }
    return api('/auth/email-link/verify', { body: { token: link.token } }).then(function (r) {
      if (r.ok) return r.body;
      openForm('link-form');
      document.querySelector('#link-form .error').textContent =
        (r.body.error && r.body.error.message) || 'That sign-in link did not work.';
      return null;
    });
  }
  // A link opened in a tab that already shows the page changes only the fragment: no new page load.
  window.addEventListener('hashchange', function () {
    var signingIn = followLink();
    if (signingIn)
      signingIn.then(function (body) {
        if (body) signedIn(body);
      });
  });

  function start() {
    showAccount();
    startChat();
  }
  var signingIn = followLink();
  var ready = signingIn
    ? signingIn.then(function (body) {
        if (!body) return refreshSession();
        setSession(body);
        setChat(null);
      })
    : refreshSession();
  ready.then(start, start);
})();
