#pragma once
// The channel API: what application code (lobby, rooms, the conformance
// topic) implements and what it can call. In the spirit of Phoenix's
// `channel "room:*", RoomChannel`: a Router maps topic patterns to factories,
// and every successful join gets its own Channel object.
//
// Threading contract (the runtime in src/net guarantees it):
//  * join, handle_in, handle_info and terminate of all channels of ONE topic
//    run one at a time, in arrival order, on that topic's serialised executor
//    (so a handler needs no lock for state it shares with the other channels
//    of its topic, and a channel's own state is never touched concurrently).
//  * Every ChannelContext method is thread-safe and may be called from any
//    thread at any time, also long after the callback returned (keep
//    ctx.self()); once the channel has ended, calls are silently dropped.
//  * An exception escaping join gives the joiner {"reason":"join crashed"};
//    one escaping handle_in/handle_info ends just this channel with phx_error
//    (leave diff to the others first); the socket and its other channels
//    live on.
//
// A short example:
//
//   class ChatChannel : public Channel {
//    public:
//     JoinResult join(const json::object& params, ChannelContext& ctx) override {
//       ctx.track(ctx.identity().player_id, {{"name", ctx.identity().name}});
//       return JoinResult::ok();
//     }
//     void handle_in(const std::string& event, Payload payload, const Ref& ref,
//                    ChannelContext& ctx) override {
//       if (event != "say") return ctx.reply(ref, "error", json::object{{"reason", "unknown event"}});
//       ctx.broadcast(ctx.topic(), "said", std::move(payload));
//       ctx.reply(ref, "ok", json::object{});
//     }
//   };
//   router.add("chat:*", [] { return std::make_unique<ChatChannel>(); });
#include <any>
#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "channels/frame.h"

namespace parlor::channels {

// Who is on the other end of a socket, from its verified token.
struct Identity {
  std::string player_id;  // the token's "sub"; also the default presence key
  std::string name;       // display name from the token ("" if none)
};

// Why a channel ended, as passed to Channel::terminate.
enum class EndReason {
  kLeave,       // the client sent phx_leave
  kClosed,      // server-side close (ChannelContext::close)
  kReplaced,    // a second phx_join for the same topic on the same socket
  kCrashed,     // a handler threw
  kDisconnect,  // the socket closed (client gone, timeout, shutdown, kicked)
};
const char* to_string(EndReason r);

// The answer of Channel::join. A join may also answer later (a room loads
// from its store first): return deferred() and call
// ChannelContext::complete_join exactly once, from any thread. Until then
// the client's later frames for the topic wait, in order.
struct JoinResult {
  bool ok = true;
  boost::json::object response;  // the reply's "response" object
  bool deferred = false;
  static JoinResult accept(boost::json::object response = {}) { return {true, std::move(response)}; }
  static JoinResult later() { return {true, {}, true}; }
  // A refusal: response {"reason": reason, ...extra}. app-protocol.md wants
  // {"reason", "code", "message"} with reason == code for Parlor's topics.
  static JoinResult refuse(std::string_view reason, boost::json::object extra = {});
};

// What a channel can do. Implemented by the runtime; one per join.
class ChannelContext {
 public:
  virtual ~ChannelContext() = default;

  virtual const std::string& topic() const = 0;
  virtual const Identity& identity() const = 0;
  // The join_ref of this join (for logs; the runtime stamps frames itself).
  virtual const Ref& join_ref() const = 0;
  // A shared handle to this context, to reply or push later from elsewhere.
  virtual std::shared_ptr<ChannelContext> self() = 0;

  // Replies to the client message `ref` (at most once per ref; the client
  // ignores any further reply). Binary payload -> binary reply frame.
  virtual void reply(const Ref& ref, std::string_view status, Payload response) = 0;
  // Pushes an event to this join only: [join_ref, null, topic, event, payload].
  // Pushes made inside join() go out right after the join reply.
  virtual void push(std::string_view event, Payload payload) = 0;
  // The same with a payload that is already the JSON text of an object, for
  // a sender that serialises one payload for several joins.
  virtual void push_text(std::string_view event, std::string_view payload_json) = 0;
  // Sends `payload` to every channel joined to `topic` (any topic), encoded
  // once: [null, null, topic, event, payload]. Called on this topic's own
  // executor for this topic, it is delivered before anything sent later.
  virtual void broadcast(std::string_view topic, std::string_view event, Payload payload) = 0;

  // Presence on this channel's topic. Key: normally identity().player_id.
  // Tracked in join(): presence_state (with this entry) follows the join
  // reply, then the join diff goes to everyone. Entries end with the channel.
  // Both return the entry's new phx_ref when applied at once (called from a
  // callback of this topic after the join), "" when deferred (inside join, or
  // queued from another thread) or ignored (the channel has ended).
  virtual std::string track(std::string key, boost::json::object meta) = 0;
  // Replaces the meta of an entry this channel tracked (one update diff).
  virtual std::string update_presence(std::string key, boost::json::object meta) = 0;
  virtual void untrack(std::string key) = 0;

  // Completes a join that returned JoinResult::later(). Queued on the
  // topic's executor; later calls, and calls on a channel that is gone, are
  // ignored.
  virtual void complete_join(JoinResult result) = 0;

  // Delivers `message` to this channel's handle_info on its topic executor.
  virtual void send_info(std::any message) = 0;
  // Server-side close of this channel: [jr, jr, topic, "phx_close", {}]. The
  // client does not rejoin. Push an event with the reason first if useful.
  // Queued: takes effect after the current callback returns (frames sent
  // before it, such as a reply, go out first); terminate(kClosed) follows.
  virtual void close() = 0;
  // Closes the whole socket with code 1001; the client reconnects.
  virtual void disconnect_socket() = 0;
};

// One joined channel's application logic. Created per join by the router's
// factory for the matched pattern, destroyed after terminate().
class Channel {
 public:
  virtual ~Channel() = default;
  // The join params arrive unchanged. Return accept() or refuse(...).
  virtual JoinResult join(const boost::json::object& params, ChannelContext& ctx) = 0;
  // A client event (not phx_join/phx_leave). Reply now or later via ctx.
  virtual void handle_in(const std::string& event, Payload payload, const Ref& ref,
                         ChannelContext& ctx) = 0;
  // A message sent with ChannelContext::send_info. Default: ignored.
  virtual void handle_info(std::any message, ChannelContext& ctx);
  // The channel is over; no more frames reach the client. Default: nothing.
  virtual void terminate(EndReason reason, ChannelContext& ctx);
};

}  // namespace parlor::channels
