#!/usr/bin/env node
// The baselines' bare servers, run in their own process as the API is (started by support.mjs startBareServer):
//   http <bytes>  node:http answering every request with one fixed JSON body of exactly <bytes> bytes;
//   mllp          a bare MLLP server answering every frame with one fixed ACK (MSA|AA), nothing parsed or stored.
// Prints "listening <port>" once it accepts connections.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';

const [kind, bytesArg] = process.argv.slice(2);
let server;
if (kind === 'http') {
  const head = '{"resourceType":"Bundle","pad":"';
  const tail = '"}';
  const body = Buffer.from(head + 'x'.repeat(Math.max(0, Number(bytesArg) - head.length - tail.length)) + tail);
  server = createHttpServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-length': body.length });
    res.end(body);
  });
} else if (kind === 'mllp') {
  const ack = Buffer.from(`\x0bMSH|^~\\&|BENHAN|BV_BENHAN|lis|KHOA_XET_NGHIEM|20261127084000+0700||ACK^R01^ACK|ACK-1|P|2.5.1\rMSA|AA|BARE\x1c\x0d`, 'utf8');
  server = createTcpServer((socket) => {
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (let end = pending.indexOf(Buffer.of(0x1c, 0x0d)); end !== -1; end = pending.indexOf(Buffer.of(0x1c, 0x0d))) {
        pending = pending.subarray(end + 2);
        socket.write(ack);
      }
    });
    socket.on('error', () => undefined);
  });
} else {
  throw new Error(`unknown bare server "${kind}" (http or mllp)`);
}
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
