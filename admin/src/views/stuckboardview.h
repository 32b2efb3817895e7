#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;

namespace Im::Admin {

class TablePanel;

//! The stuck-delivery board (GET /admin/cursors/stuck): every device with messages waiting,
//! online or offline, acked ever or not, the oldest waiting first. Double-clicking a row (or Show
//! cursors) asks for its user's cursors; Disconnect user and Revoke sessions act on its user.
class StuckBoardView : public QWidget
{
    Q_OBJECT

public:
    explicit StuckBoardView(QWidget *parent = nullptr);

    void setBoard(const QJsonObject &board);
    void clear();
    void setConfirmActions(bool confirm);

    [[nodiscard]] TablePanel *panel() const { return m_panel; }

Q_SIGNALS:
    void cursorsRequested(const QString &userRef);
    void disconnectUserRequested(int userId);
    void revokeUserRequested(int userId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_summary;
    TablePanel *m_panel;
    QJsonObject m_board;
};

} // namespace Im::Admin
