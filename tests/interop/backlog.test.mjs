// A device that connects to a large backlog: everything above its cursor arrives, once each and
// in id order, never more than DELIVERY_WINDOW pushes awaiting their ack at a time, although the
// server queues at most DELIVERY_MAX_PENDING per socket (the rest is read from the database as the
// queue drains).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { startImServer, waitFor } from './helpers.mjs';
import { api, ChatDevice, decode, OK_ACK, registerUser } from './imclient.mjs';

const WINDOW = 8;
const MAX_PENDING = 50;
const BACKLOG = 1500;

describe('backlog delivery', () => {
    let server;
    const devices = [];

    before(async () => {
        server = await startImServer({
            env: {
                CHAT_REQUIRE_FRIENDSHIP: 'false', DELIVERY_WINDOW: String(WINDOW),
                EVENT_RATE_PER_SOCKET: '0', EVENT_RATE_PER_USER: '0',
                DELIVERY_MAX_PENDING: String(MAX_PENDING),
            },
        });
    });

    after(async () => {
        for (const device of devices)
            device.close();
        if (server)
            await server.stop();
    });

    it(`delivers ${BACKLOG} waiting messages in order within the window`, async () => {
        const alice = await registerUser(server, '152');
        const bob = await registerUser(server, '152');
        const sender = new ChatDevice(server, alice);
        devices.push(sender);
        await sender.connect();
        const ids = [];
        // Several sends in flight, as a busy client would have.
        for (let start = 0; start < BACKLOG; start += 25) {
            const batch = [];
            for (let i = start; i < Math.min(start + 25, BACKLOG); ++i)
                batch.push(sender.send({ receiver: bob.id, content: `backlog ${i}` }, 15000));
            for (const ack of await Promise.all(batch)) {
                assert.equal(ack.statusCode, 200);
                ids.push(ack.id);
            }
        }
        ids.sort((x, y) => x - y);
        assert.equal((await api(server, 'GET', '/events/message', bob)).count, BACKLOG);

        // Bob acks each push a little later, so unacknowledged pushes pile up if the server
        // does not hold to its window.
        const receiver = new ChatDevice(server, bob);
        devices.push(receiver);
        const order = [];
        let outstanding = 0;
        let mostOutstanding = 0;
        receiver.onMessage = (payload, ack) => {
            const message = decode('MessageForReceived', payload);
            order.push(message.id);
            receiver.received.set(message.msgId, message);
            outstanding += 1;
            mostOutstanding = Math.max(mostOutstanding, outstanding);
            setTimeout(() => {
                outstanding -= 1;
                ack(OK_ACK);
                receiver.wake();
            }, 2);
        };
        await receiver.connect();
        await receiver.until((d) => d.received.size === BACKLOG, `all ${BACKLOG} messages`, 120000);
        assert.deepEqual(order, ids, 'each message once, in id order');
        assert.ok(mostOutstanding <= WINDOW, `at most ${WINDOW} pushes awaited their ack (saw ${mostOutstanding})`);
        assert.ok(mostOutstanding > 1, 'the window was used');
        // The cursor follows the acks to the end (written in batches: poll, bounded).
        await waitFor(async () => (await api(server, 'GET', '/events/message', bob)).count === 0,
            'the cursor to reach the newest message', 10000);
    });

    it('a message a device sends while it catches up is not pushed back to it', async () => {
        const alice = await registerUser(server, '153');
        const bob = await registerUser(server, '153');
        const sender = new ChatDevice(server, alice);
        devices.push(sender);
        await sender.connect();
        const waiting = 400;
        for (let start = 0; start < waiting; start += 25) {
            const batch = [];
            for (let i = start; i < start + 25; ++i)
                batch.push(sender.send({ receiver: bob.id, content: `waiting ${i}` }, 15000));
            for (const ack of await Promise.all(batch))
                assert.equal(ack.statusCode, 200);
        }
        // Bob's device acks slowly, so it is still catching up when it sends.
        const device = new ChatDevice(server, bob);
        devices.push(device);
        device.onMessage = (payload, ack) => {
            const message = decode('MessageForReceived', payload);
            device.received.set(message.msgId, message);
            setTimeout(() => {
                ack(OK_ACK);
                device.wake();
            }, 2);
        };
        await device.connect();
        const own = await device.send({ receiver: alice.id, content: 'sent while catching up' }, 15000);
        assert.equal(own.statusCode, 200);
        assert.ok(device.received.size < waiting, 'the send happened during the catch-up');
        await device.until((d) => d.received.size >= waiting, `all ${waiting} waiting messages`, 60000);
        // The cursor reaches the newest message, the own one included, without it being pushed.
        await waitFor(async () => (await api(server, 'GET', '/events/message', bob)).count === 0,
            'the cursor to pass the own message', 10000);
        assert.equal(device.received.size, waiting);
        assert.ok(!device.received.has(own.msgId), 'the device did not get its own message back');
        await sender.until((d) => d.received.has(own.msgId), 'the peer gets the message', 10000);
    });
});
