#pragma once

#include <QJsonObject>
#include <QWidget>

namespace Im::Admin {

class FieldGrid;
class TablePanel;

//! The delivery queues (GET /admin/queues and the feed's `queues` event): the totals, the
//! database writer's batches, and one row per online user with the actions Disconnect user and
//! Revoke sessions.
class QueuesView : public QWidget
{
    Q_OBJECT

public:
    explicit QueuesView(QWidget *parent = nullptr);

    void setQueues(const QJsonObject &queues);
    void clear();
    void setConfirmActions(bool confirm);

    [[nodiscard]] FieldGrid *totals() const { return m_totals; }
    [[nodiscard]] TablePanel *panel() const { return m_panel; }

Q_SIGNALS:
    void disconnectUserRequested(int userId);
    void revokeUserRequested(int userId);

private:
    FieldGrid *m_totals;
    TablePanel *m_panel;
};

} // namespace Im::Admin
