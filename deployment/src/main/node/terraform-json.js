// The build's reading of terraform/: every *.tf file is checked for the formatting `terraform fmt` gives it (hclwrite's
// formatter, through @cdktf/hcl-tools: our open-source stand-in for `terraform fmt -check -recursive`) and converted
// to JSON (@cdktf/hcl2json) for the cross-check's tests. Exits 1, naming each file and its first differing line, when
// a file is not formatted; --write formats them in place instead. Needs the packages of package.json (npm ci).
//
//   node terraform-json.js <terraform dir> <json output dir> [--write]
'use strict'
var fs = require('fs')
var path = require('path')
var hcl2json = require('@cdktf/hcl2json')
var hclTools = require('@cdktf/hcl-tools')

function terraformFiles (dir) {
  var files = []
  fs.readdirSync(dir, { withFileTypes: true }).sort(function (a, b) { return a.name < b.name ? -1 : 1 }).forEach(function (entry) {
    var file = path.join(dir, entry.name)
    // Providers and modules terraform init downloads are not ours.
    if (entry.isDirectory() && entry.name !== '.terraform') files = files.concat(terraformFiles(file))
    else if (entry.isFile() && entry.name.endsWith('.tf')) files.push(file)
  })
  return files
}

function firstDifference (actual, formatted) {
  var have = actual.split('\n')
  var want = formatted.split('\n')
  for (var i = 0; i < Math.max(have.length, want.length); i++) {
    if (have[i] !== want[i]) {
      return 'line ' + (i + 1) + ': is ' + JSON.stringify(have[i] === undefined ? '' : have[i])
        + ', formatted ' + JSON.stringify(want[i] === undefined ? '' : want[i])
    }
  }
  return 'no line differs'
}

async function main (args) {
  var write = args.indexOf('--write') >= 0
  args = args.filter(function (arg) { return arg !== '--write' })
  if (args.length !== 2) {
    process.stderr.write('usage: node terraform-json.js <terraform dir> <json output dir> [--write]\n')
    return 2
  }
  var root = path.resolve(args[0])
  var out = path.resolve(args[1])
  var files = terraformFiles(root)
  if (files.length === 0) {
    process.stderr.write('no *.tf file under ' + root + '\n')
    return 1
  }
  var unformatted = []
  for (var file of files) {
    var relative = path.relative(root, file)
    var text = fs.readFileSync(file, 'utf8')
    var formatted = await hclTools.format(text)
    if (formatted !== text) {
      if (write) {
        fs.writeFileSync(file, formatted)
        process.stdout.write('formatted ' + relative + '\n')
        text = formatted
      } else {
        unformatted.push(relative + ' (' + firstDifference(text, formatted) + ')')
      }
    }
    var json = await hcl2json.parse(relative, text)
    var target = path.join(out, relative + '.json')
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, JSON.stringify(json, null, 2) + '\n')
  }
  if (unformatted.length > 0) {
    process.stderr.write(unformatted.length + ' of ' + files.length + ' Terraform files are not formatted as'
      + ' `terraform fmt` formats them:\n  ' + unformatted.join('\n  ') + '\nFormat them with'
      + ' `terraform fmt -recursive terraform` (or `tofu fmt`), or without either with'
      + ' `node deployment/src/main/node/terraform-json.js terraform deployment/target/terraform-json --write`.\n')
    return 1
  }
  process.stdout.write(files.length + ' Terraform files formatted and read into ' + path.relative(process.cwd(), out) + '\n')
  return 0
}

main(process.argv.slice(2)).then(function (code) { process.exitCode = code }, function (error) {
  process.stderr.write('reading terraform/ failed: ' + (error && error.stack ? error.stack : error) + '\n')
  process.exitCode = 1
})
