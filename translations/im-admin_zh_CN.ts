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
        <source>&amp;User ID:</source>
        <translation>用户 ID(&amp;U)：</translation>
    </message>
    <message>
        <source>e.g. 42</source>
        <translation>例如 42</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>Loading the cursors of user %1…</source>
        <translation>正在加载用户 %1 的游标…</translation>
    </message>
    <message>
        <source>User %1: %2 (%3)</source>
        <translation>用户 %1：%2（%3）</translation>
    </message>
    <message>
        <source>Enter a user ID, or double-click a lagging device.</source>
        <translation>请输入用户 ID，或双击一个滞后的设备。</translation>
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
        <source>Disconnect every session of user %1 (%2)?</source>
        <translation>断开用户 %1（%2）的所有会话？</translation>
    </message>
</context>
<context>
    <name>Im::Admin::SessionsView</name>
    <message>
        <source>Disconnect the session of %1 on device %2?</source>
        <translation>断开 %1 在设备 %2 上的会话？</translation>
    </message>
    <message>
        <source>Disconnect session</source>
        <translation>断开会话</translation>
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
        <source>Open on &lt;view&gt;: overview, sessions, queues or cursors.</source>
        <translation>启动时打开 &lt;view&gt;：overview、sessions、queues 或 cursors。</translation>
    </message>
    <message>
        <source>Use &lt;language&gt;: en or zh_CN.</source>
        <translation>使用 &lt;language&gt;：en 或 zh_CN。</translation>
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
