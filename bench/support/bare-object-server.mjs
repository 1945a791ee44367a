// The floor of any API server written in Node: HTTPS, JSON in and out, objects in a Map, a
// counter for resourceVersions, watchers fed newline-delimited JSON. No validation, no storage,
// no Kubernetes semantics. The sandbox benchmark measures its API server against this.
// Usage: node bare-object-server.mjs CERT_PEM_FILE KEY_PEM_FILE  (prints "READY <port>")
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';

const [certFile, keyFile] = process.argv.slice(2);
const objects = new Map();
const watchers = new Set();
let rv = 0;

const server = createServer(
  { cert: readFileSync(certFile), key: readFileSync(keyFile) },
  (req, res) => {
    const url = new URL(req.url, 'https://x');
    if (req.method === 'POST') {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const object = JSON.parse(Buffer.concat(chunks).toString());
        object.metadata.resourceVersion = String(++rv);
        objects.set(object.metadata.name, object);
        const body = JSON.stringify(object);
        for (const w of watchers) w.write(`{"type":"ADDED","object":${body}}\n`);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(body);
      });
      return;
    }
    if (url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      watchers.add(res);
      req.on('close', () => watchers.delete(res));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: 'List',
        metadata: { resourceVersion: String(rv) },
        items: [...objects.values()],
      }),
    );
  },
);
server.listen(0, '127.0.0.1', () => console.log(`READY ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
