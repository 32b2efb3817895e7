// Issue #14 "Operations", item 3, against the real im-server binary: GET /metrics in Prometheus'
// text format behind METRICS_TOKEN. Traffic moves the counters it should; Debian's own promtool
// finds nothing to lint in a scrape; a real Prometheus scrapes the server with the bearer token;
// and every expression of the Grafana dashboard (deploy/grafana/im-server.json) parses and names
// only metrics the server exports.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { httpRequest, startImServer, waitFor } from './helpers.mjs';
import { api, befriend, ChatDevice, registerUser } from './imclient.mjs';

const TOKEN = 'interop-metrics-token-0123456789';
const binDir = process.env.IM_PROMETHEUS_BIN_DIR ?? '';
const promtool = join(binDir, 'promtool');
const prometheusBinary = join(binDir, 'prometheus');
const dashboardFile = new URL('../../deploy/grafana/im-server.json', import.meta.url);

// Last resort for the Prometheus child, as helpers.mjs does for servers.
const children = new Set();
process.on('exit', () => {
    for (const child of children)
        child.kill('SIGKILL');
});

function requireTools() {
    for (const tool of [promtool, prometheusBinary]) {
        if (!existsSync(tool))
            throw new Error(`${tool} is missing: run scripts/install-deps.sh --with-test (IM_PROMETHEUS_BIN_DIR="${binDir}")`);
    }
}

function scrape(server, authorization = `Bearer ${TOKEN}`) {
    const headers = authorization ? { authorization } : {};
    return httpRequest(`${server.url}/metrics`, { headers });
}

//! The exposition as {families: Map name -> type, samples: Map "name{labels}" -> number}; labels
//! keep the server's order.
function parseExposition(text) {
    const families = new Map();
    const samples = new Map();
    for (const line of text.split('\n')) {
        const type = /^# TYPE (\S+) (\S+)$/.exec(line);
        if (type) {
            families.set(type[1], type[2]);
            continue;
        }
        if (line === '' || line.startsWith('#'))
            continue;
        const sample = /^(\S+?(?:\{.*\})?) (\S+)$/.exec(line);
        assert.ok(sample, `a sample line: ${line}`);
        samples.set(sample[1], Number(sample[2]));
    }
    return { families, samples };
}

async function scrapeParsed(server) {
    const response = await scrape(server);
    assert.equal(response.status, 200, response.body);
    return { text: response.body, ...parseExposition(response.body) };
}

//! The value of the series \a key in \a scraped; 0 when absent.
function value(scraped, key) {
    return scraped.samples.get(key) ?? 0;
}

