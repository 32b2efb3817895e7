#!/usr/bin/env node
// The echo-server contract of im-socketio-echo (tests/socketio/echoserver), implemented with the
// reference server (npm `socket.io` / `engine.io`). It exists to validate the interop tests: they
// must pass against this server before they can judge ours. Not used by ctest.
//
//   node reference-echo.mjs [--port 3000] [--path /socket.io/] [--ping-interval 25000]
//        [--ping-timeout 20000] [--max-payload 1000000] [--connect-timeout 45000] [--engine-only]
//
// Prints `listening on http://127.0.0.1:<port>` when ready; exits 0 on SIGTERM / SIGINT.

import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { attach as attachEngine } from 'engine.io';
import { Server as SocketIoServer } from 'socket.io';

const { values } = parseArgs({
    options: {
        port: { type: 'string', default: '3000' },
        path: { type: 'string' },
        'ping-interval': { type: 'string', default: '25000' },
        'ping-timeout': { type: 'string', default: '20000' },
        'max-payload': { type: 'string', default: '1000000' },
        'connect-timeout': { type: 'string', default: '45000' },
        'engine-only': { type: 'boolean', default: false },
    },
});

const engineOnly = values['engine-only'];
const common = {
    path: values.path ?? (engineOnly ? '/engine.io/' : '/socket.io/'),
    pingInterval: Number(values['ping-interval']),
    pingTimeout: Number(values['ping-timeout']),
    maxHttpBufferSize: Number(values['max-payload']),
    cors: { origin: true }, // reflect any Origin, reflect the requested headers
};

const httpServer = createServer();

if (engineOnly) {
    const engine = attachEngine(httpServer, common);
    engine.on('connection', (socket) => {
        // Text comes back as text, binary (a Buffer) as binary.
        socket.on('message', (data) => socket.send(data));
    });
} else {
    const io = new SocketIoServer(httpServer, {
        ...common,
        connectTimeout: Number(values['connect-timeout']),
    });

    const echoHandlers = (socket) => {
        socket.on('message', (...args) => socket.emit('message-back', ...args));
        socket.on('message-with-ack', (...args) => {
            const ack = args.pop();
            if (typeof ack === 'function')
                ack(...args);
        });
        socket.on('request-server-ack', (eventName, timeoutMs) => {
            socket.timeout(Number(timeoutMs)).emit(eventName, 'ping', (err, ...ackArgs) => {
                if (!socket.connected)
                    return;
                socket.emit('server-ack-result', err ? 'timeout' : 'acknowledged', ...ackArgs);
            });
        });
    };

    for (const name of ['/', '/custom']) {
        io.of(name).on('connection', (socket) => {
            socket.emit('auth', socket.handshake.auth);
            echoHandlers(socket);
        });
    }

    const authNsp = io.of('/auth');
    authNsp.use((socket, next) => {
        const { authorization, userid } = socket.handshake.headers;
        if (authorization === 'good-token' && userid)
            next();
        else
            next(new Error('Authentication error'));
    });
    authNsp.on('connection', (socket) => {
        socket.emit('whoami', socket.handshake.headers.userid);
        echoHandlers(socket);
    });
}

httpServer.listen(Number(values.port), '127.0.0.1', () => {
    process.stdout.write(`listening on http://127.0.0.1:${httpServer.address().port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => process.exit(0));
}
