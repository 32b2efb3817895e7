#pragma once

#include <QFrame>

class QLabel;

namespace Im::Admin {

//! A coloured strip across the window for what must not be missed (the connection lost, an
//! alarm); hidden while it has nothing to say.
class Banner : public QFrame
{
    Q_OBJECT

public:
    enum class Severity { Warning, Critical };

    explicit Banner(Severity severity, QWidget *parent = nullptr);

    //! Shows \a text (rich text not interpreted); an empty text hides the banner.
    void setText(const QString &text);
    [[nodiscard]] QString text() const;

private:
    QLabel *m_label;
};

} // namespace Im::Admin
