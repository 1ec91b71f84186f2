'use strict'
// Drive the real npm akismet-api client once and print what it returned, as one JSON line on stdout.
//
//   node --require ./dns-shim.js drive.js '<json>'
//
// <json>: {"host": "akismet.localtest:PORT", "key": "...", "blog": "...", "action": "verifyKey" | "checkSpam" |
//          "submitSpam" | "submitHam", "comment": {...client field names...}, "endpoint": optional override}
// Output: {"ok": true, "result": <value>} or {"ok": false, "error": "<message>"}.  For submit* the client hands
// back the raw response, so the result is {"status", "text", "type"}.
// The client is used exactly as an application would use it: only its constructor options are set (`host` and
// `protocol` are real options of akismet-api 6.0.0).  With "endpoint", client.endpoint is replaced after
// construction (the only way to send check/submit calls to a bare 127.0.0.1, losing the key: the server then needs
// TAMIS_DEFAULT_KEY).
const { AkismetClient } = require('akismet-api')

async function main() {
  const spec = JSON.parse(process.argv[2])
  const client = new AkismetClient({
    key: spec.key,
    blog: spec.blog,
    host: spec.host,
    protocol: 'http',
    ...(spec.options || {})
  })
  if (spec.endpoint) client.endpoint = spec.endpoint
  const comment = spec.comment || {}
  let result
  switch (spec.action) {
    case 'verifyKey':
      result = await client.verifyKey()
      break
    case 'checkSpam':
      result = await client.checkSpam(comment)
      break
    case 'submitSpam':
    case 'submitHam': {
      const res = await client[spec.action](comment)
      result = { status: res.status, text: res.text, type: res.header['content-type'] || null }
      break
    }
    default:
      throw new Error(`unknown action ${spec.action}`)
  }
  return result
}

main().then(
  result => process.stdout.write(JSON.stringify({ ok: true, result }) + '\n'),
  err => process.stdout.write(JSON.stringify({ ok: false, error: String((err && err.message) || err) }) + '\n')
)
