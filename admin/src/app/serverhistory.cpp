#include "app/serverhistory.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

const QString arrayKey = u"connection/servers"_s;
const QString urlField = u"url"_s;
const QString accountField = u"account"_s;
// Before several servers were remembered, the console kept one URL and account here.
const QString oldUrlKey = u"connection/url"_s;
const QString oldAccountKey = u"connection/account"_s;

} // namespace

QList<ServerHistory::Server> ServerHistory::servers()
{
    QSettings settings;
    QList<Server> servers;
    const int size = settings.beginReadArray(arrayKey);
    for (int i = 0; i < size && servers.size() < maxServers; ++i) {
        settings.setArrayIndex(i);
        const Server server { settings.value(urlField).toString(),
                              settings.value(accountField).toString() };
        if (!server.url.isEmpty())
            servers.append(server);
    }
    settings.endArray();
    // The one server an older console remembered still comes first.
    if (size == 0 && settings.contains(oldUrlKey))
        servers.append(
            { settings.value(oldUrlKey).toString(), settings.value(oldAccountKey).toString() });
    return servers;
}

void ServerHistory::remember(const QString &url, const QString &account)
{
    QList<Server> list = servers();
    list.removeIf([&url](const Server &server) { return server.url == url; });
    list.prepend({ url, account });
    store(list.mid(0, maxServers));
}

void ServerHistory::forget(const QString &url)
{
    QList<Server> list = servers();
    if (list.removeIf([&url](const Server &server) { return server.url == url; }) > 0)
        store(list);
}

void ServerHistory::store(const QList<Server> &servers)
{
    QSettings settings;
    settings.remove(oldUrlKey);
    settings.remove(oldAccountKey);
    // Rewritten whole: a shorter list must not keep the old tail.
    settings.remove(arrayKey);
    settings.beginWriteArray(arrayKey, int(servers.size()));
    for (int i = 0; i < servers.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(urlField, servers.at(i).url);
        settings.setValue(accountField, servers.at(i).account);
    }
    settings.endArray();
}

} // namespace Im::Admin
