<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Im::Admin::AdminApiClient</name>
    <message>
        <source>The server&apos;s answer is too large.</source>
        <translation>The server&apos;s answer is too large.</translation>
    </message>
    <message>
        <source>the server did not answer in time</source>
        <translation>the server did not answer in time</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Cannot reach the server: %1</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
</context>
<context>
    <name>Im::Admin::AlarmMonitor</name>
    <message>
        <source>The database is down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery queue growing: %1 → %2 messages waiting in %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database writer falling behind: %1 → %2 messages waiting in %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::Columns</name>
    <message>
        <source>User ID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>Remote address</source>
        <translation>Remote address</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>Connected since</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Last activity</translation>
    </message>
    <message>
        <source>Pending acks</source>
        <translation>Pending acks</translation>
    </message>
    <message>
        <source>Buffered</source>
        <translation>Buffered</translation>
    </message>
    <message>
        <source>Session ID</source>
        <translation>Session ID</translation>
    </message>
    <message>
        <source>Socket ID</source>
        <translation>Socket ID</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>In flight</translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation>Pushed</translation>
    </message>
    <message>
        <source>Acked</source>
        <translation>Acked</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Timed out</translation>
    </message>
    <message>
        <source>Retried</source>
        <translation>Retried</translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation>Oldest waiting</translation>
    </message>
    <message>
        <source>Lowest cursor</source>
        <translation>Lowest cursor</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Peer</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Last ack</source>
        <translation>Last ack</translation>
    </message>
    <message>
        <source>Newest ID</source>
        <translation>Newest ID</translation>
    </message>
    <message>
        <source>Ack lag</source>
        <translation>Ack lag</translation>
    </message>
    <message>
        <source>Last read seq</source>
        <translation>Last read seq</translation>
    </message>
    <message>
        <source>Newest seq</source>
        <translation>Newest seq</translation>
    </message>
    <message>
        <source>Read lag</source>
        <translation>Read lag</translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished">Waiting</translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::ConnectDialog</name>
    <message>
        <source>Connect to a server</source>
        <translation>Connect to a server</translation>
    </message>
    <message>
        <source>&amp;Server URL:</source>
        <translation>&amp;Server URL:</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Forget</translation>
    </message>
    <message>
        <source>Remove this server from the list of remembered servers</source>
        <translation>Remove this server from the list of remembered servers</translation>
    </message>
