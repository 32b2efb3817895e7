<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Im::Admin::AdminApiClient</name>
    <message>
        <source>The server&apos;s answer is too large.</source>
        <translation>服务器的应答过大。</translation>
    </message>
    <message>
        <source>the server did not answer in time</source>
        <translation>服务器未能及时应答</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>无法连接服务器：%1</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1：%2</translation>
    </message>
</context>
<context>
    <name>Im::Admin::AlarmMonitor</name>
    <message>
        <source>The database is down.</source>
        <translation>数据库故障。</translation>
    </message>
    <message>
        <source>Delivery queue growing: %1 → %2 messages waiting in %3 s.</source>
        <translation>投递队列持续增长：%3 秒内等待的消息从 %1 增至 %2。</translation>
    </message>
    <message>
        <source>Database writer falling behind: %1 → %2 messages waiting in %3 s.</source>
        <translation>数据库写入器跟不上：%3 秒内等待的消息从 %1 增至 %2。</translation>
    </message>
</context>
<context>
    <name>Im::Admin::Columns</name>
    <message>
        <source>User ID</source>
        <translation>用户 ID</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输方式</translation>
    </message>
    <message>
        <source>Remote address</source>
        <translation>远程地址</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>连接时间</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最近活动</translation>
    </message>
    <message>
        <source>Pending acks</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Buffered</source>
        <translation>缓冲</translation>
    </message>
    <message>
        <source>Session ID</source>
        <translation>会话 ID</translation>
    </message>
    <message>
        <source>Socket ID</source>
        <translation>套接字 ID</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备数</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>传输中</translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation>已推送</translation>
    </message>
    <message>
        <source>Acked</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Retried</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <source>Lowest cursor</source>
        <translation>最低游标</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对方</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>群组</translation>
    </message>
    <message>
        <source>Last ack</source>
        <translation>最后确认</translation>
    </message>
    <message>
        <source>Newest ID</source>
        <translation>最新 ID</translation>
    </message>
    <message>
        <source>Ack lag</source>
        <translation>确认滞后</translation>
    </message>
    <message>
        <source>Last read seq</source>
        <translation>最后已读序号</translation>
    </message>
    <message>
        <source>Newest seq</source>
        <translation>最新序号</translation>
    </message>
    <message>
        <source>Read lag</source>
        <translation>已读滞后</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation>游标</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
