#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace Im::Admin {

class TablePanel;

//! Delivery and read cursors: a user id or account and Show (→ cursorsRequested), that user's
//! device × conversation rows (GET /admin/users/:ref/cursors, asked again every refreshIntervalMs
//! while shown, with the time of the answer), and the devices that lag most
//! (GET /admin/cursors/lagging); double-clicking a lagging device shows its user's cursors. A
//! failed lookup empties the rows and says why.
class CursorsView : public QWidget
{
    Q_OBJECT

public:
    static constexpr int refreshIntervalMs = 10000;
    static constexpr int maxUserRefLength = 64;

    explicit CursorsView(QWidget *parent = nullptr);

    //! The cursors asked for as \a userRef arrived; rows of another user replace the table.
    void setCursors(const QString &userRef, const QJsonObject &cursors);
    //! Asking for \a userRef failed: no rows, and \a reason where the user would be named.
    void showFailure(const QString &userRef, const QString &reason);
    void setLagging(const QJsonArray &lagging);
    void clear();
    void setConfirmActions(bool confirm);

    //! A request failed (the reason is in the status bar): stop saying "Loading…".
    void abandonRequest();
    //! Puts \a userRef (an id or an account) in the input and requests its cursors.
    void showCursorsOf(const QString &userRef);
    //! The user whose cursors the table shows (0: none).
    [[nodiscard]] int shownUserId() const { return m_shownUserId; }
    //! How the shown user was asked for (empty: none).
    [[nodiscard]] QString shownUserRef() const { return m_shownRef; }

    [[nodiscard]] TablePanel *cursorsPanel() const { return m_cursors; }
    [[nodiscard]] TablePanel *laggingPanel() const { return m_lagging; }

Q_SIGNALS:
    //! \a userRef: an id, or an account (11 digits or more, or `account:<account>`).
    void cursorsRequested(const QString &userRef);
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
    QTimer *m_refreshTimer;
    int m_shownUserId = 0;
    QString m_shownRef;
    QString m_requestedRef;
    QString m_failure;
    QDateTime m_shownAt;
    QJsonObject m_shownUser;
};

} // namespace Im::Admin
