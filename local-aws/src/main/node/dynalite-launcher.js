// Runs dynalite (an open-source DynamoDB emulator) for one emulated region, behind a small front in the same process
// that adds what the sandbox needs of DynamoDB and dynalite lacks. Services talk to the front exactly as to DynamoDB.
//
// - Global tables (dynalite has no streams): every successful write to a table the "captured" pattern names is logged
//   (the item it left, or the key it deleted, and when) for the Java replicator to read (ReadChanges) and apply in the
//   other regions (Apply). An applied write is skipped when the item was written later here: last writer wins. The
//   replicator's writes are not logged again, so nothing echoes back.
// - Multi-Region strong consistency: a write to a table the "synchronous" pattern names returns only once every peer
//   region's emulator holds it too, and such a table is created in every region at once.
// - ReturnValuesOnConditionCheckFailure=ALL_OLD: a conditional write that fails returns the item that failed it.
//
// Its life is tied to the JVM that started it (listen.js).
'use strict'
var http = require('http')
var Readable = require('stream').Readable
var argv = require('minimist')(process.argv.slice(2))
var crc32 = require('buffer-crc32')
var dynalite = require('dynalite')
var listen = require('./listen')

var API = 'DynamoDB_20120810'
var ADMIN = 'TradewindEmulation'
// Marks a request as the emulation's own: not logged, not sent on to peers.
var REPLICA_HEADER = 'x-tradewind-replica'
var JSON_TYPE = 'application/x-amz-json-1.0'
// How long the time of an item's last write is remembered for last-writer-wins: far beyond any replication lag.
var LAST_WRITES_KEPT_MS = 10 * 60 * 1000
// How long a peer region may take to take a strongly consistent write before the write fails.
var PEER_TIMEOUT_MS = 10 * 1000
// DynamoDB's limit of writes in one BatchWriteItem.
var MAX_BATCH_WRITES = 25

var settings = { captured: null, synchronous: null, peers: [] }
var changes = []
var lastSequence = 0
var keySchemas = new Map()
var lastWrites = new Map()
var peerAgent = new http.Agent({ keepAlive: true, maxSockets: 16 })

var server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
var emulator = server.listeners('request')[0]
server.removeAllListeners('request')
server.on('request', front)

// The tables each write names; every other operation goes to dynalite untouched.
var WRITES = {
  PutItem: function (data) { return [ data.TableName ] },
  UpdateItem: function (data) { return [ data.TableName ] },
  DeleteItem: function (data) { return [ data.TableName ] },
  BatchWriteItem: function (data) { return Object.keys(data.RequestItems || {}) },
}

function front (req, res) {
  var chunks = []
  req.on('data', function (chunk) { chunks.push(chunk) })
  req.on('end', function () {
    var body = Buffer.concat(chunks)
    var target = (req.headers['x-amz-target'] || '').split('.')
    if (target[0] === ADMIN) return administer(target[1], body, res)
    var operation = target[0] === API ? target[1] : null
    var ours = req.headers[REPLICA_HEADER] != null
    if (operation === 'CreateTable' && !ours) return createTable(req, body, res)
    var data = WRITES[operation] ? parse(body) : null
    if (data == null) return emulator(replayed(req, body), res)
    var tables = WRITES[operation](data)
    var capture = !ours && tables.some(isCaptured)
    var synchronous = !ours && tables.some(isSynchronous)
    var returnOld = data.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && operation !== 'BatchWriteItem'
    if (!capture && !synchronous && !returnOld) return emulator(replayed(req, body), res)
    var asked = data.ReturnValues
    if (capture && operation === 'UpdateItem' && (asked == null || asked === 'NONE')) {
      data.ReturnValues = 'ALL_NEW' // the item the update left is what replicates
      body = Buffer.from(JSON.stringify(data))
    }
    var answer = held()
    emulator(replayed(req, body), answer.response)
    answer.ended.then(function (local) {
      if (local.status !== 200) {
        if (returnOld && isConditionFailure(local.body)) return withOldItem(req, data, local, res)
        return send(res, local)
      }
      var logged = capture ? record(req, operation, data, asked, local) : Promise.resolve(local)
      return logged.then(function (reply) {
        if (!synchronous) return send(res, reply)
        return toPeers(req, body).then(function () { send(res, reply) }, function (err) {
          send(res, error(500, 'InternalServerError', 'a strongly consistent write did not reach every region: '
            + err.message))
        })
      })
    }).catch(function (err) {
      send(res, error(500, 'InternalServerError', 'the emulator front failed: ' + err.message))
    })
  })
}

