#include "models/tabledefinition.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Im::Admin {

QString Column::translatedTitle() const
{
    return QCoreApplication::translate("Im::Admin::Columns", title);
}

const Column *TableDefinition::columnFor(const QString &field) const
{
    for (const Column &column : columns) {
        if (column.field == field)
            return &column;
    }
    return nullptr;
}

int TableDefinition::columnIndex(const QString &field) const
{
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (columns.at(i).field == field)
            return int(i);
    }
    return -1;
}

namespace Tables {

TableDefinition sessions()
{
    using F = ValueFormat;
    return {
        {
            { u"userId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "User ID"), F::Id },
            { u"account"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Account"), F::Text },
            { u"deviceId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Device"), F::Text },
            { u"transport"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Transport"), F::Keyword },
            { u"remoteAddress"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Remote address"),
              F::Text },
            { u"connectedSince"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Connected since"),
              F::DateTime },
            { u"lastActivity"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Last activity"),
              F::DateTime },
            { u"pendingAcks"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Pending acks"), F::Count },
            { u"bufferedBytes"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Buffered"), F::Bytes },
            { u"sid"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Session ID"), F::Text, true },
            { u"socketId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Socket ID"), F::Text, true },
        },
        { u"socketId"_s },
    };
}

TableDefinition queueUsers()
{
    using F = ValueFormat;
    return {
        {
            { u"userId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "User ID"), F::Id },
            { u"account"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Account"), F::Text },
            { u"devices"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Devices"), F::Count },
            { u"queued"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Queued"), F::Count },
            { u"inFlight"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "In flight"), F::Count },
            { u"pushed"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Pushed"), F::Count },
            { u"acked"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Acked"), F::Count },
            { u"failed"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Failed"), F::Count },
            { u"timedOut"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Timed out"), F::Count },
            { u"retried"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Retried"), F::Count, true },
            { u"oldestWaitingMs"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Oldest waiting"),
              F::DurationMs },
            { u"minCursor"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Lowest cursor"), F::Id,
              true },
        },
        { u"userId"_s },
    };
}

TableDefinition cursorRows()
{
    using F = ValueFormat;
    return {
        {
            { u"deviceId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Device"), F::Text },
            { u"kind"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Kind"), F::Keyword },
            { u"conversationId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Conversation"),
              F::Text },
            { u"peerId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Peer"), F::Id },
            { u"groupId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Group"), F::Id },
            { u"lastAck"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Last ack"), F::Id },
            { u"newestId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Newest ID"), F::Id },
            { u"ackLag"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Ack lag"), F::Count },
            { u"lastReadSeq"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Last read seq"), F::Id },
            { u"newestSeq"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Newest seq"), F::Id },
            { u"readLag"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Read lag"), F::Count },
        },
        { u"deviceId"_s, u"kind"_s, u"conversationId"_s },
    };
}

TableDefinition laggingDevices()
{
    using F = ValueFormat;
    return {
        {
            { u"userId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "User ID"), F::Id },
            { u"account"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Account"), F::Text },
            { u"deviceId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Device"), F::Text },
            { u"lastAck"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Last ack"), F::Id },
            { u"newestId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Newest ID"), F::Id },
            { u"ackLag"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Ack lag"), F::Count },
        },
        { u"userId"_s, u"deviceId"_s },
    };
}

TableDefinition stuckDevices()
{
    using F = ValueFormat;
    return {
        {
            { u"account"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Account"), F::Text },
            { u"deviceId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Device"), F::Text },
            { u"online"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Online"), F::YesNo },
            { u"node"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Node"), F::Text },
            { u"waiting"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Waiting"), F::Count },
            { u"queued"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Queued"), F::Count },
            { u"inFlight"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "In flight"), F::Count },
            { u"oldestWaitingMs"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Oldest waiting"),
              F::DurationMs },
            { u"lastAckAt"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Last ack"), F::DateTime,
              false, QT_TRANSLATE_NOOP("Im::Admin::Columns", "never") },
            { u"timedOut"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Timed out"), F::Count },
            { u"userId"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "User ID"), F::Id, true },
            { u"lastAck"_s, QT_TRANSLATE_NOOP("Im::Admin::Columns", "Cursor"), F::Id, true },
        },
        { u"userId"_s, u"deviceId"_s },
    };
}

} // namespace Tables

} // namespace Im::Admin
