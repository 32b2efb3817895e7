#pragma once

namespace Im::Core {

//! A per-user allowance of messages (the daily quota): reserved before storing, given back when
//! the message was not stored.
class SendQuota
{
public:
    virtual ~SendQuota() = default;
    virtual bool reserveMessage(int userId) = 0;
    virtual void releaseMessage(int userId) = 0;
    //! The allowance, for the refusal's text.
    [[nodiscard]] virtual int messagesPerDay() const = 0;
};

} // namespace Im::Core
