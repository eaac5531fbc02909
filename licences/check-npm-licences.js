// The licence check for npm packages: every package a lock file installs must declare a licence on the allow-list.
// Writes a third-party report (package, version, licence) and exits 1, naming each offender, when any package's
// licence is not allowed or not declared. Needs nothing but Node.
//
//   node check-npm-licences.js <package-lock.json> <allowed-licences.txt> <report file>
//
// A licence is an SPDX expression: "MIT", "(MIT OR Apache-2.0)" (allowed if either is), "MIT AND ISC" (if both are),
// "Apache-2.0 WITH LLVM-exception" (if Apache-2.0 is: an exception only grants more).
'use strict'
var fs = require('fs')
var path = require('path')

function main (args) {
  if (args.length !== 3) {
    process.stderr.write('usage: node check-npm-licences.js <package-lock.json> <allowed-licences.txt> <report file>\n')
    return 2
  }
  var lockFile = args[0]
  var allowed = readAllowed(args[1])
  var packages = JSON.parse(fs.readFileSync(lockFile, 'utf8')).packages || {}
  var rows = []
  var offenders = []
  Object.keys(packages).sort().forEach(function (location) {
    if (location === '') return // the lock file's own project
    var entry = packages[location]
    if (entry.link) return // a folder of the project itself, not a download
    var name = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length)
    var licence = typeof entry.license === 'string' ? entry.license.trim() : ''
    var verdict = licence === '' ? 'no licence declared' : (isAllowed(licence, allowed) ? 'allowed' : 'not on the allow-list')
    rows.push(name + '@' + entry.version + '\t' + (licence || '-') + '\t' + verdict)
    if (verdict !== 'allowed') offenders.push(name + '@' + entry.version + ' (' + (licence || 'none') + '): ' + verdict)
  })
  fs.mkdirSync(path.dirname(args[2]), { recursive: true })
  fs.writeFileSync(args[2], '# npm packages installed from ' + lockFile + '\n# package\tlicence\tverdict\n'
    + rows.join('\n') + '\n')
  if (offenders.length > 0) {
    process.stderr.write('npm licence check failed: ' + offenders.length + ' of ' + rows.length + ' packages are not '
      + 'under a licence in ' + args[1] + ':\n  ' + offenders.join('\n  ') + '\n')
    return 1
  }
  process.stdout.write('npm licence check: ' + rows.length + ' packages, every one under an allowed licence (report: '
    + args[2] + ')\n')
  return 0
}

function readAllowed (file) {
  var allowed = new Set()
  fs.readFileSync(file, 'utf8').split(/\r?\n/).forEach(function (line) {
    var id = line.trim()
    if (id !== '' && id[0] !== '#') allowed.add(id)
  })
  return allowed
}

/** Evaluates an SPDX licence expression against the allowed identifiers. */
function isAllowed (expression, allowed) {
  var tokens = expression.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').trim().split(/\s+/)
  var position = 0
  function or () {
    var result = and()
    while (tokens[position] === 'OR') {
      position++
      var right = and()
      result = result || right
    }
    return result
  }
  function and () {
    var result = term()
    while (tokens[position] === 'AND') {
      position++
      var right = term()
      result = result && right
    }
    return result
  }
  function term () {
    var token = tokens[position++]
    if (token === '(') {
      var inner = or()
      if (tokens[position++] !== ')') throw new Error('unbalanced parentheses in "' + expression + '"')
      return inner
    }
    if (token == null || token === ')' || token === 'OR' || token === 'AND' || token === 'WITH')
      throw new Error('not an SPDX expression: "' + expression + '"')
    if (tokens[position] === 'WITH') position += 2 // an exception only grants more than the licence
    return allowed.has(token.replace(/\+$/, ''))
  }
  try {
    var result = or()
    return position === tokens.length && result
  }
  catch (e) {
    return false
  }
}

process.exitCode = main(process.argv.slice(2))