</context>
<context>
    <name>Im::Admin::ConnectDialog</name>
    <message>
        <source>Connect to a server</source>
        <translation>连接到服务器</translation>
    </message>
    <message>
        <source>&amp;Server URL:</source>
        <translation>服务器地址(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>账号(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>忘记(&amp;F)</translation>
    </message>
    <message>
        <source>Remove this server from the list of remembered servers</source>
        <translation>从记住的服务器列表中删除此服务器</translation>
    </message>
</context>
<context>
    <name>Im::Admin::ConsoleSession</name>
    <message>
        <source>The live feed was lost: %1</source>
        <translation>实时推送已中断：%1</translation>
    </message>
    <message>
        <source>The live feed was refused: %1</source>
        <translation>实时推送被拒绝：%1</translation>
    </message>
    <message>
        <source>The live feed was refused (%1); polling the server instead.</source>
        <translation>实时推送被拒绝（%1），改为轮询服务器。</translation>
    </message>
    <message>
        <source>Login failed: wrong account or password.</source>
        <translation>登录失败：账号或密码错误。</translation>
    </message>
    <message>
        <source>Login failed: the server&apos;s answer has no session token.</source>
        <translation>登录失败：服务器的应答中没有会话令牌。</translation>
    </message>
    <message>
        <source>This account is not an administrator: it lacks the adminConsole permission.</source>
        <translation>此账号不是管理员：缺少 adminConsole 权限。</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s: %2</source>
        <translation>%1 秒后重新连接：%2</translation>
    </message>
    <message>
        <source>Connection lost: %1</source>
        <translation>连接已断开：%1</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>未连接到服务器。</translation>
    </message>
    <message>
        <source>The action failed: %1</source>
        <translation>操作失败：%1</translation>
    </message>
    <message>
        <source>Session %1 disconnected.</source>
        <translation>会话 %1 已断开。</translation>
    </message>
    <message numerus="yes">
        <source>User %1 disconnected: %n session(s) closed.</source>
        <translation>
            <numerusform>用户 %1 已断开：关闭了 %n 个会话。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>User %1 logged out everywhere: %n session(s) closed.</source>
        <translation>
            <numerusform>用户 %1 已在所有设备上登出：关闭了 %n 个会话。</numerusform>
        </translation>
    </message>
    <message>
        <source>No user %1.</source>
        <translation>没有用户 %1。</translation>
    </message>
</context>
<context>
    <name>Im::Admin::CursorsView</name>
    <message>
        <source>Cursors of a user</source>
        <translation>用户的游标</translation>
    </message>
    <message>
        <source>Devices with the most unacknowledged messages</source>
        <translation>未确认消息最多的设备</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;User ID or account:</source>
        <translation>用户 ID 或账号(&amp;U)：</translation>
    </message>
    <message>
        <source>e.g. 42 or 13800000000</source>
        <translation>例如 42 或 13800000000</translation>
    </message>
    <message>
        <source>Loading the cursors of %1…</source>
        <translation>正在加载 %1 的游标…</translation>
    </message>
    <message>
        <source>User %1, account %2, as of %3</source>
        <translation>用户 %1，账号 %2，截至 %3</translation>
    </message>
    <message>
        <source>Enter a user ID or an account, or double-click a lagging device.</source>
        <translation>输入用户 ID 或账号，或双击一个滞后的设备。</translation>
    </message>
</context>
<context>
    <name>Im::Admin::Fields</name>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <source>Started at</source>
        <translation>启动时间</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>驱动</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>Polling</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>Users online</source>
        <translation>在线用户</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>已存储</translation>
    </message>
    <message>
        <source>Write batches</source>
        <translation>写入批次</translation>
    </message>
    <message>
        <source>Failed batches</source>
        <translation>失败批次</translation>
    </message>
    <message>
        <source>Notifications pushed</source>
        <translation>已推送通知</translation>
    </message>
    <message>
        <source>Notifications acknowledged</source>
        <translation>已确认通知</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>投递</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>传输中</translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation>已推送</translation>
    </message>
    <message>
        <source>Acked</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Retried</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Delivery queues</source>
        <translation>投递队列</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <source>Database writer</source>
        <translation>数据库写入器</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>In batch</source>
        <translation>批次中</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Last batch size</source>
        <translation>最近批次大小</translation>
    </message>
    <message>
        <source>Largest batch</source>
        <translation>最大批次</translation>
    </message>
    <message>
        <source>Last commit</source>
        <translation>最近提交耗时</translation>
    </message>
</context>
<context>
    <name>Im::Admin::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>Im::Admin::LimitsDialog</name>
    <message>
        <source>Limits of the live figures</source>
        <translation>实时指标的阈值</translation>
    </message>
    <message>
        <source>Amber from</source>
        <translation>黄色起始值</translation>
    </message>
    <message>
        <source>Red from</source>
        <translation>红色起始值</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Im::Admin::LiveFigure</name>
    <message>
        <source>Amber from %1, red from %2 (0: off)</source>
        <translation>%1 起为黄色，%2 起为红色（0：关闭）</translation>
    </message>
</context>
<context>
    <name>Im::Admin::LiveFigures</name>
    <message>
        <source>/s</source>
        <translation>/秒</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Pushes</source>
        <translation>推送</translation>
    </message>
    <message>
        <source>Send→ack p50</source>
        <translation>发送→确认 p50</translation>
    </message>
    <message>
        <source>Send→ack p99</source>
        <translation>发送→确认 p99</translation>
    </message>
    <message>
        <source>Send→push p50</source>
        <translation>发送→推送 p50</translation>
    </message>
    <message>
        <source>Send→push p99</source>
        <translation>发送→推送 p99</translation>
    </message>
    <message>
        <source>Ack timeouts</source>
        <translation>确认超时</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>Im::Admin::LiveFiguresView</name>
    <message>
        <source>Limits…</source>
        <translation>阈值…</translation>
    </message>
    <message>
        <source>When the figures turn amber or red, for this server</source>
        <translation>设置此服务器的指标何时变为黄色或红色</translation>
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
        <translation>未连接到服务器。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Cursors</source>
        <translation>游标</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>连接(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Connecting to %1 as %2…</source>
        <translation>正在以 %2 身份连接到 %1…</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>已以 %2 身份连接到 %1</translation>
    </message>
    <message>
        <source>Reconnecting to %1…</source>
        <translation>正在重新连接到 %1…</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>&amp;New Window…</source>
        <translation>新建窗口(&amp;N)…</translation>
    </message>
    <message>
        <source>Open another window, to watch another server side by side</source>
        <translation>打开另一个窗口，并排监视另一台服务器</translation>
    </message>
    <message>
        <source>%1 — im-admin %2</source>
        <translation>%1 — im-admin %2</translation>
    </message>
    <message>
        <source>Clos&amp;e Window</source>
        <translation>关闭窗口(&amp;E)</translation>
    </message>
    <message>
        <source>The server restarted at %1; its counters began again.</source>
        <translation>服务器已于 %1 重启，计数器已重新开始。</translation>
    </message>
    <message>
        <source>Stuck deliveries</source>
        <translation>投递积压</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <source>Account or user ID; Enter: its cursors</source>
        <translation>账号或用户 ID；回车：查看其游标</translation>
    </message>
    <message>
        <source>Stop &amp;Reconnecting</source>
        <translation>停止重新连接(&amp;R)</translation>
    </message>
    <message>
        <source>Disconnected — data as of %1.</source>
        <translation>已断开 — 数据截至 %1。</translation>
    </message>
    <message>
        <source>Disconnected — data as of %1. Reconnecting…</source>
        <translation>已断开 — 数据截至 %1。正在重新连接…</translation>
    </message>
</context>
<context>
    <name>Im::Admin::OverviewView</name>
    <message>
        <source>Charts of the last:</source>
        <translation>图表时间范围：</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Im::Admin::RateChart</name>
    <message>
        <source>Messages per second</source>
        <translation>每秒消息数</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>已存储</translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation>已推送</translation>
    </message>
    <message>
        <source>Acked</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>队列深度</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>传输中</translation>
    </message>
    <message>
        <source>Waiting to be stored</source>
        <translation>等待存储</translation>
    </message>
    <message>
        <source>messages/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>%1 %2: %3 %4</source>
        <translation>%1 %2：%3 %4</translation>
    </message>
    <message>
        <source>Server restart</source>
        <translation>服务器重启</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>Im::Admin::RowActions</name>
    <message>
        <source>Show cursors</source>
        <translation>显示游标</translation>
    </message>
    <message>
        <source>Disconnect session</source>
        <translation>断开会话</translation>
    </message>
    <message>
        <source>Disconnect user</source>
        <translation>断开用户</translation>
    </message>
    <message>
        <source>account %1 (user %2)</source>
        <translation>账号 %1（用户 %2）</translation>
    </message>
    <message>
        <source>%1, device %2</source>
        <translation>%1，设备 %2</translation>
    </message>
    <message>
        <source>Disconnect every session of %1? Its devices may connect again at once.</source>
        <translation>断开 %1 的所有会话？其设备可能会立即重新连接。</translation>
    </message>
    <message>
        <source>Revoke sessions</source>
        <translation>吊销会话</translation>
    </message>
    <message>
        <source>Revoke every session of %1? Its devices are disconnected and must log in again.</source>
        <translation>吊销 %1 的所有会话？其设备将被断开，必须重新登录。</translation>
    </message>
</context>
<context>
    <name>Im::Admin::SessionsView</name>
    <message>
        <source>Disconnect session</source>
        <translation>断开会话</translation>
    </message>
    <message>
        <source>Disconnect the session of account %1 on device %2? The device may connect again at once; Revoke sessions makes its user log in again.</source>
        <translation>断开账号 %1 在设备 %2 上的会话？该设备可能会立即重新连接；“吊销会话”会让该用户必须重新登录。</translation>
    </message>
    <message>
        <source>Chat devices only: this console&apos;s own connection (the /admin live feed) is not listed, though the overview&apos;s Sessions figure counts it.</source>
        <translation>仅列出聊天设备：本控制台自身的连接（/admin 实时推送）不在列表中，但概览中的“会话”数包含它。</translation>
    </message>
</context>
<context>
    <name>Im::Admin::StartupOptions</name>
    <message>
        <source>Watches and acts on a running im-server.</source>
        <translation>监视并管理正在运行的 im-server。</translation>
    </message>
    <message>
        <source>Connect to &lt;url&gt; at start.</source>
        <translation>启动时连接到 &lt;url&gt;。</translation>
    </message>
    <message>
        <source>Log in as &lt;account&gt;.</source>
        <translation>以 &lt;account&gt; 登录。</translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation>从标准输入的第一行读取密码。</translation>
    </message>
    <message>
        <source>Use &lt;language&gt;: en or zh_CN.</source>
        <translation>使用 &lt;language&gt;：en 或 zh_CN。</translation>
    </message>
    <message>
        <source>Open on &lt;view&gt;: overview, sessions, queues, board or cursors.</source>
        <translation>启动时打开 &lt;view&gt;：overview、sessions、queues、board 或 cursors。</translation>
    </message>
</context>
<context>
    <name>Im::Admin::StuckBoardView</name>
    <message>
        <source>Devices with messages waiting for their acknowledgement, the longest wait first. Double-click one for its user&apos;s cursors.</source>
        <translation>有消息等待确认的设备，等待最久的排在最前。双击一行可查看其用户的游标。</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) with messages waiting, as of %1.</source>
        <translation>
            <numerusform>%n 个设备有消息等待，截至 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the %1 longest waits are listed.</source>
        <translation>仅列出等待最久的 %1 个。</translation>
    </message>
</context>
<context>
    <name>Im::Admin::TablePanel</name>
    <message>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>复制行</translation>
    </message>
    <message>
        <source>Copy the selected row to the clipboard as tab-separated text</source>
        <translation>将选中的行以制表符分隔的文本复制到剪贴板</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s) shown</source>
        <translation>
            <numerusform>显示 %n 行中的 %1 行</numerusform>
        </translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export the shown rows</source>
        <translation>导出显示的行</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the shown rows as CSV or JSON</source>
        <translation>将显示的行保存为 CSV 或 JSON</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Show every field of the selected row beside the table</source>
        <translation>在表格旁显示选中行的所有字段</translation>
    </message>
</context>
<context>
    <name>Im::Admin::ValueFormat</name>
    <message>
        <source>up</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>down</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>polling</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>single</source>
        <translation>单聊</translation>
    </message>
    <message>
        <source>group</source>
        <translation>群聊</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>Im::SocketIo::WebSocketClient</name>
    <message>
        <source>the server stopped answering</source>
        <translation>服务器已停止响应</translation>
    </message>
    <message>
        <source>the server did not accept the connection in time</source>
        <translation>服务器未能及时接受连接</translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <source>the server sent an invalid packet</source>
        <translation>服务器发送了无效的数据包</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>the server sent an unexpected handshake</source>
        <translation>服务器发送了意外的握手</translation>
    </message>
    <message>
        <source>the server sent an invalid packet: %1</source>
        <translation>服务器发送了无效的数据包：%1</translation>
    </message>
    <message>
        <source>the server disconnected the socket</source>
        <translation>服务器断开了该套接字</translation>
    </message>
</context>
</TS>
