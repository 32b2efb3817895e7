// A chat client as the desktop client is on the wire: REST login, Socket.IO at /socket/v1/IM/ with
// the userid/authorization (and deviceid) headers, protobuf payloads decoded with protobufjs 7.2.5
// and proto2 `required` fields (the client's version and rules), acks as binary AckMessage.

import { spawn } from 'node:child_process';

import protobuf from 'protobufjs';

import { CLIENTS, connected, httpRequest } from './helpers.mjs';

export const SOCKET_PATH = '/socket/v1/IM/';

const required = (type, id) => ({ rule: 'required', type, id });
const optional = (type, id) => ({ type, id });

// The client's types (client_contract §4), plus the port's optional additions (ack id/seq, push
// seq) that old clients skip; the server's MessageRead layout for receipts.
const root = protobuf.Root.fromJSON({
    nested: {
        AckMessage: {
            fields: {
                statusCode: required('int64', 1), message: optional('string', 2),
                id: optional('int64', 3), seq: optional('int64', 4),
            },
        },
        Sender: {
            fields: {
                id: required('int64', 1), account: required('string', 2), avatar: optional('string', 3),
                email: optional('string', 4), regisTime: optional('string', 5), updateTime: optional('string', 6),
            },
        },
        MessageForSender: {
            fields: {
                id: optional('int64', 1), msgId: required('string', 2), sender: required('int64', 3),
                groupId: optional('int64', 4), receiver: required('int64', 5), type: required('string', 6),
                content: required('string', 7), timer: required('int64', 8), ext: optional('string', 9),
            },
        },
        MessageForReceived: {
            fields: {
                id: required('int64', 1), msgId: required('string', 2), sender: required('int64', 3),
                senderInfo: optional('Sender', 4), groupId: optional('int64', 5), receiver: required('int64', 6),
                type: required('string', 7), content: required('string', 8), timer: required('int64', 9),
                ext: optional('string', 10), seq: optional('int64', 11),
            },
        },
        Notify: {
            fields: {
                id: required('string', 1), type: required('int32', 2), sender: optional('Sender', 3),
                receiver: required('int64', 4), status: required('int32', 5), timer: required('int64', 6),
                remark: required('string', 7), ext: required('string', 8),
            },
        },
        MessageRead: {
            fields: {
                id: required('int64', 1), sender: required('int64', 2), groupId: optional('int64', 3),
                receiver: required('int64', 4),
            },
        },
    },
});

export const Types = Object.fromEntries(
    ['AckMessage', 'Sender', 'MessageForSender', 'MessageForReceived', 'Notify', 'MessageRead']
        .map((name) => [name, root.lookupType(name)]));

//! Decodes \a bytes as \a type (throws on a missing required field, as the client does) into a
//! plain object with int64 values as numbers.
export function decode(type, bytes) {
    const message = Types[type].decode(new Uint8Array(bytes));
    return Types[type].toObject(message, { longs: Number, defaults: false });
}

export function encode(type, object) {
    return Types[type].encode(Types[type].fromObject(object)).finish();
}

export const OK_ACK = encode('AckMessage', { statusCode: 200, message: 'Successfully.' });

let accountCounter = 0;

//! A fresh account (11 digits, unique per process run) registered over REST: {id, account, token}.
export async function registerUser(server, prefix = '137') {
    const account = `${prefix}${String(process.pid % 10000).padStart(4, '0')}${String(++accountCounter).padStart(4, '0')}`;
    const created = await api(server, 'POST', '/users/create', null, { account, pwd: 'secret123' });
    if (created.statusCode !== 200)
        throw new Error(`cannot register ${account}: ${JSON.stringify(created)}`);
    return { id: created.data.id, account, token: created.data.token };
}

//! A REST call as \a user (or anonymous with null): the parsed JSON envelope plus httpStatus.
export async function api(server, method, path, user, body, extraHeaders = {}) {
    const headers = { 'Content-Type': 'application/json', ...extraHeaders };
    if (user) {
        headers.userid = String(user.id);
        headers.authorization = user.token;
    }
    const text = body === undefined || body === null ? undefined : JSON.stringify(body);
    if (text !== undefined)
        headers['Content-Length'] = String(Buffer.byteLength(text)); // as axios does
    const response = await httpRequest(`${server.url}/api/v1${path}`, { method, headers, body: text, timeoutMs: 15000 });
    const parsed = response.body ? JSON.parse(response.body) : {};
    return { httpStatus: response.status, ...parsed };
}

