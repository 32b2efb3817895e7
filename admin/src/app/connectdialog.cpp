#include "app/connectdialog.h"

#include "app/serverhistory.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Im::Admin {

namespace {

const QString defaultUrl = u"http://127.0.0.1:3000"_s;
constexpr int accountRole = Qt::UserRole;

} // namespace

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
    , m_urlLabel(new QLabel(this))
    , m_accountLabel(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_serverCombo(new QComboBox(this))
    , m_forgetButton(new QToolButton(this))
    , m_accountEdit(new QLineEdit(this))
    , m_passwordEdit(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    m_serverCombo->setObjectName(u"serverCombo"_s);
    m_serverCombo->setEditable(true);
    m_serverCombo->setInsertPolicy(QComboBox::NoInsert);
    // Inline completion would silently extend a typed address to a longer remembered one; the
    // drop-down lists them all anyway.
    m_serverCombo->setCompleter(nullptr);
    m_serverCombo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_serverCombo->lineEdit()->setObjectName(u"serverUrlEdit"_s);
    m_serverCombo->lineEdit()->setMaxLength(maxUrlLength);
    m_forgetButton->setObjectName(u"forgetServerButton"_s);
    m_accountEdit->setObjectName(u"accountEdit"_s);
    m_passwordEdit->setObjectName(u"passwordEdit"_s);
    m_accountEdit->setMaxLength(maxCredentialLength);
    m_passwordEdit->setMaxLength(maxCredentialLength);
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_urlLabel->setBuddy(m_serverCombo);
    m_accountLabel->setBuddy(m_accountEdit);
    m_passwordLabel->setBuddy(m_passwordEdit);

    auto *serverRow = new QHBoxLayout;
    serverRow->addWidget(m_serverCombo);
    serverRow->addWidget(m_forgetButton);
    auto *form = new QFormLayout;
    form->addRow(m_urlLabel, serverRow);
    form->addRow(m_accountLabel, m_accountEdit);
    form->addRow(m_passwordLabel, m_passwordEdit);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);
    connect(m_serverCombo, &QComboBox::activated, this, &ConnectDialog::showServer);
    connect(m_forgetButton, &QToolButton::clicked, this, &ConnectDialog::forgetShownServer);
    connect(m_serverCombo, &QComboBox::editTextChanged, this, &ConnectDialog::updateButtons);
    for (QLineEdit *edit : { m_accountEdit, m_passwordEdit })
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::updateButtons);

    loadServers();
    // The password is what is usually missing.
    if (!m_accountEdit->text().isEmpty())
        m_passwordEdit->setFocus();
    retranslate();
    updateButtons();
}

QUrl ConnectDialog::serverUrl() const
{
    return QUrl::fromUserInput(m_serverCombo->currentText().trimmed());
}

QString ConnectDialog::account() const
{
    return m_accountEdit->text().trimmed();
}

QString ConnectDialog::password() const
{
    return m_passwordEdit->text();
}

void ConnectDialog::setTried(const QUrl &server, const QString &account)
{
    m_serverCombo->setEditText(server.toString());
    m_accountEdit->setText(account);
    m_passwordEdit->clear();
    m_passwordEdit->setFocus();
}

void ConnectDialog::accept()
{
    ServerHistory::remember(serverUrl().toString(), account());
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
    m_serverCombo->lineEdit()->setPlaceholderText(defaultUrl);
    m_forgetButton->setText(tr("&Forget"));
    m_forgetButton->setToolTip(tr("Remove this server from the list of remembered servers"));
}

void ConnectDialog::loadServers()
{
    m_serverCombo->clear();
    for (const ServerHistory::Server &server : ServerHistory::servers())
        m_serverCombo->addItem(server.url, server.account);
    if (m_serverCombo->count() == 0) {
        m_serverCombo->setEditText(defaultUrl);
        m_accountEdit->clear();
    } else {
        showServer(0);
    }
}

void ConnectDialog::showServer(int index)
{
    m_serverCombo->setCurrentIndex(index);
    m_accountEdit->setText(m_serverCombo->itemData(index, accountRole).toString());
}

void ConnectDialog::forgetShownServer()
{
    const int index = m_serverCombo->findText(m_serverCombo->currentText().trimmed());
    if (index < 0)
        return;
    ServerHistory::forget(m_serverCombo->itemText(index));
    loadServers();
}

void ConnectDialog::updateButtons()
{
    const QUrl url = serverUrl();
    const bool urlOk = url.isValid() && (url.scheme() == "http"_L1 || url.scheme() == "https"_L1)
        && !url.host().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(urlOk && !account().isEmpty() && !password().isEmpty());
    m_forgetButton->setEnabled(m_serverCombo->findText(m_serverCombo->currentText().trimmed())
                               >= 0);
}

} // namespace Im::Admin
