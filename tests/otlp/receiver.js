#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// An OTLP/gRPC trace receiver that renacer did not write: grpc-js and proto-loader with the
// official OTLP .proto files shipped by @opentelemetry/otlp-grpc-exporter-base. It records
// every Export request it accepts as one JSON line (ids in hex), and can be told to fail.
//
//   node receiver.js --out FILE --port-file FILE [--port N] [--fail-unavailable N] [--count-only]
//
// --port 0 (the default) takes a free port and writes it to --port-file once listening;
// --fail-unavailable N answers the first N calls with UNAVAILABLE; --count-only keeps only
// {"requests": R, "spans": S} in FILE (for the export rate of big traces). SIGTERM stops it.
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');

const PROTOS = path.join(__dirname, 'node_modules', '@opentelemetry', 'otlp-grpc-exporter-base',
                         'build', 'protos');

function parseArgs(argv) {
  const o = {port: 0, fail: 0, out: null, portFile: null, countOnly: false};
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    switch (argv[i]) {
      case '--out': o.out = v; i++; break;
      case '--port-file': o.portFile = v; i++; break;
      case '--port': o.port = Number(v); i++; break;
      case '--fail-unavailable': o.fail = Number(v); i++; break;
      case '--count-only': o.countOnly = true; break;
      default:
        process.stderr.write(`receiver: unknown argument ${argv[i]}\n`);
        process.exit(2);
    }
  }
  if (!o.out || !o.portFile) {
    process.stderr.write('receiver: --out FILE and --port-file FILE are required\n');
    process.exit(2);
  }
  return o;
}

// Buffers (trace and span ids) as lowercase hex, as every OTLP viewer shows them.
function hexIds(v) {
  if (Buffer.isBuffer(v)) return v.toString('hex');
  if (Array.isArray(v)) return v.map(hexIds);
  if (v && typeof v === 'object') {
    const o = {};
    for (const k of Object.keys(v)) o[k] = hexIds(v[k]);
    return o;
  }
  return v;
}

const opts = parseArgs(process.argv.slice(2));
const def = loader.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto', {
  includeDirs: [PROTOS],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: false,
});
const pkg = grpc.loadPackageDefinition(def);
const svc = pkg.opentelemetry.proto.collector.trace.v1.TraceService.service;
let calls = 0;
let accepted = 0;
let spans = 0;

function countSpans(req) {
  let n = 0;
  for (const rs of req.resource_spans || [])
    for (const ss of rs.scope_spans || []) n += (ss.spans || []).length;
  return n;
}

// MetricsService/Export (renacerd --system-wide): each request recorded as {"metrics": ...}.
const mdef = loader.loadSync('opentelemetry/proto/collector/metrics/v1/metrics_service.proto', {
  includeDirs: [PROTOS], keepCase: true, longs: String, enums: String, defaults: false,
  oneofs: false,
});
const msvc = grpc.loadPackageDefinition(mdef).opentelemetry.proto.collector.metrics.v1
  .MetricsService.service;

const server = new grpc.Server();
server.addService(msvc, {
  Export(call, callback) {
    if (!opts.countOnly)
      fs.appendFileSync(opts.out, JSON.stringify({metrics: hexIds(call.request)}) + '\n');
    callback(null, {});
  },
});
server.addService(svc, {
  Export(call, callback) {
    calls++;
    if (calls <= opts.fail) {
      process.stderr.write(`receiver: call ${calls}: UNAVAILABLE as told\n`);
      callback({code: grpc.status.UNAVAILABLE, details: 'receiver told to fail'});
      return;
    }
    accepted++;
    if (opts.countOnly) {
      spans += countSpans(call.request);
      fs.writeFileSync(opts.out, JSON.stringify({requests: accepted, spans}) + '\n');
    } else {
      const rec = {call: calls, headers: call.metadata.getMap(), request: hexIds(call.request)};
      fs.appendFileSync(opts.out, JSON.stringify(rec) + '\n');
    }
    callback(null, {});
  },
});
server.bindAsync(`127.0.0.1:${opts.port}`, grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    process.stderr.write(`receiver: cannot listen on port ${opts.port}: ${err.message}\n`);
    process.exit(1);
  }
  server.start();
  fs.writeFileSync(opts.portFile + '.tmp', `${port}\n`);
  fs.renameSync(opts.portFile + '.tmp', opts.portFile);
  process.stderr.write(`receiver: listening on 127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