</context>
<context>
    <name>Im::Admin::ConsoleSession</name>
    <message>
        <source>The live feed was lost: %1</source>
        <translation>The live feed was lost: %1</translation>
    </message>
    <message>
        <source>The live feed was refused: %1</source>
        <translation>The live feed was refused: %1</translation>
    </message>
    <message>
        <source>The live feed was refused (%1); polling the server instead.</source>
        <translation>The live feed was refused (%1); polling the server instead.</translation>
    </message>
    <message>
        <source>Login failed: wrong account or password.</source>
        <translation>Login failed: wrong account or password.</translation>
    </message>
    <message>
        <source>Login failed: the server&apos;s answer has no session token.</source>
        <translation>Login failed: the server&apos;s answer has no session token.</translation>
    </message>
    <message>
        <source>This account is not an administrator: it lacks the adminConsole permission.</source>
        <translation>This account is not an administrator: it lacks the adminConsole permission.</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s: %2</source>
        <translation>Reconnecting in %1 s: %2</translation>
    </message>
    <message>
        <source>Connection lost: %1</source>
        <translation>Connection lost: %1</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>Not connected to a server.</translation>
    </message>
    <message>
        <source>The action failed: %1</source>
        <translation>The action failed: %1</translation>
    </message>
    <message>
        <source>Session %1 disconnected.</source>
        <translation>Session %1 disconnected.</translation>
    </message>
    <message numerus="yes">
        <source>User %1 disconnected: %n session(s) closed.</source>
        <translation>
            <numerusform>User %1 disconnected: %n session closed.</numerusform>
            <numerusform>User %1 disconnected: %n sessions closed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>User %1 logged out everywhere: %n session(s) closed.</source>
        <translation>
            <numerusform>User %1 logged out everywhere: %n session closed.</numerusform>
            <numerusform>User %1 logged out everywhere: %n sessions closed.</numerusform>
        </translation>
    </message>
    <message>
        <source>No user %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::CursorsView</name>
    <message>
        <source>Cursors of a user</source>
        <translation>Cursors of a user</translation>
    </message>
    <message>
        <source>Devices with the most unacknowledged messages</source>
        <translation>Devices with the most unacknowledged messages</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <source>&amp;User ID or account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 42 or 13800000000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the cursors of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1, account %2, as of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a user ID or an account, or double-click a lagging device.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::Fields</name>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Uptime</translation>
    </message>
    <message>
        <source>Started at</source>
        <translation>Started at</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Driver</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latency</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Connections</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>Polling</source>
        <translation>Polling</translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation>Sockets</translation>
    </message>
    <message>
        <source>Users online</source>
        <translation>Users online</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>Stored</translation>
    </message>
    <message>
        <source>Write batches</source>
        <translation>Write batches</translation>
    </message>
    <message>
        <source>Failed batches</source>
        <translation>Failed batches</translation>
    </message>
    <message>
        <source>Notifications pushed</source>
        <translation>Notifications pushed</translation>
    </message>
    <message>
        <source>Notifications acknowledged</source>
        <translation>Notifications acknowledged</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>In flight</translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation>Pushed</translation>
    </message>
    <message>
        <source>Acked</source>
        <translation>Acked</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Timed out</translation>
    </message>
    <message>
        <source>Retried</source>
        <translation>Retried</translation>
    </message>
    <message>
        <source>Delivery queues</source>
        <translation>Delivery queues</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation>Oldest waiting</translation>
    </message>
    <message>
        <source>Database writer</source>
        <translation>Database writer</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>In batch</source>
        <translation>In batch</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>Batches</translation>
    </message>
    <message>
        <source>Last batch size</source>
        <translation>Last batch size</translation>
    </message>
    <message>
        <source>Largest batch</source>
        <translation>Largest batch</translation>
    </message>
    <message>
        <source>Last commit</source>
        <translation>Last commit</translation>
    </message>
