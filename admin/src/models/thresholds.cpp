#include "models/thresholds.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

QString groupOf(const QString &server)
{
    // QSettings treats '/' as a separator and ':' badly in some formats: keep the key plain.
    QString key = server;
    key.replace(u':', u'_').replace(u'/', u'_');
    return u"limits/"_s + (key.isEmpty() ? u"default"_s : key);
}

} // namespace

QHash<QString, Limits> ThresholdStore::defaults()
{
    return {
        { u"sendToAckP50Ms"_s, { 200, 1000 } }, { u"sendToAckP99Ms"_s, { 1000, 5000 } },
        { u"sendToPushP50Ms"_s, { 100, 500 } }, { u"sendToPushP99Ms"_s, { 500, 2000 } },
        { u"timeoutsPerSecond"_s, { 0.1, 5 } }, { u"errorsPerSecond"_s, { 0.1, 1 } },
    };
}

QHash<QString, Limits> ThresholdStore::load(const QString &server)
{
    QHash<QString, Limits> limits = defaults();
    QSettings settings;
    settings.beginGroup(groupOf(server));
    for (const QString &field : settings.childGroups()) {
        limits.insert(field,
                      Limits { settings.value(field + u"/amber"_s).toDouble(),
                               settings.value(field + u"/red"_s).toDouble() });
    }
    return limits;
}

void ThresholdStore::save(const QString &server, const QString &field, const Limits &limits)
{
    QSettings settings;
    settings.beginGroup(groupOf(server));
    settings.setValue(field + u"/amber"_s, limits.amber);
    settings.setValue(field + u"/red"_s, limits.red);
}

} // namespace Im::Admin
