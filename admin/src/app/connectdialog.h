#pragma once

#include <QDialog>
#include <QUrl>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Im::Admin {

//! Asks for the server URL, the account and its password. Remembers the URL and the account in
//! QSettings ("connection/url", "connection/account") when accepted; never the password.
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

    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateOkButton();

    QLabel *m_urlLabel;
    QLabel *m_accountLabel;
    QLabel *m_passwordLabel;
    QLineEdit *m_urlEdit;
    QLineEdit *m_accountEdit;
    QLineEdit *m_passwordEdit;
    QDialogButtonBox *m_buttons;
};

} // namespace Im::Admin
