#pragma once

#include <QDialog>
#include <QUrl>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace Im::Admin {

//! Asks for the server URL, the account and its password. The URL is an editable combo of the
//! remembered servers (ServerHistory), most recent first and pre-filled; choosing one fills its
//! account, Forget (forgetServerButton) drops the one shown. Accepting remembers the URL and the
//! account, never the password.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int maxUrlLength = 2048;
    static constexpr int maxCredentialLength = 128;

    explicit ConnectDialog(QWidget *parent = nullptr);

    [[nodiscard]] QUrl serverUrl() const;
    [[nodiscard]] QString account() const;
    [[nodiscard]] QString password() const;
    //! Fills in what was tried last (a failed login), so only the password is to be typed again.
    void setTried(const QUrl &server, const QString &account);

    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void loadServers();
    void showServer(int index);
    void forgetShownServer();
    void updateButtons();

    QLabel *m_urlLabel;
    QLabel *m_accountLabel;
    QLabel *m_passwordLabel;
    QComboBox *m_serverCombo;
    QToolButton *m_forgetButton;
    QLineEdit *m_accountEdit;
    QLineEdit *m_passwordEdit;
    QDialogButtonBox *m_buttons;
};

} // namespace Im::Admin
