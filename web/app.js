// The jetway chat page: sign-in/registration against the booking API, and Bot Framework Web Chat over
// the server's own Direct Line endpoint. The Direct Line token carries who is signed in; the bot trusts
// nothing else. The conversation is kept in localStorage so a reload resumes it.
(function () {
  'use strict';
  var API = '/api/v1';
  var DL = window.location.origin + '/v3/directline';
  var store = window.localStorage;
  var statusEl = document.getElementById('status');

  function session() {
    try {
      return JSON.parse(store.getItem('jetway.session') || 'null');
    } catch {
      return null;
    }
  }
  function setSession(s) {
    if (s) store.setItem('jetway.session', JSON.stringify(s));
    else store.removeItem('jetway.session');
  }
  function chat() {
    try {
      return JSON.parse(store.getItem('jetway.chat') || 'null');
    } catch {
      return null;
    }
  }
  function setChat(c) {
    if (c) store.setItem('jetway.chat', JSON.stringify(c));
    else store.removeItem('jetway.chat');
  }
  function status(text) {
    statusEl.textContent = text || '';
  }

  function api(path, options) {
    options = options || {};
    var headers = { 'Content-Type': 'application/json' };
    if (options.auth && session()) headers.Authorization = 'Bearer ' + session().accessToken;
    return fetch(API + path, {
      method: options.method || 'POST',
      headers: headers,
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

  /** A fresh access token when the current one has expired (refresh tokens rotate). */
  function refreshSession() {
    var s = session();
    if (!s) return Promise.resolve(null);
    return api('/auth/refresh', { body: { refreshToken: s.refreshToken } }).then(function (r) {
      if (!r.ok) {
        setSession(null);
        return null;
      }
      setSession(r.body);
      return r.body;
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

  function openForm(id) {
    document.getElementById('panel').hidden = false;
    ['signin-form', 'register-form'].forEach(function (f) {
      document.getElementById(f).hidden = f !== id;
    });
  }
  function closeForms() {
    document.getElementById('panel').hidden = true;
  }

  function submitForm(form, path) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var data = {};
      new window.FormData(form).forEach(function (v, k) {
        data[k] = String(v);
      });
      form.querySelector('.error').textContent = '';
      api(path, { body: data }).then(function (r) {
        if (!r.ok) {
          form.querySelector('.error').textContent = (r.body.error && r.body.error.message) || 'Something went wrong.';
          return;
        }
        setSession(r.body);
        setChat(null); // a signed-in traveller gets a conversation of their own
        form.reset();
        closeForms();
        showAccount();
        startChat();
      });
    });
  }

  document.getElementById('signin-open').onclick = function () {
    openForm('signin-form');
  };
  document.getElementById('register-open').onclick = function () {
    openForm('register-form');
  };
  document.querySelectorAll('#panel .close').forEach(function (b) {
    b.onclick = closeForms;
  });
  document.getElementById('signout').onclick = function () {
    var s = session();
    if (s) api('/auth/logout', { body: { refreshToken: s.refreshToken } });
    setSession(null);
    setChat(null);
    showAccount();
    startChat();
  };
  submitForm(document.getElementById('signin-form'), '/auth/login');
  submitForm(document.getElementById('register-form'), '/auth/register');
  showAccount();
  startChat();
})();
