#pragma once

#include <QJsonArray>
#include <QWidget>

namespace Im::Admin {

class TablePanel;

//! Every live socket (GET /admin/sessions and the feed's `sessions` event) with the actions
//! Disconnect session and Disconnect user, which ask first and then emit a request.
class SessionsView : public QWidget
{
    Q_OBJECT

public:
    explicit SessionsView(QWidget *parent = nullptr);

    void setSessions(const QJsonArray &sessions);
    void clear();
    void setConfirmActions(bool confirm);

    [[nodiscard]] TablePanel *panel() const { return m_panel; }

Q_SIGNALS:
    void disconnectSessionRequested(const QString &sid);
    void disconnectUserRequested(int userId);

private:
    TablePanel *m_panel;
};

} // namespace Im::Admin
