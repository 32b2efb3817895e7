#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Im::Admin {

class TablePanel;

//! Delivery and read cursors: a user id and Show (→ cursorsRequested), that user's device ×
//! conversation rows (GET /admin/users/:id/cursors), and the devices that lag most
//! (GET /admin/cursors/lagging); double-clicking a lagging device shows its user's cursors.
class CursorsView : public QWidget
{
    Q_OBJECT

public:
    explicit CursorsView(QWidget *parent = nullptr);

    //! The cursors of \a userId arrived; rows of another user replace the table.
    void setCursors(int userId, const QJsonObject &cursors);
    void setLagging(const QJsonArray &lagging);
    void clear();
    void setConfirmActions(bool confirm);

    //! A request failed (the reason is in the status bar): stop saying "Loading…".
    void abandonRequest();
    //! Puts \a userId in the input and requests its cursors.
    void showCursorsOf(int userId);
    //! The user whose cursors the table shows (0: none).
    [[nodiscard]] int shownUserId() const { return m_shownUserId; }

    [[nodiscard]] TablePanel *cursorsPanel() const { return m_cursors; }
    [[nodiscard]] TablePanel *laggingPanel() const { return m_lagging; }

Q_SIGNALS:
    void cursorsRequested(int userId);
    void disconnectUserRequested(int userId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void requestTypedUser();
    void updateUserLabel();

    QLabel *m_userIdLabel;
    QLineEdit *m_userIdEdit;
    QPushButton *m_show;
    QLabel *m_userLabel;
    QLabel *m_cursorsHeading;
    QLabel *m_laggingHeading;
    TablePanel *m_cursors;
    TablePanel *m_lagging;
    int m_shownUserId = 0;
    int m_requestedUserId = 0;
    QJsonObject m_shownUser;
};

} // namespace Im::Admin
