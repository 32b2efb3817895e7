#pragma once

#include "models/thresholds.h"

#include <QJsonObject>
#include <QWidget>

class QPushButton;

namespace Im::Admin {

class LiveFigure;

//! The live figures of every rate sample: messages/s, pushes/s, send→ack and send→push p50/p99,
//! timeouts/s and errors/s, each a LiveFigure, and Limits… to set when they turn amber or red.
//! The limits are remembered per server (ThresholdStore); setServer() loads them.
class LiveFiguresView : public QWidget
{
    Q_OBJECT

public:
    explicit LiveFiguresView(QWidget *parent = nullptr);

    //! The server whose limits apply (its host:port).
    void setServer(const QString &server);
    void addSample(const QJsonObject &sample);
    //! Sets and remembers the limits of \a field (the Limits dialog's answer).
    void setLimits(const QString &field, const Limits &limits);
    void clear();

    [[nodiscard]] LiveFigure *figure(const QString &field) const;
    [[nodiscard]] const QList<LiveFigure *> &figures() const { return m_figures; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void editLimits();

    QList<LiveFigure *> m_figures;
    QPushButton *m_limitsButton;
    QString m_server;
};

} // namespace Im::Admin
