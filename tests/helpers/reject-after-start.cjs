// Preloaded into the real server by the shutdown test: once the server is up, a promise rejects with
// nobody listening, as a forgotten `await` on a failing call would.
const delay = Number(process.env.REJECT_AFTER_MS || 1000);
const http = require('node:http');
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  setTimeout(() => void Promise.reject(new Error('deliberate test rejection')), delay);
  http.Server.prototype.listen = listen;
  return listen.apply(this, args);
};
