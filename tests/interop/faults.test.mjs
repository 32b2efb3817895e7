// Fault injection on MariaDB: receivers that drop a share of their acks, devices that disconnect
// and reconnect at random, and the server killed with SIGKILL and restarted mid-run. At the end
// every message acked to its sender is held by every device of every recipient exactly once, and
// no delivery cursor sampled from the database ever passed a message its device had neither
// acknowledged nor sent. The real socket.io-client and protobufjs, as the desktop client has them.
//
// The first failed check in any loop stops every loop at once and fails the test (never a hang).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { mariadbWanted, scratchMariaDb, sleep, sql, startImServer } from './helpers.mjs';
import { api, ChatDevice, registerUser } from './imclient.mjs';

// A seeded random source, so a failing run can be repeated (IM_FAULTS_SEED).
const seed = Number(process.env.IM_FAULTS_SEED ?? Date.now() % 100000);
function mulberry32(a) {
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
const random = mulberry32(seed);
const pick = (items) => items[Math.floor(random() * items.length)];

const database = `im_faults_${process.pid}`;
const query = (statement) => sql(statement, database);

describe('delivery under faults (MariaDB)', { skip: !mariadbWanted && 'IM_TEST_MARIADB_* not set' }, () => {
    let server;
    let port;
    const devices = [];
    const users = [];
    let groupId;
    const stats = { sent: 0, sendRetries: 0, disconnects: 0, kills: 0, cursorSamples: 0 };

    // Fail fast: the first error of any loop aborts `stop`, which ends every sleep, send and
    // connect in flight, so all loops end at once and the test reports that first error.
    const stop = new AbortController();
    let failure = null;
    const stopped = new Promise((_, reject) => {
        stop.signal.addEventListener('abort', () => reject(failure ?? stop.signal.reason));
    });
    stopped.catch(() => {});
    const fail = (error) => {
        if (!failure) {
            failure = error;
            stop.abort(error);
        }
    };
    //! \a promise, or the first failure, whichever comes first.
    const unlessStopped = (promise) => Promise.race([promise, stopped]);
    //! A sleep that ends early (rejecting) when the run is stopped.
    const pause = (ms) => sleep(ms, undefined, { signal: stop.signal });
    let progress;

    let scratch;
    const serverEnv = () => ({
        ...scratch.env, CHAT_REQUIRE_FRIENDSHIP: 'false', GROUP_REQUIRE_FRIENDSHIP: 'false',
        EVENT_RATE_PER_SOCKET: '0', EVENT_RATE_PER_USER: '0',
        SOCKET_ACK_TIMEOUT_MS: '400', DELIVERY_WINDOW: '8', PORT: String(port ?? 0),
        LOG_RULES: process.env.IM_TEST_LOG_RULES ?? '',
    });

    before(async () => {
        scratch = await scratchMariaDb(database);
        server = await startImServer({ env: serverEnv() });
        port = server.port;
        for (let i = 0; i < 4; ++i)
            users.push(await registerUser(server, '150'));
        const group = await api(server, 'POST', '/groups', users[0], {
            name: 'faults', type: 1, members: users.slice(1).map((u) => u.id),
        });
        assert.equal(group.statusCode, 200);
        groupId = group.data.id;
        for (const user of users) {
            for (const deviceId of ['a', 'b']) {
                const device = new ChatDevice(server, user, { deviceId, dropAckRate: 0.2, random });
                // The msgIds this device sent (or is sending): its cursor moves past its own
                // messages when they commit, before (or without) their ack reaching it.
                device.ownMsgIds = new Set();
                devices.push(device);
            }
        }
    });

    after(async () => {
        fail(new Error('the test ended'));
        clearInterval(progress);
        if (process.env.IM_FAULTS_VERBOSE && server)
            server.dumpOutput(3000);
        for (const device of devices)
            device.close();
        if (server)
            await server.stop();
        await scratch?.drop();
    });

    // Keeps a device connected to the current server (reconnecting after a fault); its acked ids
    // are remembered across connections.
    async function ensureConnected(device) {
        if (device.socket?.connected || stop.signal.aborted)
            return;
        device.close();
        device.server = server;
        const acked = device.acked;
        try {
            await unlessStopped(device.connect(5000));
        } catch (error) {
            if (process.env.IM_FAULTS_VERBOSE)
                console.error(`connect ${device.user.id}/${device.deviceId}: ${error.message}`);
            device.close();
            return;
        }
        device.acked = acked;
        device.socket.on('disconnect', () => {});
    }

    // Sends until acked 200, retrying the same msgId across timeouts, disconnects and restarts.
    async function sendReliably(device, fields) {
        const msgId = crypto.randomUUID();
        // Before the first emit: from now on the server may commit it and move this device's
        // cursor past it, whether or not an ack ever arrives.
        device.ownMsgIds.add(msgId);
        while (!stop.signal.aborted) {
            await ensureConnected(device);
            let ack = null;
            try {
                ack = await unlessStopped(device.send({ ...fields, msgId }, 3000));
            } catch (error) {
                if (stop.signal.aborted)
                    throw error;
                // timeout or a dropped connection: retry
            }
            if (ack?.statusCode === 200)
                return { ...ack, msgId };
            if (ack)
                assert.ok(ack.statusCode >= 500, `unexpected refusal ${JSON.stringify(ack)}`);
            stats.sendRetries += 1;
            await pause(100);
        }
        throw failure;
    }

    // Every message (id, msgId, sender, receiver, groupId) and the device whose msgId it is.
    async function storedMessages() {
        const rows = await query('SELECT id, msgId, sender, receiver, groupId FROM Messages');
        return rows.map(([id, msgId, sender, receiver, group]) => {
            const from = devices.find((d) => d.ownMsgIds.has(msgId));
            assert.ok(from, `message ${id} has a msgId (${msgId}) that no device sent`);
            assert.equal(Number(sender), from.user.id, `message ${id} is stored with the wrong sender`);
            return { id: Number(id), msgId, from, sender: Number(sender), receiver: Number(receiver), isGroup: group !== 'NULL' };
        });
    }

    // No cursor may pass a visible message its device neither acknowledged nor sent. Single
    // messages are visible to both ends, group messages to every member (all joined before the
    // first message). The cursors are read before the messages, so every message a cursor can
    // have passed is in the list, and its msgId was recorded before it was sent.
    async function checkCursors() {
        const cursors = await query('SELECT userId, deviceId, lastAck FROM DeliveryCursors');
        const messages = await storedMessages();
        stats.cursorSamples += 1;
        for (const [userId, deviceId, lastAck] of cursors) {
            const device = devices.find((d) => d.user.id === Number(userId) && d.deviceId === deviceId);
            if (!device)
                continue;
            for (const message of messages) {
                const visible = message.isGroup || message.sender === device.user.id || message.receiver === device.user.id;
                if (!visible || message.id > Number(lastAck))
                    continue;
                assert.ok(device.acked.has(message.id) || device.ownMsgIds.has(message.msgId),
                    `cursor ${lastAck} of ${userId}/${deviceId} passed message ${message.id} `
                    + `(from ${message.from.user.id}/${message.from.deviceId}), never acknowledged there (seed ${seed})`);
            }
        }
    }

    // Starts the server again on the same database, data folder (the same secret key: sessions
    // survive) and port; on a free port if another process took that one meanwhile.
    async function restart(dataDir) {
        try {
            return await startImServer({ env: serverEnv(), dataDir });
        } catch (error) {
            console.error(`restart on port ${port} failed, using a free port: ${error.message.split('\n')[0]}`);
            port = undefined;
            const restarted = await startImServer({ env: serverEnv(), dataDir });
            port = restarted.port;
            return restarted;
        }
    }

    it('delivers every acked message to every device exactly once, cursors never pass a hole', { timeout: 240000 }, async () => {
        const sent = []; // {id, msgId, from: device, groupId?, receiver}
        let running = true;
        const loop = (body) => body().catch(fail);

        const senders = users.map((user, index) => loop(async () => {
            const device = devices[index * 2];
            for (let i = 0; i < 120 && running; ++i) {
                const toGroup = random() < 0.3;
                const peer = pick(users.filter((u) => u.id !== user.id));
                const fields = toGroup ? { groupId, receiver: groupId } : { receiver: peer.id };
                const ack = await sendReliably(device, { ...fields, content: `m${index}-${i}` });
                sent.push({ id: ack.id, msgId: ack.msgId, from: device, ...fields });
                stats.sent += 1;
                await pause(random() * 30);
            }
        }));

        const chaos = loop(async () => {
            while (running) {
                await pause(150 + random() * 300);
                const victim = pick(devices);
                if (victim.socket?.connected) {
                    victim.close();
                    stats.disconnects += 1;
                }
            }
        });

        const reconnector = loop(async () => {
            while (running) {
                await pause(200);
                await unlessStopped(Promise.all(devices.filter(() => random() < 0.5).map(ensureConnected)));
            }
        });

        progress = setInterval(() => {
            if (process.env.IM_FAULTS_VERBOSE)
                console.error(`progress: ${JSON.stringify(stats)} connected ${devices.filter((d) => d.socket?.connected).length}`);
        }, 1000);
        const sampler = loop(async () => {
            while (running) {
                await unlessStopped(checkCursors());
                await pause(150);
            }
        });

        try {
            // Mid-run: SIGKILL and a restart on the same database and port.
            await pause(3000);
            const dataDir = server.dataDir;
            await unlessStopped(server.stop('SIGKILL'));
            stats.kills += 1;
            await pause(300);
            server = await unlessStopped(restart(dataDir));

            await unlessStopped(Promise.all(senders));
        } catch (error) {
            fail(error);
        } finally {
            running = false;
            clearInterval(progress);
            // Every loop ends promptly now: its sleeps and sends end with the stop, or it sees
            // running == false within one round.
            await Promise.all([...senders, chaos, reconnector, sampler]);
        }
        if (failure)
            throw failure;

        // Calm down: everyone online, no more dropped acks; redelivery must fill every hole.
        for (const device of devices) {
            device.dropAckRate = 0;
            await ensureConnected(device);
        }
        const expected = new Map(devices.map((d) => [d, new Set()]));
        for (const message of sent) {
            const recipients = message.groupId ? users.map((u) => u.id) : [message.receiver, message.from.user.id];
            for (const device of devices) {
                if (recipients.includes(device.user.id) && device !== message.from)
                    expected.get(device).add(message.msgId);
            }
        }
        await Promise.all(devices.map((device) => {
            const wanted = expected.get(device);
            return device.until((d) => [...wanted].every((msgId) => d.received.has(msgId)),
                `device ${device.user.id}/${device.deviceId} to hold its ${wanted.size} messages`, 60000);
        }));
        await checkCursors();

        const stored = await query('SELECT COUNT(*), COUNT(DISTINCT msgId) FROM Messages');
        assert.equal(Number(stored[0][0]), sent.length, 'every acked message stored exactly once');
        assert.equal(Number(stored[0][1]), sent.length);
        for (const device of devices) {
            const ids = [...device.received.values()].map((m) => m.id);
            assert.equal(new Set(ids).size, device.received.size, 'one id per msgId');
            // A sending device may be pushed its own message (while catching up); nothing else
            // it was not meant to have.
            for (const msgId of device.received.keys()) {
                assert.ok(expected.get(device).has(msgId) || device.ownMsgIds.has(msgId),
                    `unexpected message ${msgId} at ${device.user.id}/${device.deviceId}`);
            }
        }
        const pushes = devices.reduce((n, d) => n + d.pushes, 0);
        const dropped = devices.reduce((n, d) => n + d.dropped, 0);
        console.log(`faults run (seed ${seed}): ${stats.sent} messages acked to senders, ${pushes} pushes, `
            + `${dropped} acks dropped, ${stats.disconnects} forced disconnects, ${stats.kills} SIGKILL + restart, `
            + `${stats.sendRetries} send retries, ${stats.cursorSamples} cursor samples checked`);
    });
});
