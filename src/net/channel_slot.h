#pragma once
// ChannelSlot: one join of one topic on one socket, and the ChannelContext
// its handler sees. Lifecycle (all transitions on the topic's executor):
//
//   joining --join ok--> joined --leave/close/crash/replace/disconnect--> closed
//      \--join refused or crashed------------------------------------------^
//
// Frames for the client go straight to the socket's Outbound. While joining,
// pushes are held back and sent right after the join reply; once closed,
// nothing is sent except the lifecycle frame (phx_close / phx_error).
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "channels/channel.h"
#include "net/hub.h"

namespace parlor::net {

class SocketSession;

class ChannelSlot final : public channels::ChannelContext,
                          public std::enable_shared_from_this<ChannelSlot> {
 public:
  ChannelSlot(Hub& hub, std::shared_ptr<Topic> topic, const channels::ChannelFactory& factory,
              channels::Ref join_ref, std::shared_ptr<Outbound> out,
              std::shared_ptr<const channels::Identity> identity,
              std::weak_ptr<SocketSession> socket);

  // ---- run on the topic's executor (posted by SocketSession) ----
  // The join: tears down `replaced` (same topic, same socket) first.
  void run_join(boost::json::object params, channels::Ref ref,
                std::shared_ptr<ChannelSlot> replaced);
  // A client message for this topic (not a join).
  void run_in(channels::InFrame frame);
  // Ends the channel; `lifecycle` is "phx_close", "phx_error" or "" (none).
  void end(channels::EndReason reason, std::string_view lifecycle);

  bool joined() const { return state_.load(std::memory_order_acquire) == kJoined; }
  size_t subscriber_index = 0;  // position in Topic::subscribers (exec only)
  Outbound& out() { return *out_; }
  const std::shared_ptr<Topic>& topic_ptr() const { return topic_; }

  // ---- ChannelContext ----
  const std::string& topic() const override { return topic_->name; }
  const channels::Identity& identity() const override { return *identity_; }
  const channels::Ref& join_ref() const override { return join_ref_; }
  std::shared_ptr<channels::ChannelContext> self() override { return shared_from_this(); }
  void reply(const channels::Ref& ref, std::string_view status, channels::Payload response) override;
  void push(std::string_view event, channels::Payload payload) override;
  void push_text(std::string_view event, std::string_view payload_json) override;
  void broadcast(std::string_view topic, std::string_view event, channels::Payload payload) override;
  std::string track(std::string key, boost::json::object meta) override;
  std::string update_presence(std::string key, boost::json::object meta) override;
  void untrack(std::string key) override;
  void complete_join(channels::JoinResult result) override;
  void send_info(std::any message) override;
  void close() override;
  void disconnect_socket() override;

 private:
  enum State : int { kJoining, kJoined, kClosed };

  void finish_join(channels::JoinResult result);
  void handle(channels::InFrame frame);
  void crash();
  // Sends now when joined, holds back while joining, drops when closed.
  void emit(OutFrame frame);
  template <class F>
  bool guarded(const char* where, F&& f);

  Hub& hub_;
  const std::shared_ptr<Topic> topic_;
  const channels::ChannelFactory& factory_;
  const channels::Ref join_ref_;
  const std::shared_ptr<Outbound> out_;
  const std::shared_ptr<const channels::Identity> identity_;
  const std::weak_ptr<SocketSession> socket_;
  const uint64_t tracker_;
  std::atomic<int> state_{kJoining};

  // Executor-only state.
  std::unique_ptr<channels::Channel> handler_;
  channels::Ref join_msg_ref_;  // the ref of the phx_join being answered
  bool join_answered_ = false;
  std::vector<std::pair<std::string, boost::json::object>> pending_tracks_;
  std::deque<channels::InFrame> waiting_;  // frames that arrived during a deferred join

  std::mutex held_mu_;
  std::vector<OutFrame> held_;  // pushes made while joining
};

}  // namespace parlor::net
