#include "app/connectdialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

const QString urlKey = u"connection/url"_s;
const QString accountKey = u"connection/account"_s;
const QString defaultUrl = u"http://127.0.0.1:3000"_s;

} // namespace

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
    , m_urlLabel(new QLabel(this))
    , m_accountLabel(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_urlEdit(new QLineEdit(this))
    , m_accountEdit(new QLineEdit(this))
    , m_passwordEdit(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    m_urlEdit->setObjectName(u"serverUrlEdit"_s);
    m_accountEdit->setObjectName(u"accountEdit"_s);
    m_passwordEdit->setObjectName(u"passwordEdit"_s);
    m_urlEdit->setMaxLength(maxUrlLength);
    m_accountEdit->setMaxLength(maxCredentialLength);
    m_passwordEdit->setMaxLength(maxCredentialLength);
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_urlLabel->setBuddy(m_urlEdit);
    m_accountLabel->setBuddy(m_accountEdit);
    m_passwordLabel->setBuddy(m_passwordEdit);

    const QSettings settings;
    m_urlEdit->setText(settings.value(urlKey, defaultUrl).toString());
    m_accountEdit->setText(settings.value(accountKey).toString());

    auto *form = new QFormLayout;
    form->addRow(m_urlLabel, m_urlEdit);
    form->addRow(m_accountLabel, m_accountEdit);
    form->addRow(m_passwordLabel, m_passwordEdit);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);
    for (QLineEdit *edit : { m_urlEdit, m_accountEdit, m_passwordEdit })
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::updateOkButton);

    // The password is what is usually missing.
    if (!m_accountEdit->text().isEmpty())
        m_passwordEdit->setFocus();
    retranslate();
    updateOkButton();
}

QUrl ConnectDialog::serverUrl() const
{
    return QUrl::fromUserInput(m_urlEdit->text().trimmed());
}

QString ConnectDialog::account() const
{
    return m_accountEdit->text().trimmed();
}

QString ConnectDialog::password() const
{
    return m_passwordEdit->text();
}

void ConnectDialog::accept()
{
    QSettings settings;
    settings.setValue(urlKey, m_urlEdit->text().trimmed());
    settings.setValue(accountKey, account());
    QDialog::accept();
}

void ConnectDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ConnectDialog::retranslate()
{
    setWindowTitle(tr("Connect to a server"));
    m_urlLabel->setText(tr("&Server URL:"));
    m_accountLabel->setText(tr("&Account:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_urlEdit->setPlaceholderText(defaultUrl);
}

void ConnectDialog::updateOkButton()
{
    const QUrl url = serverUrl();
    const bool urlOk = url.isValid() && (url.scheme() == "http"_L1 || url.scheme() == "https"_L1)
        && !url.host().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(urlOk && !account().isEmpty() && !password().isEmpty());
}

} // namespace Im::Admin