// Runs \a binary and returns {status, stdout, stderr}; killed after \a timeoutMs.
function run(binary, args, { input, timeoutMs = 30000 } = {}) {
    const result = spawnSync(binary, args, { input, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
    if (result.error)
        throw result.error;
    return result;
}

function freePort() {
    return new Promise((resolve, reject) => {
        const probe = net.createServer();
        probe.on('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const { port } = probe.address();
            probe.close(() => resolve(port));
        });
    });
}

describe('GET /metrics without METRICS_TOKEN', () => {
    let server;
    after(async () => server?.stop());

    it('answers 404, as if the path did not exist', async () => {
        server = await startImServer({ env: { METRICS_TOKEN: '' } });
        const response = await scrape(server);
        assert.equal(response.status, 404, response.body);
        assert.doesNotMatch(response.body, /im_http_requests_total/);
    });
});

describe('GET /metrics with METRICS_TOKEN', () => {
    let server;
    let work;
    let prometheus;
    let prometheusOutput = '';
    const devices = [];

    before(async () => {
        requireTools();
        work = mkdtempSync(join(tmpdir(), 'im-metrics-interop-'));
        server = await startImServer({ env: { METRICS_TOKEN: TOKEN, GROUP_REQUIRE_FRIENDSHIP: 'false' } });
    });

    after(async () => {
        for (const device of devices)
            device.close();
        if (prometheus && prometheus.exitCode === null && prometheus.signalCode === null) {
            const exited = new Promise((resolve) => prometheus.once('exit', resolve));
            const timer = setTimeout(() => prometheus.kill('SIGKILL'), 5000);
            prometheus.kill('SIGTERM');
            await exited;
            clearTimeout(timer);
        }
        children.delete(prometheus);
        if (server)
            await server.stop();
        if (work)
            rmSync(work, { recursive: true, force: true });
    });

    it('refuses a scrape without the token or with another one (401)', async () => {
        for (const authorization of [null, 'Bearer wrong-token-0123456789abc', TOKEN, `Basic ${TOKEN}`]) {
            const response = await scrape(server, authorization);
            assert.equal(response.status, 401, `${authorization}: ${response.body}`);
            assert.match(response.headers['www-authenticate'] ?? '', /^Bearer/);
            assert.doesNotMatch(response.body, /im_/);
        }
    });

    it('counts requests by route pattern, logins, messages, pushes and acks', async () => {
        const before = await scrapeParsed(server);
        assert.match((await scrape(server)).headers['content-type'], /^text\/plain; version=0\.0\.4/);

        const alice = await registerUser(server);
        const bob = await registerUser(server);
        const good = await api(server, 'POST', '/users/login', null, { account: alice.account, pwd: 'secret123' });
        assert.equal(good.statusCode, 200);
        const bad = await api(server, 'POST', '/users/login', null, { account: alice.account, pwd: 'wrong123' });
        assert.equal(bad.httpStatus, 401);
        assert.equal((await httpRequest(`${server.url}/no/such/path/42`)).status, 404);
        await befriend(server, alice, bob);
        const profile = await api(server, 'GET', `/users/${bob.id}`, alice);

        const sender = new ChatDevice(server, alice, { deviceId: 'desk' });
        const receiver = new ChatDevice(server, bob, { deviceId: 'phone' });
        const poller = new ChatDevice(server, bob, { deviceId: 'tablet', transports: ['polling'] });
        devices.push(sender, receiver, poller);
        await Promise.all([sender.connect(), receiver.connect(), poller.connect()]);
        // Two messages: the second reaches channels that surely finished catching up, so it
        // counts in the send→ack histogram.
        for (const content of ['metrics 1', 'metrics 2']) {
            const ack = await sender.send({ receiver: bob.id, content });
            assert.equal(ack.statusCode, 200);
            for (const device of [receiver, poller])
                await device.until((d) => d.acked.has(ack.id), `the push to ${device.deviceId} and its ack`);
        }

        // Acks are counted once the server read them: poll the scrape, bounded.
        let now;
        await waitFor(async () => {
            now = await scrapeParsed(server);
            return value(now, 'im_delivery_acks_total') - value(before, 'im_delivery_acks_total') >= 4;
        }, 'four acks counted', 10000);

        const delta = (key) => value(now, key) - value(before, key);
        assert.equal(delta('im_http_requests_total{method="POST",route="/api/v1/users/create",status="200"}'), 2);
        assert.equal(delta('im_http_requests_total{method="POST",route="/api/v1/users/login",status="200"}'), 1);
        assert.equal(delta('im_http_requests_total{method="POST",route="/api/v1/users/login",status="401"}'), 1);
        assert.equal(delta(`im_http_requests_total{method="GET",route="/api/v1/users/:id",status="${profile.httpStatus}"}`), 1);
        assert.equal(delta('im_http_requests_total{method="GET",route="unmatched",status="404"}'), 1);
        assert.equal(delta('im_http_request_duration_seconds_count{method="POST",route="/api/v1/users/login"}'), 2);
        assert.ok(value(now, 'im_http_requests_total{method="GET",route="/metrics",status="401"}') >= 4);
        for (const key of now.samples.keys()) {
            assert.doesNotMatch(key, new RegExp(`route="[^"]*(${bob.id}|/no/such)`), `a raw path in ${key}`);
        }

        assert.equal(delta('im_login_attempts_total{outcome="success"}'), 1);
        assert.equal(delta('im_login_attempts_total{outcome="bad_credentials"}'), 1);
        assert.equal(delta('im_messages_stored_total'), 2);
        assert.ok(delta('im_message_write_batches_total') >= 1);
        assert.ok(delta('im_message_commit_duration_seconds_count') >= 1);
        assert.ok(delta('im_message_write_batch_messages_sum') >= 1);
        assert.ok(delta('im_delivery_pushes_total') >= 4, 'to both of bob\'s devices');
        assert.ok(delta('im_delivery_ack_duration_seconds_count') >= 4);
        assert.ok(delta('im_delivery_send_to_ack_duration_seconds_count') >= 2, 'the second message, live');
        assert.ok(delta('im_db_pool_wait_seconds_count') >= 1);
        assert.equal(delta('im_db_errors_total{kind="statement"}'), 0);
        assert.equal(value(now, 'im_socketio_connections{transport="websocket"}'), 2);
        assert.equal(value(now, 'im_socketio_connections{transport="polling"}'), 1);
        assert.equal(value(now, 'im_socketio_authenticated_sockets'), 3);
        assert.equal(value(now, 'im_delivery_in_flight_messages'), 0);

        assert.ok(value(now, 'process_resident_memory_bytes') > 1024 * 1024);
        assert.ok(value(now, 'process_open_fds') > 3);
        assert.ok(value(now, 'process_max_fds') >= value(now, 'process_open_fds'));
        const started = value(now, 'process_start_time_seconds');
        assert.ok(Math.abs(started - Date.now() / 1000) < 600, `start time ${started}`);
        assert.equal(now.families.get('process_cpu_seconds_total'), 'counter');
    });

    it('passes promtool check metrics without a finding', async () => {
        const { text } = await scrapeParsed(server);
        const checked = run(promtool, ['check', 'metrics'], { input: text });
        assert.equal(checked.status, 0, `promtool: ${checked.stdout}${checked.stderr}`);
        assert.equal(`${checked.stdout}${checked.stderr}`.trim(), '', 'promtool reports nothing');
    });

    it('is scraped by a real Prometheus with the bearer token', async () => {
        const config = join(work, 'prometheus.yml');
        writeFileSync(config, [
            'global:',
            '  scrape_interval: 1s',
            '  scrape_timeout: 1s',
            'scrape_configs:',
            '  - job_name: im',
            '    authorization:',
            '      type: Bearer',
            `      credentials: ${TOKEN}`,
            '    static_configs:',
            `      - targets: ['127.0.0.1:${server.port}']`,
            '',
        ].join('\n'));
        const checked = run(promtool, ['check', 'config', config]);
        assert.equal(checked.status, 0, `${checked.stdout}${checked.stderr}`);

        // A port free when probed may be taken before Prometheus binds it: then another one.
        let port;
        for (let attempt = 1; ; ++attempt) {
            port = await freePort();
            prometheusOutput = '';
            prometheus = spawn(prometheusBinary, [
                `--config.file=${config}`,
                `--storage.tsdb.path=${join(work, 'data')}`,
                `--web.listen-address=127.0.0.1:${port}`,
            ], { stdio: ['ignore', 'pipe', 'pipe'] });
            children.add(prometheus);
            prometheus.stdout.on('data', (chunk) => { prometheusOutput += chunk; });
            prometheus.stderr.on('data', (chunk) => { prometheusOutput += chunk; });
            const exited = () => prometheus.exitCode !== null || prometheus.signalCode !== null;
            const ready = async () => {
                try {
                    return (await httpRequest(`http://127.0.0.1:${port}/-/ready`, { timeoutMs: 1000 })).status === 200;
                } catch {
                    return false; // not listening yet
                }
            };
            await waitFor(async () => exited() || await ready(), 'Prometheus to start or exit', 30000);
            if (!exited())
                break;
            children.delete(prometheus);
            assert.ok(/address already in use/i.test(prometheusOutput) && attempt < 3,
                `prometheus exited:\n${prometheusOutput}`);
        }

        const query = async (expression) => {
            const response = await httpRequest(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(expression)}`, { timeoutMs: 2000 });
            if (response.status !== 200)
                return [];
            return JSON.parse(response.body).data.result;
        };
        const answers = async (expression, accept) => {
            assert.ok(prometheus.exitCode === null, `prometheus exited:\n${prometheusOutput}`);
            try {
                return accept(await query(expression));
            } catch {
                return false; // not listening yet
            }
        };
        try {
            await waitFor(() => answers('up{job="im"}', (result) => result.length === 1 && result[0].value[1] === '1'),
                'up{job="im"} == 1', 30000);
            await waitFor(() => answers('im_http_requests_total{route="/metrics",status="200"}',
                (result) => result.length === 1 && Number(result[0].value[1]) >= 1), 'a metric of ours', 30000);
        } catch (error) {
            error.message += `\nprometheus output:\n${prometheusOutput}`;
            throw error;
        }
    });

    it('lists every exported metric in docs/METRICS.md, and nothing else', async () => {
        const { families } = await scrapeParsed(server);
        const documentation = readFileSync(new URL('../../docs/METRICS.md', import.meta.url), 'utf8');
        const documented = new Set([...documentation.matchAll(/^\| `((?:im|process)_[a-z0-9_]+)` \|/gm)].map((match) => match[1]));
        assert.deepEqual([...families.keys()].sort(), [...documented].sort());
    });

    it('has a Grafana dashboard whose expressions parse and name exported metrics only', async () => {
        const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8'));
        assert.ok(dashboard.__inputs.some((input) => input.name === 'DS_PROMETHEUS' && input.pluginId === 'prometheus'));
        const { families } = await scrapeParsed(server);
        const exported = new Set(families.keys());
        const histograms = [...families].filter(([, type]) => type === 'histogram').map(([name]) => name);

        const expressions = [];
        for (const panel of dashboard.panels.filter((each) => each.type !== 'row')) {
            assert.equal(panel.datasource.uid, '${DS_PROMETHEUS}', panel.title);
            assert.ok(panel.targets.length > 0, panel.title);
            for (const target of panel.targets) {
                assert.equal(target.datasource.uid, '${DS_PROMETHEUS}', panel.title);
                expressions.push({ panel: panel.title, expr: target.expr });
            }
        }
        for (const variable of dashboard.templating.list)
            expressions.push({ panel: `$${variable.name}`, expr: /label_values\((\w+)/.exec(variable.definition)[1] });
        const used = new Set();
        for (const { panel, expr } of expressions) {
            for (const [name] of expr.matchAll(/\b(?:im|process)_[a-z0-9_]+\b/g)) {
                const family = histograms.find((h) => [`${h}_bucket`, `${h}_sum`, `${h}_count`].includes(name)) ?? name;
                assert.ok(exported.has(family), `${panel}: ${name} is not exported`);
                used.add(family);
            }
        }
        for (const wanted of ['im_http_requests_total', 'im_http_request_duration_seconds', 'im_socketio_connections',
            'im_delivery_send_to_ack_duration_seconds', 'im_db_pool_wait_seconds', 'im_login_attempts_total',
            'process_resident_memory_bytes'])
            assert.ok(used.has(wanted), `the dashboard shows ${wanted}`);

        // PromQL syntax, through promtool: every expression as a recording rule, with Grafana's
        // variables replaced by what Grafana would put there.
        const rules = join(work, 'dashboard-rules.yml');
        const lines = ['groups:', '  - name: dashboard', '    rules:'];
        expressions.forEach(({ expr }, index) => {
            const concrete = expr.replaceAll('$__rate_interval', '1m').replaceAll('$job', '.*').replaceAll('$instance', '.*');
            lines.push(`      - record: dashboard:expr${index}`, `        expr: ${JSON.stringify(concrete)}`);
        });
        writeFileSync(rules, `${lines.join('\n')}\n`);
        const checked = run(promtool, ['check', 'rules', rules]);
        assert.equal(checked.status, 0, `${checked.stdout}${checked.stderr}`);
    });
});
