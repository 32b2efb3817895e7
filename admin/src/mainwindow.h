#pragma once

#include <QMainWindow>

class QLabel;

namespace Im::Admin {

//! The console's main window. It names the server version it was built with; the Overview,
//! Sessions, Queues and Cursors views are added by the admin-console work.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

private:
    QLabel *m_placeholder = nullptr;
};

} // namespace Im::Admin
