// Runs kinesalite for one emulated region and ties its life to the JVM that started it (listen.js).
'use strict'
var argv = require('minimist')(process.argv.slice(2))
var kinesalite = require('kinesalite')
var listen = require('./listen')

var server = kinesalite({
  createStreamMs: argv.createStreamMs != null ? Number(argv.createStreamMs) : 0,
  deleteStreamMs: argv.deleteStreamMs != null ? Number(argv.deleteStreamMs) : 0,
  updateStreamMs: argv.updateStreamMs != null ? Number(argv.updateStreamMs) : 0,
  shardLimit: argv.shardLimit != null ? Number(argv.shardLimit) : 1000,
})
listen(server, 'kinesalite', argv.port, argv.host)
