// Chat clients for the console's tests, driven over stdin/stdout by the C++ wrapper
// (socketclients.h): `node socketclients.mjs <server base URL>`, run with tests/interop as working
// directory so socket.io-client resolves from tests/interop/node_modules.
//
// Every stdin line is one JSON command carrying a `tag`; every answer is one JSON line with the
// same `tag`, and `error` when the command failed. Commands:
//   {cmd:"register"}                             -> {id, account, token}
//   {cmd:"befriend", a:{id,token}, b:{id,token}} -> {}
//   {cmd:"connect", userId, token, deviceId, neverAck} -> {ref, socketId} once connected
//                                                   (neverAck: the device acknowledges no push)
//   {cmd:"send", ref, to, content}               -> {ack: decoded AckMessage} (over ref's socket)
//   {cmd:"burst", ref, to, count}                -> {sent, ok} count messages at once
//   {cmd:"close", ref}                           -> {}
//   {cmd:"exit"}                                 -> {} and the process ends
// Untagged lines report what happens on their own: {event:"disconnect", ref, reason} when the
// server ends a connected device.

import {createInterface} from 'node:readline';

import {befriend, ChatDevice, registerUser} from '../interop/imclient.mjs';

const server = {
    url: process.argv[2]
};
const devices = new Map(); // ref -> ChatDevice
let nextRef = 1;

function print(object)
{
    process.stdout.write(`${JSON.stringify(object)}\n`);
}

async function connect({ userId, token, deviceId, neverAck })
{
    const device = new ChatDevice(server, { id: userId, token },
                                  { deviceId, dropAckRate: neverAck ? 1 : 0, random: () => 0 });
    await device.connect();
    const ref = nextRef++;
    devices.set(ref, device);
    device.socket.on('disconnect', (reason) => {
        devices.delete(ref);
        print({ event: 'disconnect', ref, reason });
    });
    return { ref, socketId: device.socket.id };
}

function device(ref)
{
    const found = devices.get(ref);
    if (!found)
        throw new Error(`no connected device ${ref}`);
    return found;
}

const commands = {
    register: () => registerUser(server, '139'),
    befriend: async ({ a, b }) => {
        await befriend(server, a, b);
        return {};
    },
    connect,
    send: async ({ ref, to, content }) =>
        ({ ack: await device(ref).send({ receiver: to, content }) }),
    burst: async ({ ref, to, count }) => {
        const from = device(ref);
        const acks = await Promise.all(Array.from(
            { length: count }, (_, i) => from.send({ receiver: to, content: `burst ${i}` })));
        return { sent: count, ok: acks.filter((ack) => ack.statusCode === 200).length };
    },
    close: ({ ref }) => {
        device(ref).close();
        devices.delete(ref);
        return {};
    },
    exit: () => {
        for (const each of devices.values())
            each.close();
        setImmediate(() => process.exit(0));
        return {};
    },
};

const input = createInterface({ input: process.stdin });
input.on('line', async (line) => {
    let command = {};
    try {
        command = JSON.parse(line);
        const run = commands[command.cmd];
        if (!run)
            throw new Error(`unknown command ${command.cmd}`);
        print({ tag: command.tag, ...(await run(command)) });
    } catch (error) {
        print({ tag: command.tag, error: String(error?.message ?? error) });
    }
});
// The test ended without `exit`: nothing may stay behind.
input.on('close', () => process.exit(0));
