#pragma once

#include "im/notification.h"

namespace Im::Core {

//! Where committed notifications go to reach their receiver. Called on the network thread after
//! the database transaction that created or changed the Notify row has committed; it must not
//! block. Delivery is best effort: the row stays in `Notifies` for the offline pull either way.
class NotificationSink
{
public:
    virtual ~NotificationSink() = default;
    virtual void deliver(const Notification &notification) = 0;
};

} // namespace Im::Core
