// Sessions and authentication hardening (issue #11, items 7-10), against the real im-server with
// the real socket.io-client: permissions follow the current role, sockets end with their session,
// login and sign-up throttling, and password hashing on its own bounded pool.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';

import { nextEvent, startImServer, waitFor, withTimeout } from './helpers.mjs';
import { api, befriend, ChatDevice, createAdmin, encode, registerUser } from './imclient.mjs';

const pid4 = String(process.pid % 10000).padStart(4, '0');
let accountCounter = 0;
const freshAccount = (prefix) => `${prefix}${pid4}${String(++accountCounter).padStart(4, '0')}`;

//! A REST call from the loopback address \a from (127.0.0.x), so that throttling sees several
//! clients: the parsed envelope plus httpStatus.
function apiFrom(server, from, method, path, body, timeoutMs = 60000) {
    const text = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
        const request = http.request(`${server.url}/api/v1${path}`, {
            method,
            agent: false,
            localAddress: from,
            headers: { 'Content-Type': 'application/json', ...(text ? { 'Content-Length': String(Buffer.byteLength(text)) } : {}) },
        }, (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => {
                clearTimeout(timer);
                const raw = Buffer.concat(chunks).toString('utf8');
                resolve({ httpStatus: response.statusCode, ...(raw ? JSON.parse(raw) : {}) });
            });
        });
        const timer = setTimeout(() => {
            request.destroy();
            reject(new Error(`${method} ${path} from ${from}: no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        request.on('error', (error) => {
            clearTimeout(timer);
            reject(error);
        });
        if (text)
            request.write(text);
        request.end();
    });
}

const countBy = (answers) => answers.reduce((counts, answer) => {
    counts[answer.httpStatus] = (counts[answer.httpStatus] ?? 0) + 1;
    return counts;
}, {});

// Resolves with the reason once \a device's socket is disconnected by the server.
const serverDisconnect = (device, timeoutMs = 5000) => nextEvent(device.socket, 'disconnect', timeoutMs);

describe('sessions and authentication', () => {
    let server;
    const devices = [];
    const device = (user, options) => {
        const created = new ChatDevice(server, user, options);
        devices.push(created);
        return created;
    };
    const servers = [];
    const start = async (env) => {
        const started = await startImServer({ env: { LOG_RULES: process.env.IM_TEST_LOG_RULES ?? '', ...env } });
        servers.push(started);
        return started;
    };

    before(async () => {
        server = await start({ SIGNUP_MAX_PER_ADDRESS: '1000' });
    });

    after(async () => {
        for (const each of devices)
            each.close();
        for (const each of servers)
            await each.stop();
    });

    it('a demoted admin loses its rights with its next request, and a promoted user gains them', async () => {
        const boss = await createAdmin(server, {}, `1860000${pid4}`);
        const demoted = await createAdmin(server, {}, `1860001${pid4}`);
        const plain = await api(server, 'POST', '/users/create', null, { account: freshAccount('135'), pwd: 'secret123' });
        assert.equal(plain.statusCode, 200);
        const userRole = plain.data.roleId;
        const bossLogin = await api(server, 'POST', '/users/login', null, { account: boss.account, pwd: 'S3cretpass' });
        const adminRole = bossLogin.data.roleId;
        assert.notEqual(userRole, adminRole);
        // The admin's token works as an admin's (and the answer is cached by the server now).
        assert.equal((await api(server, 'GET', '/admin/overview', demoted)).statusCode, 200);

        const set = await api(server, 'POST', '/permission/role/set', boss, { userId: demoted.id, roleId: userRole });
        assert.equal(set.statusCode, 200, JSON.stringify(set));
        // The same token, right away: no admin route, and no way back to the admin role.
        const overview = await api(server, 'GET', '/admin/overview', demoted);
        assert.equal(overview.httpStatus, 403, JSON.stringify(overview));
        const again = await api(server, 'POST', '/permission/role/set', demoted, { userId: demoted.id, roleId: adminRole });
        assert.equal(again.httpStatus, 403, JSON.stringify(again));
        const still = await api(server, 'POST', '/users/login', null, { account: demoted.account, pwd: 'S3cretpass' });
        assert.equal(still.data.roleId, userRole, 'the self-promotion changed nothing');

        const plainUser = { id: plain.data.id, token: plain.data.token };
        assert.equal((await api(server, 'GET', '/admin/overview', plainUser)).httpStatus, 403);
        assert.equal((await api(server, 'POST', '/permission/role/set', boss, { userId: plainUser.id, roleId: adminRole })).statusCode, 200);
        assert.equal((await api(server, 'GET', '/admin/overview', plainUser)).statusCode, 200, 'the promotion shows at once');
    });

    it('logout closes the live socket, and what it sends afterwards is not stored', async () => {
        const alice = await registerUser(server, '136');
        const bob = await registerUser(server, '136');
        await befriend(server, alice, bob);
        const sender = await device(alice, { deviceId: 'desk' }).connect();
        assert.equal((await sender.send({ receiver: bob.id, content: 'before' })).statusCode, 200);
        const gone = serverDisconnect(sender);

        const logout = await api(server, 'POST', '/users/logout', alice);
        assert.equal(logout.statusCode, 200);
        // Straight after the answer, as a client that has not noticed yet would.
        const lateId = crypto.randomUUID();
        sender.socket.emit('on-message', encode('MessageForSender', { msgId: lateId, sender: alice.id, receiver: bob.id, type: 'text', content: 'after', timer: Date.now() }));
        assert.equal((await gone)[0], 'io server disconnect');

        const pending = await api(server, 'GET', '/events/message?pageSize=500', bob);
        assert.equal(pending.statusCode, 200);
        const contents = pending.data.map((message) => message.content);
        assert.ok(contents.includes('before'), JSON.stringify(contents));
        assert.ok(!pending.data.some((message) => message.msgId === lateId), 'the message sent after logout was stored');
        // The socket cannot come back with the ended session.
        await assert.rejects(device(alice).connect(3000), /Authentication error/);
    });

    it('logout reaches a long-polling socket as a server disconnect, not a lost transport', async () => {
        // The DISCONNECT is queued for the held GET just before the session closes: it must go
        // out with the close packet, or the client takes the logout for a network failure.
        for (let round = 0; round < 5; round++) {
            const user = await registerUser(server, '136');
            const poller = await device(user, { deviceId: 'poll', transports: ['polling'] }).connect();
            const gone = serverDisconnect(poller);
            assert.equal((await api(server, 'POST', '/users/logout', user)).statusCode, 200);
            assert.equal((await gone)[0], 'io server disconnect', `round ${round}`);
        }
    });

    it('logout ends only its own session: the user\'s other sockets stay', async () => {
        const carol = await registerUser(server, '136');
        const second = await api(server, 'POST', '/users/login', null, { account: carol.account, pwd: 'secret123' });
        const other = { ...carol, token: second.data.token };
        const first = await device(carol, { deviceId: 'a' }).connect();
        const kept = await device(other, { deviceId: 'b' }).connect();
        const gone = serverDisconnect(first);
        assert.equal((await api(server, 'POST', '/users/logout', carol)).statusCode, 200);
        await gone;
        assert.ok(kept.socket.connected, 'the other session\'s socket is still connected');
    });

    it('deleting the account closes its sockets', async () => {
        const dave = await registerUser(server, '136');
        const phone = await device(dave, { deviceId: 'phone', transports: ['polling'] }).connect();
        const desk = await device(dave, { deviceId: 'desk' }).connect();
        const bothGone = Promise.all([serverDisconnect(phone), serverDisconnect(desk)]);
        assert.equal((await api(server, 'DELETE', '/users', dave)).statusCode, 200);
        await bothGone;
    });

    it('the admin\'s disconnect keeps the sessions; with revoke=true they end and the socket cannot return', async () => {
        const admin = await createAdmin(server, {}, `1860002${pid4}`);
        const erin = await registerUser(server, '136');
        const first = await device(erin).connect();
        let gone = serverDisconnect(first);
        const kicked = await api(server, 'DELETE', `/admin/users/${erin.id}/sessions`, admin);
        assert.equal(kicked.statusCode, 200, JSON.stringify(kicked));
        await gone;
        assert.equal((await api(server, 'GET', '/friends', erin)).statusCode, 200, 'a plain disconnect keeps the token');

        const second = await device(erin).connect();
        gone = serverDisconnect(second);
        const revoked = await api(server, 'DELETE', `/admin/users/${erin.id}/sessions?revoke=true`, admin);
        assert.equal(revoked.statusCode, 200, JSON.stringify(revoked));
        assert.equal(revoked.data.revoked, true);
        await gone;
        assert.equal((await api(server, 'GET', '/friends', erin)).httpStatus, 401, 'the token was revoked');
        await assert.rejects(device(erin).connect(3000), /Authentication error/);
        const bad = await api(server, 'DELETE', `/admin/users/${erin.id}/sessions?revoke=maybe`, admin);
        assert.equal(bad.httpStatus, 400);
    });

    it('a socket is closed when its session expires', async () => {
        const short = await start({ SESSION_TTL: '2', SIGNUP_MAX_PER_ADDRESS: '1000' });
        const frank = await registerUser(short, '136');
        const idle = new ChatDevice(short, frank);
        devices.push(idle);
        await idle.connect();
        const startedAt = Date.now();
        await serverDisconnect(idle, 10000);
        assert.ok(Date.now() - startedAt >= 1000, 'not before the session expired');
        assert.equal((await api(short, 'GET', '/friends', frank)).httpStatus, 401);
    });

    it('40 concurrent wrong passwords on one account: at most 5 are tried, the owner still logs in from elsewhere', async () => {
        const owner = await registerUser(server, '138');
        const guesses = await Promise.all(Array.from({ length: 40 }, (_, i) =>
            apiFrom(server, '127.0.0.1', 'POST', '/users/login', { account: owner.account, pwd: `wrong${i}pass` })));
        const counts = countBy(guesses);
        assert.ok((counts[401] ?? 0) <= 5, JSON.stringify(counts));
        assert.equal((counts[401] ?? 0) + (counts[429] ?? 0), 40, JSON.stringify(counts));
        // The pair is locked, not the account: the owner at another address gets in.
        const blocked = await apiFrom(server, '127.0.0.1', 'POST', '/users/login', { account: owner.account, pwd: 'secret123' });
        assert.equal(blocked.httpStatus, 429);
        const home = await apiFrom(server, '127.0.0.2', 'POST', '/users/login', { account: owner.account, pwd: 'secret123' });
        assert.equal(home.statusCode, 200, JSON.stringify(home));
    });

    it('100 concurrent wrong logins from one address: at most 20 are tried', async () => {
        const guesses = await Promise.all(Array.from({ length: 100 }, (_, i) =>
            apiFrom(server, '127.0.0.3', 'POST', '/users/login', { account: freshAccount('139'), pwd: `wrong${i}pass` })));
        const counts = countBy(guesses);
        assert.ok((counts[401] ?? 0) <= 20, JSON.stringify(counts));
        assert.equal((counts[401] ?? 0) + (counts[429] ?? 0), 100, JSON.stringify(counts));
    });

    it('sign-ups are limited per address', async () => {
        const limited = await start({ SIGNUP_MAX_PER_ADDRESS: '5' });
        const answers = await Promise.all(Array.from({ length: 12 }, () =>
            apiFrom(limited, '127.0.0.4', 'POST', '/users/create', { account: freshAccount('133'), pwd: 'secret123' })));
        const counts = countBy(answers);
        assert.deepEqual(counts, { 200: 5, 429: 7 });
        const elsewhere = await apiFrom(limited, '127.0.0.5', 'POST', '/users/create', { account: freshAccount('133'), pwd: 'secret123' });
        assert.equal(elsewhere.statusCode, 200);
    });

    it('a storm of unknown-account logins neither stalls other requests nor queues without bound', async () => {
        const stormy = await start({ LOGIN_MAX_PER_ADDRESS: '100000', PASSWORD_HASH_THREADS: '1', PASSWORD_HASH_QUEUE: '8', SIGNUP_MAX_PER_ADDRESS: '1000' });
        const user = await registerUser(stormy, '136');
        assert.equal((await api(stormy, 'GET', '/friends', user)).statusCode, 200);
        let stormDone = false;
        let firstAnswered;
        const firstAnswer = new Promise((resolve) => { firstAnswered = resolve; });
        const storm = Promise.all(Array.from({ length: 120 }, (_, i) =>
            apiFrom(stormy, '127.0.0.6', 'POST', '/users/login', { account: freshAccount('132'), pwd: `wrong${i}pass` }, 30000)
                .finally(() => firstAnswered())))
            .finally(() => { stormDone = true; });
        // Measured while the storm is being answered: once the server has taken in the burst of
        // connections (the network thread's own work) and the hashing pool is busy.
        await withTimeout(firstAnswer, 'a first answer to the storm', 30000);
        const latencies = [];
        while (latencies.length < 5 || (!stormDone && latencies.length < 50)) {
            const startedAt = performance.now();
            const friends = await api(stormy, 'GET', '/friends', user);
            latencies.push(performance.now() - startedAt);
            assert.equal(friends.statusCode, 200);
        }
        const answers = await withTimeout(storm, 'every login of the storm answered', 30000);
        const counts = countBy(answers);
        assert.ok((counts[503] ?? 0) > 0, `the bounded pool refused the excess: ${JSON.stringify(counts)}`);
        assert.equal((counts[401] ?? 0) + (counts[503] ?? 0), 120, JSON.stringify(counts));
        assert.ok(Math.max(...latencies) < 1000, `GET /friends during the storm: ${latencies.map(Math.round)} ms`);
        // The pool drains: a real login works afterwards.
        await waitFor(async () => (await api(stormy, 'POST', '/users/login', null, { account: user.account, pwd: 'secret123' })).statusCode === 200,
            'a login after the storm', 10000);
    });
});
