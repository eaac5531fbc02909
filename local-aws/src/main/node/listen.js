// How every emulator launcher here serves: prints "LISTENING <port>" once bound (port 0 picks a free one) for the JVM
// that started it, and exits when its stdin closes, which happens when that JVM ends for any reason, so no Node
// process is ever orphaned.
'use strict'
module.exports = function listen (server, name, port, host) {
  // Idle connections outlive the AWS SDK's own idle limit (60 s), so a client never reuses one the server has just
  // closed (Node's default closes them after 5 s).
  server.keepAliveTimeout = 65 * 1000
  server.headersTimeout = 66 * 1000
  server.listen(Number(port || 0), host || '127.0.0.1', function () {
    process.stdout.write('LISTENING ' + server.address().port + '\n')
  })
  server.on('error', function (err) {
    process.stderr.write(name + ' failed: ' + err.message + '\n')
    process.exit(1)
  })
  process.stdin.on('end', function () { process.exit(0) })
  process.stdin.on('close', function () { process.exit(0) })
  process.stdin.resume()
}
