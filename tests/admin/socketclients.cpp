#include "socketclients.h"

#include <QDir>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace Im::Test {

SocketClients::~SocketClients()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.write(R"({"cmd":"exit"})"
                    "\n");
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool SocketClients::start(const QUrl &server)
{
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    const QDir interop(QStringLiteral(IM_INTEROP_DIR));
    if (node.isEmpty() || !interop.exists(u"node_modules"_s)) {
        qWarning("node or tests/interop/node_modules is missing (npm ci --prefix tests/interop)");
        return false;
    }
    m_process.setWorkingDirectory(interop.path());
    // Node's own warnings stay on the test's stderr; stdout carries the answers only.
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                     [this] { readLines(); });
    m_process.start(node,
                    { QStringLiteral(IM_SOCKET_CLIENTS_SCRIPT), server.toString(QUrl::None) });
    return m_process.waitForStarted(10000);
}

void SocketClients::readLines()
{
    m_buffer += m_process.readAllStandardOutput();
    qsizetype end = 0;
    while ((end = m_buffer.indexOf('\n')) >= 0) {
        const QJsonObject line = QJsonDocument::fromJson(m_buffer.left(end)).object();
        m_buffer.remove(0, end + 1);
        if (line.contains(u"tag"_s))
            m_answers.append(line);
        else
            m_events.append(line);
    }
}

std::optional<QJsonObject> SocketClients::call(QJsonObject command, int timeoutMs)
{
    const int tag = m_nextTag++;
    command.insert(u"tag"_s, tag);
    m_process.write(QJsonDocument(command).toJson(QJsonDocument::Compact) + '\n');
    std::optional<QJsonObject> answer;
    const auto arrived = [&] {
        for (qsizetype i = 0; i < m_answers.size(); ++i) {
            if (m_answers.at(i).value(u"tag"_s).toInt() == tag) {
                answer = m_answers.takeAt(i);
                return true;
            }
        }
        return false;
    };
    if (!QTest::qWaitFor(arrived, timeoutMs)) {
        qWarning("socketclients: no answer to %s", QJsonDocument(command).toJson().constData());
        return std::nullopt;
    }
    if (answer->contains(u"error"_s)) {
        qWarning("socketclients: %s failed: %s", qPrintable(command.value(u"cmd"_s).toString()),
                 qPrintable(answer->value(u"error"_s).toString()));
        return std::nullopt;
    }
    return answer;
}

std::optional<SocketClients::User> SocketClients::registerUser()
{
    const auto answer = call({ { u"cmd"_s, u"register"_s } });
    if (!answer)
        return std::nullopt;
    return User { answer->value(u"id"_s).toInt(), answer->value(u"account"_s).toString(),
                  answer->value(u"token"_s).toString() };
}

bool SocketClients::befriend(const User &a, const User &b)
{
    const auto user = [](const User &each) {
        return QJsonObject { { u"id"_s, each.id }, { u"token"_s, each.token } };
    };
    return call({ { u"cmd"_s, u"befriend"_s }, { u"a"_s, user(a) }, { u"b"_s, user(b) } })
        .has_value();
}

std::pair<std::optional<SocketClients::User>, std::optional<SocketClients::User>>
SocketClients::registerFriends()
{
    const auto a = registerUser();
    const auto b = registerUser();
    if (!a || !b || !befriend(*a, *b))
        return {};
    return { a, b };
}

std::optional<SocketClients::Device>
SocketClients::connectDevice(const User &user, const QString &deviceId, bool neverAcks)
{
    const auto answer = call({ { u"cmd"_s, u"connect"_s },
                               { u"userId"_s, user.id },
                               { u"token"_s, user.token },
                               { u"deviceId"_s, deviceId },
                               { u"neverAck"_s, neverAcks } });
    if (!answer)
        return std::nullopt;
    return Device { answer->value(u"ref"_s).toInt(), answer->value(u"socketId"_s).toString() };
}

std::optional<int> SocketClients::burst(const Device &from, int to, int count)
{
    const auto answer = call({ { u"cmd"_s, u"burst"_s },
                               { u"ref"_s, from.ref },
                               { u"to"_s, to },
                               { u"count"_s, count } },
                             60000);
    if (!answer)
        return std::nullopt;
    return answer->value(u"ok"_s).toInt();
}

std::optional<QJsonObject> SocketClients::sendText(const Device &from, int to,
                                                   const QString &content)
{
    const auto answer = call({ { u"cmd"_s, u"send"_s },
                               { u"ref"_s, from.ref },
                               { u"to"_s, to },
                               { u"content"_s, content } });
    if (!answer)
        return std::nullopt;
    return answer->value(u"ack"_s).toObject();
}

bool SocketClients::close(const Device &device)
{
    return call({ { u"cmd"_s, u"close"_s }, { u"ref"_s, device.ref } }).has_value();
}

std::optional<QString> SocketClients::waitForServerDisconnect(const Device &device, int timeoutMs)
{
    std::optional<QString> reason;
    const auto disconnected = [&] {
        for (qsizetype i = 0; i < m_events.size(); ++i) {
            const QJsonObject &event = m_events.at(i);
            if (event.value(u"event"_s).toString() == "disconnect"_L1
                && event.value(u"ref"_s).toInt() == device.ref) {
                reason = m_events.takeAt(i).value(u"reason"_s).toString();
                return true;
            }
        }
        return false;
    };
    if (!QTest::qWaitFor(disconnected, timeoutMs))
        return std::nullopt;
    return reason;
}

} // namespace Im::Test