function isCaptured (table) { return settings.captured != null && settings.captured.test(table) }
function isSynchronous (table) { return settings.synchronous != null && settings.synchronous.test(table) }

/** A strongly consistent table exists in every region, as a multi-Region table's replicas do: created in all at once. */
function createTable (req, body, res) {
  var data = parse(body)
  if (data == null || !isSynchronous(data.TableName)) return emulator(replayed(req, body), res)
  var answer = held()
  emulator(replayed(req, body), answer.response)
  answer.ended.then(function (local) {
    if (local.status !== 200 && local.body.indexOf('ResourceInUseException') < 0) return send(res, local)
    return toPeers(req, body, 'ResourceInUseException').then(function () { send(res, local) }, function (err) {
      send(res, error(500, 'InternalServerError', 'a strongly consistent table was not created in every region: '
        + err.message))
    })
  })
}

/** Logs what a successful write left, and resolves to the answer the client asked for. */
function record (req, operation, data, asked, local) {
  var now = Date.now()
  if (operation === 'PutItem') return log(req, data.TableName, data.Item, null, now).then(function () { return local })
  if (operation === 'DeleteItem') return log(req, data.TableName, null, data.Key, now).then(function () { return local })
  if (operation === 'BatchWriteItem') {
    var unprocessed = JSON.parse(local.body).UnprocessedItems || {}
    var logging = []
    Object.keys(data.RequestItems).filter(isCaptured).forEach(function (table) {
      var left = (unprocessed[table] || []).map(function (write) { return JSON.stringify(write) })
      data.RequestItems[table].forEach(function (write) {
        if (left.indexOf(JSON.stringify(write)) >= 0) return
        if (write.PutRequest) logging.push(log(req, table, write.PutRequest.Item, null, now))
        else if (write.DeleteRequest) logging.push(log(req, table, null, write.DeleteRequest.Key, now))
      })
    })
    return Promise.all(logging).then(function () { return local })
  }
  // UpdateItem: the new item came back (ALL_NEW was asked for on the client's behalf), or is read now.
  var answer = JSON.parse(local.body)
  if (data.ReturnValues === 'ALL_NEW') {
    var logged = log(req, data.TableName, answer.Attributes, data.Key, now)
    if (asked !== 'ALL_NEW') delete answer.Attributes
    return logged.then(function () { return { status: 200, body: JSON.stringify(answer), headers: local.headers } })
  }
  return internal(req, 'GetItem', { TableName: data.TableName, Key: data.Key, ConsistentRead: true })
    .then(function (read) { return log(req, data.TableName, JSON.parse(read.body).Item || null, data.Key, now) })
    .then(function () { return local })
}

/** Appends a write to the log (in the order writes succeed) and remembers when its item was written. */
function log (req, table, item, key, now) {
  changes.push({ Sequence: ++lastSequence, Table: table, Item: item || undefined, Key: item ? undefined : key, At: now })
  return itemId(req, table, item, key).then(function (id) { wrote(id, now) })
}

function wrote (id, at) {
  var before = lastWrites.get(id)
  if (before == null || before < at) lastWrites.set(id, at)
}

/** The item a write is about: its table and key attributes, in key-schema order. */
function itemId (req, table, item, key) {
  return keySchema(req, table).then(function (names) {
    var source = key || item
    return table + names.map(function (name) { return '|' + JSON.stringify(source[name]) }).join('')
  })
}

/** A write's key: the one it names, or its item's key attributes. */
function keyOf (req, table, item, key) {
  if (key) return Promise.resolve(key)
  return keySchema(req, table).then(function (names) {
    var fromItem = {}
    names.forEach(function (name) { fromItem[name] = item[name] })
    return fromItem
  })
}

function keySchema (req, table) {
  if (keySchemas.has(table)) return Promise.resolve(keySchemas.get(table))
  return internal(req, 'DescribeTable', { TableName: table }).then(function (described) {
    if (described.status !== 200) throw new Error('cannot describe ' + table + ': ' + described.body)
    var names = JSON.parse(described.body).Table.KeySchema.map(function (k) { return k.AttributeName })
    keySchemas.set(table, names)
    return names
  })
}

