#pragma once

#include "models/valueformat.h"

#include <QJsonObject>
#include <QList>
#include <QWidget>

class QGroupBox;
class QLabel;

namespace Im::Admin {

//! One figure of a FieldGrid: a dotted path into the JSON object ("connections.sessions").
struct FieldSpec
{
    QString path;
    //! Marked with QT_TRANSLATE_NOOP("Im::Admin::Fields", ...).
    const char *title = "";
    ValueFormat format = ValueFormat::Count;
};

//! A titled group of figures (title marked like FieldSpec::title).
struct FieldGroup
{
    const char *title = "";
    QList<FieldSpec> fields;
};

//! Labelled figures of one JSON object (the overview, the queue totals) in group boxes.
//! Each value label is named `<prefix>.<path>` for tests.
class FieldGrid : public QWidget
{
    Q_OBJECT

public:
    FieldGrid(QList<FieldGroup> groups, const QString &prefix, int groupsPerRow,
              QWidget *parent = nullptr);

    void setValues(const QJsonObject &values);
    void clear() { setValues({}); }
    [[nodiscard]] QJsonObject values() const { return m_values; }

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Entry
    {
        FieldSpec spec;
        QLabel *title;
        QLabel *value;
    };

    void retranslate();
    void showValues();

    QList<FieldGroup> m_groups;
    QList<QGroupBox *> m_boxes;
    QList<Entry> m_entries;
    QJsonObject m_values;
};

//! The value at a dotted \a path of \a object ("database.status"); undefined when missing.
[[nodiscard]] QJsonValue valueAtPath(const QJsonObject &object, const QString &path);

} // namespace Im::Admin
