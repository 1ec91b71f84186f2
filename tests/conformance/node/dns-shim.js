'use strict'
// Preload for the conformance drivers (`node --require ./dns-shim.js drive.js ...`): every host name under
// `.localtest` resolves to 127.0.0.1, so `<key>.akismet.localtest:<port>` reaches the local Tamis server with the
// key in the Host header, the way the real client talks to `<key>.rest.akismet.com`.  No /etc/hosts edit, and
// every other name goes to the real resolver untouched.  (net.connect looks up `dns.lookup` at call time, so
// replacing the property is enough for http, superagent and anything else built on net.)
const dns = require('dns')

const realLookup = dns.lookup
const LOOPBACK = '127.0.0.1'

function isLocaltest(hostname) {
  return typeof hostname === 'string' && /(^|\.)localtest\.?$/i.test(hostname)
}

dns.lookup = function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options
    options = {}
  }
  if (!isLocaltest(hostname)) return realLookup.call(dns, hostname, options, callback)
  const opts = typeof options === 'number' ? { family: options } : options || {}
  if (opts.family === 6) {
    process.nextTick(callback, Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }))
  } else if (opts.all) {
    process.nextTick(callback, null, [{ address: LOOPBACK, family: 4 }])
  } else {
    process.nextTick(callback, null, LOOPBACK, 4)
  }
  return {}
}

const realPromiseLookup = dns.promises.lookup
dns.promises.lookup = async function lookup(hostname, options) {
  if (!isLocaltest(hostname)) return realPromiseLookup.call(dns.promises, hostname, options)
  const opts = typeof options === 'number' ? { family: options } : options || {}
  return opts.all ? [{ address: LOOPBACK, family: 4 }] : { address: LOOPBACK, family: 4 }
}
