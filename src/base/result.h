#pragma once
// Expected failures as values: an Error has a stable machine code
// ("must_follow_suit") and a message for people ("you must follow suit: you
// hold clubs"). Result<T> holds either a T or an Error; Status is Result<void>.
#include <string>
#include <utility>
#include <variant>

#include "base/check.h"

namespace parlor {

struct Error {
  std::string code;
  std::string message;
  bool operator==(const Error&) const = default;
};

inline Error make_error(std::string code, std::string message) {
  return Error{std::move(code), std::move(message)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    PARLOR_CHECK(ok(), "value() of an error: " << error_unchecked().code);
    return std::get<0>(v_);
  }
  const T& value() const& {
    PARLOR_CHECK(ok(), "value() of an error: " << error_unchecked().code);
    return std::get<0>(v_);
  }
  T&& value() && {
    PARLOR_CHECK(ok(), "value() of an error: " << error_unchecked().code);
    return std::get<0>(std::move(v_));
  }
  const Error& error() const {
    PARLOR_CHECK(!ok(), "error() of a value");
    return std::get<1>(v_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  const Error& error_unchecked() const {
    static const Error none{};
    return ok() ? none : std::get<1>(v_);
  }
  std::variant<T, Error> v_;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT
  static Status Ok() { return Status(); }

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    PARLOR_CHECK(failed_, "error() of an ok Status");
    return error_;
  }

 private:
  Error error_;
  bool failed_ = false;
};

}  // namespace parlor
