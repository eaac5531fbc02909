// Runs kinesalite for one emulated region and ties its life to the JVM that started it.
// Prints "LISTENING <port>" once bound (port 0 picks a free one), and exits when its stdin closes,
// which happens when the parent JVM ends for any reason, so no Node process is ever orphaned.
'use strict'
var argv = require('minimist')(process.argv.slice(2))
var kinesalite = require('kinesalite')

var server = kinesalite({
  createStreamMs: argv.createStreamMs != null ? Number(argv.createStreamMs) : 0,
  deleteStreamMs: argv.deleteStreamMs != null ? Number(argv.deleteStreamMs) : 0,
  updateStreamMs: argv.updateStreamMs != null ? Number(argv.updateStreamMs) : 0,
  shardLimit: argv.shardLimit != null ? Number(argv.shardLimit) : 1000,
})
server.listen(Number(argv.port || 0), argv.host || '127.0.0.1', function () {
  process.stdout.write('LISTENING ' + server.address().port + '\n')
})
server.on('error', function (err) {
  process.stderr.write('kinesalite failed: ' + err.message + '\n')
  process.exit(1)
})
process.stdin.on('end', function () { process.exit(0) })
process.stdin.on('close', function () { process.exit(0) })
process.stdin.resume()