/** A failed conditional write answers with the item that failed it, as DynamoDB does when asked to. */
function withOldItem (req, data, local, res) {
  return keyOf(req, data.TableName, data.Item, data.Key).then(function (itemKey) {
    return internal(req, 'GetItem', { TableName: data.TableName, Key: itemKey, ConsistentRead: true })
  }).then(function (read) {
    var failure = JSON.parse(local.body)
    var item = JSON.parse(read.body).Item
    if (item) failure.Item = item
    send(res, { status: local.status, body: JSON.stringify(failure), headers: local.headers })
  })
}

function isConditionFailure (body) {
  return body.indexOf('ConditionalCheckFailedException') >= 0
}

/**
 * Applies writes logged in another region, in order, as the emulation's own (not logged, not sent on): each is the
 * item as that region left it, or its delete, made at At. A write older than this region's last write of the item is
 * skipped: last writer wins, in every region alike. The rest go in BatchWriteItem calls of up to 25, none holding an
 * item twice (dynalite refuses that), so an item's writes land in the order they were made.
 */
function apply (writes) {
  var outcome = { Applied: 0, Skipped: 0 }
  return Promise.all(writes.map(function (write) { return itemId(REPLICATOR, write.Table, write.Item, write.Key) }))
    .then(function (ids) {
      var batches = []
      var batch = null
      writes.forEach(function (write, i) {
        var latest = lastWrites.get(ids[i])
        if (latest != null && latest >= write.At) {
          outcome.Skipped++
          return
        }
        wrote(ids[i], write.At)
        if (batch == null || batch.size === MAX_BATCH_WRITES || batch.ids.has(ids[i])) {
          batch = { size: 0, ids: new Set(), requestItems: {} }
          batches.push(batch)
        }
        batch.ids.add(ids[i])
        batch.size++
        var requests = batch.requestItems[write.Table] || (batch.requestItems[write.Table] = [])
        requests.push(write.Item ? { PutRequest: { Item: write.Item } } : { DeleteRequest: { Key: write.Key } })
      })
      return batches.reduce(function (previous, next) {
        return previous.then(function () {
          return internal(REPLICATOR, 'BatchWriteItem', { RequestItems: next.requestItems }).then(function (result) {
            var left = result.status === 200 ? JSON.parse(result.body).UnprocessedItems || {} : null
            if (left == null || Object.keys(left).length > 0) throw new Error('BatchWriteItem: ' + result.body)
            outcome.Applied += next.size
          })
        })
      }, Promise.resolve())
    })
    .then(function () { return outcome }, function (err) {
      err.message = 'applied ' + outcome.Applied + ' and skipped ' + outcome.Skipped + ' of ' + writes.length + ': '
        + err.message
      throw err
    })
}

// The emulation's own requests need no real signature: dynalite checks only that one is there.
var REPLICATOR = { headers: {
  authorization: 'AWS4-HMAC-SHA256 Credential=emulation/20260101/local/dynamodb/aws4_request, SignedHeaders=host, '
    + 'Signature=emulation',
  'x-amz-date': '20260101T000000Z' } }

/** A request of the emulation's own to dynalite, never logged: resolves to {status, body, headers}. */
function internal (req, operation, data) {
  var headers = { 'content-type': JSON_TYPE, 'x-amz-target': API + '.' + operation,
    authorization: req.headers.authorization || REPLICATOR.headers.authorization,
    'x-amz-date': req.headers['x-amz-date'] || req.headers.date || REPLICATOR.headers['x-amz-date'] }
  var answer = held()
  emulator(replayed({ method: 'POST', url: '/', headers: headers }, Buffer.from(JSON.stringify(data))), answer.response)
  return answer.ended
}

/** The request again, readable once more, for dynalite's handler (the front has read the original). */
function replayed (req, body) {
  var copy = new Readable({ read: function () {} })
  copy.method = req.method
  copy.url = req.url
  copy.headers = Object.assign({}, req.headers, { 'content-length': String(body.length) })
  copy.push(body)
  copy.push(null)
  return copy
}

/** A response that dynalite writes into and the front reads: {response, ended: Promise<{status, body, headers}>}. */
function held () {
  var done
  var ended = new Promise(function (resolve) { done = resolve })
  var headers = {}
  var response = {
    statusCode: 200,
    setHeader: function (name, value) { headers[name.toLowerCase()] = value },
    getHeader: function (name) { return headers[name.toLowerCase()] },
    removeHeader: function (name) { delete headers[name.toLowerCase()] },
    end: function (chunk) {
      done({ status: response.statusCode, body: chunk == null ? '' : chunk.toString(), headers: headers })
    },
  }
  return { response: response, ended: ended }
}

