#pragma once

#include "im/chatmessage.h"

namespace Im::Core {

//! Hands a committed message, or a read receipt, to the devices of its recipients (the delivery
//! hub).
class MessageFanOut
{
public:
    virtual ~MessageFanOut() = default;
    //! \a originLinkId: the link it was sent on.
    virtual void dispatch(const StoreOutcome &outcome, const QString &originLinkId) = 0;
    //! Tells \a userId's devices how far someone read (best effort: no ack awaited, no retry).
    virtual void dispatchReadReceipt(int userId, const ReadReceipt &receipt) = 0;
};

} // namespace Im::Core
