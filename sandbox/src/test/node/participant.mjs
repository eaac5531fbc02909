// A participant's back office as a non-Java firm writes it: posts one message to an inbound queue and reads its status
// reports, over AMQP 1.0 (rhea) or STOMP (@stomp/stompjs over TCP). Driven by the sandbox's ProtocolClientsIT.
//
//   node participant.mjs '<json>'
//
// The JSON names: protocol ("amqp" | "stomp"), host, port, user, password (user null: no login at all), inbound (the
// queue to post to; absent: post nothing), body (the text to post), bodyAs ("text": an AMQP string value, a STOMP frame
// without content-length; "bytes": an AMQP data section, a STOMP frame with content-length; "hex": bytes given in hex,
// for bodies that are not UTF-8), contentType (optional), userId (optional: a user id the message claims to be from),
// status (the queue to read reports on), awaitReply (the messageId whose report ends the wait), awaitStatuses (the
// statuses that end it), timeoutMs.
//
// Prints one JSON line: {"connected":true,"reports":[{"body":...,"bodyType":"string"|"binary","contentType":...}]}
// and exits 0 once the awaited report came; {"refused":"<why>"} and exit 3 when the broker refused the login or a
// send; {"error":"<why>"} and exit 1 otherwise (the awaited report did not come in time, among others).
import rhea from 'rhea';
import { Client } from '@stomp/stompjs';
import { TCPWrapper } from '@stomp/tcp-wrapper';

const request = JSON.parse(process.argv[2]);
const reports = [];
let finished = false;
// How far the run got, reported when the awaited report does not come: connecting, connected, posted (the broker
// accepted the message, or confirmed its receipt). It tells a pipeline that did not answer from a client that never got
// through.
let progress = 'connecting';

function finish(code, result) {
  if (finished) return;
  finished = true;
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}

setTimeout(
  () => finish(1, { error: `no awaited report within ${request.timeoutMs} ms`, progress, reports }),
  request.timeoutMs,
);

function bodyBytes() {
  return request.bodyAs === 'hex' ? Buffer.from(request.body, 'hex') : Buffer.from(request.body, 'utf8');
}

/** Records a report; ends the run once the awaited one came. */
function onReport(report) {
  reports.push(report);
  let parsed;
  try {
    parsed = JSON.parse(report.body);
  } catch (e) {
    finish(1, { error: `a report that is not JSON: ${e.message}`, reports });
    return;
  }
  if (parsed.inReplyTo === request.awaitReply && request.awaitStatuses.includes(parsed.status)) {
    finish(0, { connected: true, reports });
  }
}

function amqp() {
  const container = rhea.create_container({ id: `tradewind-test-${request.user}-${process.pid}` });
  const options = { host: request.host, port: request.port, reconnect: false };
  if (request.user !== null) {
    options.username = request.user;
    options.password = request.password;
  }
  const connection = container.connect(options);
  const refused = (context) => {
    const error = context.error || (context.connection && context.connection.error) || context;
    const why = (error && (error.description || error.message || error.condition)) || 'disconnected';
    // A socket error (ECONNREFUSED and the like) is no refusal by the broker.
    if (error && error.code) finish(1, { error: `AMQP: ${why}` });
    else finish(3, { refused: `AMQP: ${why}` });
  };
  connection.on('connection_error', refused);
  connection.on('disconnected', refused);
  connection.on('sender_error', refused);
  connection.on('receiver_error', refused);
  connection.on('connection_open', () => {
    progress = 'connected';
    if (request.status) {
      const receiver = connection.open_receiver({ source: { address: `queue://${request.status}` } });
      receiver.on('message', (context) => {
        const body = context.message.body;
        const binary = body && body.typecode !== undefined; // a data section: rhea's section object
        onReport({
          body: binary ? Buffer.from(body.content).toString('utf8') : body,
          bodyType: typeof body === 'string' ? 'string' : 'binary',
          contentType: context.message.content_type || null,
        });
      });
    }
    if (!request.inbound) return;
    const sender = connection.open_sender({ target: { address: `queue://${request.inbound}` } });
    sender.once('sendable', () => {
      const message = { durable: true };
      message.body = request.bodyAs === 'text' ? request.body : rhea.message.data_section(bodyBytes());
      if (request.contentType) message.content_type = request.contentType;
      if (request.userId) message.user_id = Buffer.from(request.userId, 'utf8');
      sender.send(message);
    });
    sender.on('accepted', () => {
      progress = 'posted';
      if (!request.status) finish(0, { connected: true, reports });
    });
    sender.on('rejected', (context) => {
      const error = context.delivery.remote_state && context.delivery.remote_state.error;
      finish(3, { refused: `AMQP: send rejected: ${error ? error.description || error.condition : 'rejected'}` });
    });
  });
}

function stomp() {
  const connectHeaders = { host: 'localhost' };
  if (request.user !== null) {
    connectHeaders.login = request.user;
    connectHeaders.passcode = request.password;
  }
  const client = new Client({
    webSocketFactory: () => new TCPWrapper(request.host, request.port),
    connectHeaders,
    reconnectDelay: 0,
    heartbeatIncoming: 0,
    heartbeatOutgoing: 0,
  });
  client.onStompError = (frame) => finish(3, { refused: `STOMP: ${frame.headers.message || frame.body}` });
  // ActiveMQ answers a refused login or send with an ERROR frame before it closes; a close alone is no answer.
  client.onWebSocketClose = () => finish(1, { error: 'STOMP: the connection closed', reports });
  client.onConnect = () => {
    progress = 'connected';
    if (request.status) {
      client.subscribe(`/queue/${request.status}`, (message) =>
        onReport({
          body: message.isBinaryBody ? Buffer.from(message.binaryBody).toString('utf8') : message.body,
          bodyType: message.headers['content-length'] === undefined ? 'string' : 'binary',
          contentType: message.headers['content-type'] || null,
        }),
      );
    }
    if (!request.inbound) return;
    const headers = { receipt: 'posted', persistent: 'true' };
    if (request.contentType) headers['content-type'] = request.contentType;
    if (request.userId) headers.JMSXUserID = request.userId;
    client.watchForReceipt('posted', () => {
      progress = 'posted';
      if (!request.status) finish(0, { connected: true, reports });
    });
    const frame = { destination: `/queue/${request.inbound}`, headers };
    if (request.bodyAs === 'text') {
      // A text frame: stompjs adds content-length unless told not to, and ActiveMQ reads such a frame as bytes.
      frame.body = request.body;
      frame.skipContentLengthHeader = true;
    } else {
      frame.binaryBody = new Uint8Array(bodyBytes());
    }
    client.publish(frame);
  };
  client.activate();
}

if (request.protocol === 'amqp') amqp();
else if (request.protocol === 'stomp') stomp();
else finish(1, { error: `unknown protocol ${request.protocol}` });