</context>
<context>
    <name>Im::Admin::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>Im::Admin::LimitsDialog</name>
    <message>
        <source>Limits of the live figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amber from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::LiveFigure</name>
    <message>
        <source>Amber from %1, red from %2 (0: off)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::LiveFigures</name>
    <message>
        <source>/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished">Messages</translation>
    </message>
    <message>
        <source>Pushes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send→ack p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send→ack p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send→push p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send→push p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ack timeouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::LiveFiguresView</name>
    <message>
        <source>Limits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the figures turn amber or red, for this server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::MainWindow</name>
    <message>
        <source>im-admin %1</source>
        <translation>im-admin %1</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>Not connected to a server.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Queues</translation>
    </message>
    <message>
        <source>Cursors</source>
        <translation>Cursors</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Connect…</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Disconnect</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Connecting to %1 as %2…</source>
        <translation>Connecting to %1 as %2…</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>Connected to %1 as %2</translation>
    </message>
    <message>
        <source>Reconnecting to %1…</source>
        <translation>Reconnecting to %1…</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>&amp;New Window…</source>
        <translation>&amp;New Window…</translation>
    </message>
    <message>
        <source>Open another window, to watch another server side by side</source>
        <translation>Open another window, to watch another server side by side</translation>
    </message>
    <message>
        <source>%1 — im-admin %2</source>
        <translation>%1 — im-admin %2</translation>
    </message>
    <message>
        <source>Clos&amp;e Window</source>
        <translation>Clos&amp;e Window</translation>
    </message>
    <message>
        <source>The server restarted at %1; its counters began again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stuck deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account or user ID; Enter: its cursors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop &amp;Reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected — data as of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected — data as of %1. Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::OverviewView</name>
    <message>
        <source>Charts of the last:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Im::Admin::RateChart</name>
    <message>
        <source>Messages per second</source>
        <translation>Messages per second</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>Stored</translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation>Pushed</translation>
    </message>
    <message>
        <source>Acked</source>
        <translation>Acked</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>Queue depth</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>In flight</translation>
    </message>
    <message>
        <source>Waiting to be stored</source>
        <translation>Waiting to be stored</translation>
    </message>
    <message>
        <source>messages/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: %3 %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::RowActions</name>
    <message>
        <source>Show cursors</source>
        <translation>Show cursors</translation>
    </message>
    <message>
        <source>Disconnect session</source>
        <translation>Disconnect session</translation>
    </message>
    <message>
        <source>Disconnect user</source>
        <translation>Disconnect user</translation>
    </message>
    <message>
        <source>account %1 (user %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, device %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect every session of %1? Its devices may connect again at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke every session of %1? Its devices are disconnected and must log in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::SessionsView</name>
    <message>
        <source>Disconnect session</source>
        <translation>Disconnect session</translation>
    </message>
    <message>
        <source>Disconnect the session of account %1 on device %2? The device may connect again at once; Revoke sessions makes its user log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat devices only: this console&apos;s own connection (the /admin live feed) is not listed, though the overview&apos;s Sessions figure counts it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::StartupOptions</name>
    <message>
        <source>Watches and acts on a running im-server.</source>
        <translation>Watches and acts on a running im-server.</translation>
    </message>
    <message>
        <source>Connect to &lt;url&gt; at start.</source>
        <translation>Connect to &lt;url&gt; at start.</translation>
    </message>
    <message>
        <source>Log in as &lt;account&gt;.</source>
        <translation>Log in as &lt;account&gt;.</translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation>Read the password from the first line of standard input.</translation>
    </message>
    <message>
        <source>Use &lt;language&gt;: en or zh_CN.</source>
        <translation>Use &lt;language&gt;: en or zh_CN.</translation>
    </message>
    <message>
        <source>Open on &lt;view&gt;: overview, sessions, queues, board or cursors.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::StuckBoardView</name>
    <message>
        <source>Devices with messages waiting for their acknowledgement, the longest wait first. Double-click one for its user&apos;s cursors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) with messages waiting, as of %1.</source>
        <translation>
            <numerusform>%n device with messages waiting, as of %1.</numerusform>
            <numerusform>%n devices with messages waiting, as of %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the %1 longest waits are listed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::TablePanel</name>
    <message>
        <source>Filter…</source>
        <translation>Filter…</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>Copy row</translation>
    </message>
    <message>
        <source>Copy the selected row to the clipboard as tab-separated text</source>
        <translation>Copy the selected row to the clipboard as tab-separated text</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s) shown</source>
        <translation>
            <numerusform>%1 of %n row shown</numerusform>
            <numerusform>%1 of %n rows shown</numerusform>
        </translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the shown rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the shown rows as CSV or JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every field of the selected row beside the table</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::Admin::ValueFormat</name>
    <message>
        <source>up</source>
        <translation>up</translation>
    </message>
    <message>
        <source>down</source>
        <translation>down</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>polling</source>
        <translation>polling</translation>
    </message>
    <message>
        <source>single</source>
        <translation>single</translation>
    </message>
    <message>
        <source>group</source>
        <translation>group</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Im::SocketIo::WebSocketClient</name>
    <message>
        <source>the server stopped answering</source>
        <translation>the server stopped answering</translation>
    </message>
    <message>
        <source>the server did not accept the connection in time</source>
        <translation>the server did not accept the connection in time</translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation>the connection was closed</translation>
    </message>
    <message>
        <source>the server sent an invalid packet</source>
        <translation>the server sent an invalid packet</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>the server closed the connection</translation>
    </message>
    <message>
        <source>the server sent an unexpected handshake</source>
        <translation>the server sent an unexpected handshake</translation>
    </message>
    <message>
        <source>the server sent an invalid packet: %1</source>
        <translation>the server sent an invalid packet: %1</translation>
    </message>
    <message>
        <source>the server disconnected the socket</source>
        <translation>the server disconnected the socket</translation>
    </message>
</context>
</TS>