/** Answers the client; the checksum DynamoDB's clients verify is computed for the body as sent. */
function send (res, reply) {
  var body = reply.body == null ? '' : reply.body
  var headers = reply.headers || {}
  res.statusCode = reply.status
  Object.keys(headers).forEach(function (name) {
    if (name !== 'content-length' && name !== 'x-amz-crc32') res.setHeader(name, headers[name])
  })
  if (!headers['content-type']) res.setHeader('Content-Type', JSON_TYPE)
  res.setHeader('x-amz-crc32', crc32.unsigned(body))
  res.setHeader('Content-Length', Buffer.byteLength(body, 'utf8'))
  res.end(body)
}

function error (status, type, message) {
  return { status: status,
    body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#' + type, message: message }) }
}

function parse (body) {
  try {
    return JSON.parse(body.toString('utf8'))
  }
  catch (e) {
    return null
  }
}

/**
 * Sends the request to every peer region's emulator as the emulation's own; resolves once all have taken it (or
 * answered with the {@code tolerated} error).
 */
function toPeers (req, body, tolerated) {
  return Promise.all(settings.peers.map(function (peer) {
    return new Promise(function (resolve, reject) {
      var url = new URL(peer)
      var headers = Object.assign({}, req.headers, { 'content-length': String(body.length) })
      headers[REPLICA_HEADER] = 'synchronous'
      delete headers.host
      var request = http.request({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers: headers,
        agent: peerAgent }, function (response) {
        var chunks = []
        response.on('data', function (chunk) { chunks.push(chunk) })
        response.on('end', function () {
          var answer = Buffer.concat(chunks).toString()
          if (response.statusCode === 200 || (tolerated && answer.indexOf(tolerated) >= 0)) return resolve()
          reject(new Error(peer + ' answered ' + response.statusCode + ' ' + answer))
        })
      })
      request.on('error', function (err) { reject(new Error(peer + ': ' + err.message)) })
      request.setTimeout(PEER_TIMEOUT_MS, function () {
        request.destroy(new Error('no answer in ' + PEER_TIMEOUT_MS + ' ms'))
      })
      request.end(body)
    })
  }))
}

/**
 * The front's own operations, for the emulation's Java side (never for services):
 * Configure {CapturedTables, SynchronousTables (regular expressions, null for none), Peers (endpoint URLs)};
 * ReadChanges {After, Limit}: forgets the logged writes up to sequence After and answers the next ones, oldest first;
 * Apply {Writes: [{Table, Item or Key, At}]}: applies another region's logged writes, answering {Applied, Skipped}.
 */
function administer (operation, body, res) {
  var data = parse(body) || {}
  if (operation === 'Configure') {
    if ('CapturedTables' in data) settings.captured = pattern(data.CapturedTables)
    if ('SynchronousTables' in data) settings.synchronous = pattern(data.SynchronousTables)
    if ('Peers' in data) settings.peers = data.Peers || []
    if (!settings.captured) changes = []
    return send(res, { status: 200, body: JSON.stringify({ LastSequence: lastSequence }) })
  }
  if (operation === 'ReadChanges') {
    var after = Number(data.After || 0)
    var taken = 0
    while (taken < changes.length && changes[taken].Sequence <= after) taken++
    if (taken > 0) changes = changes.slice(taken)
    var limit = data.Limit == null ? 1000 : Number(data.Limit)
    return send(res, { status: 200,
      body: JSON.stringify({ Changes: changes.slice(0, limit), LastSequence: lastSequence }) })
  }
  if (operation === 'Apply') {
    return apply(data.Writes || []).then(function (outcome) {
      send(res, { status: 200, body: JSON.stringify(outcome) })
    }, function (err) {
      send(res, error(500, 'InternalServerError', err.message))
    })
  }
  send(res, error(400, 'UnknownOperationException', 'no such front operation: ' + operation))
}

function pattern (text) {
  return text ? new RegExp('^(?:' + text + ')$') : null
}

setInterval(function forgetOldWrites () {
  var horizon = Date.now() - LAST_WRITES_KEPT_MS
  lastWrites.forEach(function (at, id) { if (at < horizon) lastWrites.delete(id) })
}, 60 * 1000).unref()

listen(server, 'dynalite', argv.port, argv.host)
