#pragma once
// Shared<T>: an immutable value shared between copies of a game state (the
// normalized options, the list of finished hands), so that copying a state for
// a playout copies a pointer, not the value. Compares by content.
#include <memory>

namespace parlor::rules {

template <class T>
class Shared {
 public:
  Shared() : p_(std::make_shared<const T>()) {}
  explicit Shared(T value) : p_(std::make_shared<const T>(std::move(value))) {}
  const T& get() const { return *p_; }
  const T& operator*() const { return *p_; }
  const T* operator->() const { return p_.get(); }
  bool operator==(const Shared& o) const { return p_ == o.p_ || *p_ == *o.p_; }

 private:
  std::shared_ptr<const T> p_;
};

}  // namespace parlor::rules
