#pragma once
// Errors travel as values (ccache style): a failing snippet is a result, but an unreadable
// article, a missing toolchain or a broken sandbox is an Error, reported once at the top.
#include <string>
#include <utility>
#include <variant>

namespace snipcheck {

// What went wrong, as one line fit for `snipcheck: error: <message>`.
struct Error {
    std::string message;
};

// A value or an Error; the poor man's std::expected (C++23) for a C++20 code base.
template <typename T>
class Expected {
public:
    Expected(T value) : state_(std::move(value)) {}
    Expected(Error error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(state_); }
    const T& value() const { return std::get<0>(state_); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(state_); }

private:
    std::variant<T, Error> state_;
};

}  // namespace snipcheck
