#pragma once

#include <QJsonArray>
#include <QWidget>

class QLabel;

namespace Im::Admin {

class TablePanel;

//! Every live chat socket (GET /admin/sessions and the feed's `sessions` event, sent with every
//! rate sample) with the actions Disconnect session, Disconnect user and Revoke sessions, which
//! ask first and then emit a request. A note says that the console's own connection is not a row
//! (it carries no deliveries) although the overview's Sessions figure counts it.
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
    void revokeUserRequested(int userId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_note;
    TablePanel *m_panel;
};

} // namespace Im::Admin