//! Creates an admin account with the server's `--create-admin` command (password on stdin) and
//! logs it in: {id, account, token}. \a databaseEnv: the server's database settings (MariaDB).
//! The command is given \a timeoutMs to finish, then killed: a failure, never a hang.
export async function createAdmin(server, databaseEnv, account, timeoutMs = 60000) {
    const child = spawn(process.env.IM_SERVER_BINARY, ['--create-admin', account], {
        env: { ...process.env, DATA_DIR: server.dataDir, LOG_FILE: 'false', ...databaseEnv },
        stdio: ['pipe', 'ignore', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk) => {
        output += chunk;
    });
    child.stdin.end('S3cretpass\n');
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
    }, timeoutMs);
    const code = await new Promise((resolve) => child.on('exit', resolve));
    clearTimeout(timer);
    if (timedOut)
        throw new Error(`--create-admin ${account} did not finish within ${timeoutMs} ms; output:\n${output}`);
    if (code !== 0)
        throw new Error(`--create-admin ${account} failed with code ${code}; output:\n${output}`);
    const login = await api(server, 'POST', '/users/login', null, { account, pwd: 'S3cretpass' });
    if (login.statusCode !== 200)
        throw new Error(`cannot log the admin in: ${JSON.stringify(login)}`);
    return { id: login.data.id, account, token: login.data.token };
}

//! Makes \a a and \a b friends: a request from a, agreed by b.
export async function befriend(server, a, b) {
    const requested = await api(server, 'POST', '/friends', a, { userId: b.id });
    if (requested.statusCode !== 200)
        throw new Error(`friend request failed: ${JSON.stringify(requested)}`);
    const sent = await api(server, 'GET', '/friends/requests/sent', a);
    const request = sent.data.find((notify) => notify.receiver === b.id);
    const agreed = await api(server, 'POST', '/friends/agree', b, { notifyId: request.id });
    if (agreed.statusCode !== 200)
        throw new Error(`agree failed: ${JSON.stringify(agreed)}`);
}

//! One device of one user. Keeps every pushed message by msgId, acks pushes like the desktop
//! client (unless told to drop a share of the acks), and sends with the client's 6 s ack timeout.
export class ChatDevice {
    constructor(server, user, { deviceId, client = CLIENTS[0], dropAckRate = 0, random = Math.random, transports } = {}) {
        this.server = server;
        this.user = user;
        this.deviceId = deviceId;
        this.client = client;
        this.dropAckRate = dropAckRate;
        this.random = random;
        this.transports = transports;
        this.received = new Map(); // msgId -> decoded push
        this.pushes = 0;
        this.acked = new Set(); // message ids this device acknowledged
        this.dropped = 0;
        this.notifies = [];
        this.receipts = [];
        this.waiters = [];
        this.socket = null;
    }

    async connect(timeoutMs = 10000) {
        const headers = { userid: String(this.user.id), authorization: this.user.token };
        if (this.deviceId)
            headers.deviceid = this.deviceId;
        const options = { path: SOCKET_PATH, forceNew: true, reconnection: false, extraHeaders: headers };
        if (this.transports)
            options.transports = this.transports;
        this.socket = this.client.io(this.server.url, options);
        this.socket.on('on-message', (payload, ack) => this.onMessage(payload, ack));
        this.socket.on('on-notify', (payload, ack) => {
            this.notifies.push(decode('Notify', payload));
            if (typeof ack === 'function')
                ack(OK_ACK);
            this.wake();
        });
        this.socket.on('on-message:read', (payload) => {
            this.receipts.push(decode('MessageRead', payload));
            this.wake();
        });
        await connected(this.socket, timeoutMs);
        return this;
    }

    onMessage(payload, ack) {
        const message = decode('MessageForReceived', payload); // throws like the client on a bad push
        this.pushes += 1;
        this.received.set(message.msgId, message);
        if (this.random() < this.dropAckRate) {
            this.dropped += 1;
        } else {
            this.acked.add(message.id);
            ack(OK_ACK);
        }
        this.wake();
    }

    wake() {
        for (const waiter of this.waiters.splice(0))
            waiter();
    }

    //! Resolves once \a predicate(this) holds, checked after every push.
    until(predicate, what, timeoutMs = 15000) {
        return new Promise((resolve, reject) => {
            const check = () => {
                if (predicate(this)) {
                    clearTimeout(timer);
                    resolve();
                    return true;
                }
                return false;
            };
            const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
            const loop = () => {
                if (!check())
                    this.waiters.push(loop);
            };
            loop();
        });
    }

    //! Sends a chat message; resolves with the server's decoded AckMessage.
    async send(fields, timeoutMs = 6000) {
        const message = {
            msgId: fields.msgId ?? crypto.randomUUID(),
            sender: fields.sender ?? this.user.id,
            receiver: fields.receiver,
            type: fields.type ?? 'text',
            content: fields.content ?? 'hello',
            timer: fields.timer ?? Date.now(),
        };
        if (fields.groupId !== undefined)
            message.groupId = fields.groupId;
        const reply = await this.socket.timeout(timeoutMs).emitWithAck('on-message', encode('MessageForSender', message));
        return { msgId: message.msgId, ...decode('AckMessage', reply) };
    }

    //! Emits \a event with raw \a bytes; resolves with the decoded ack.
    async emitRaw(event, bytes, timeoutMs = 6000) {
        const reply = await this.socket.timeout(timeoutMs).emitWithAck(event, bytes);
        return decode('AckMessage', reply);
    }

    close() {
        if (this.socket) {
            this.socket.removeAllListeners();
            this.socket.disconnect();
        }
        this.socket = null;
    }
}
