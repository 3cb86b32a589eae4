#include "room/game_record.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "base/check.h"
#include "rules/json_util.h"

namespace parlor::room {

namespace json = boost::json;

namespace {

void append_item(std::string& list, std::string_view item) {
  if (!list.empty()) list += ',';
  list += item;
}

}  // namespace

void GameRecordText::add(const LogEntry& e) {
  if (e.kind == "start") {
    clear();
    complete_ = true;
    return;
  }
  if (!complete_) return;
  if (e.kind == "move") {
    // The body is a move object written by json::serialize, never with a
    // "seat" (the room takes it out): the seat goes in as its last member.
    PARLOR_CHECK(e.body.size() >= 2 && e.body.front() == '{' && e.body.back() == '}',
                 "log entry " << e.seq << " is not a move object: " << e.body);
    const std::string_view members = std::string_view(e.body).substr(1, e.body.size() - 2);
    append_item(moves_, rules::joined_members_text(members, "\"seat\":" + std::to_string(e.seat)));
  } else if (e.kind == "hand_seed") {
    boost::system::error_code ec;
    auto body = json::parse(e.body, ec);
    const json::value* seed = !ec && body.is_object() ? body.as_object().if_contains("seed") : nullptr;
    PARLOR_CHECK(seed != nullptr, "log entry " << e.seq << " holds no seed: " << e.body);
    append_item(hand_seeds_, json::serialize(*seed));
  }
}

void GameRecordText::clear() {
  complete_ = false;
  hand_seeds_.clear();
  hand_seeds_.shrink_to_fit();
  moves_.clear();
  moves_.shrink_to_fit();
}

std::string GameRecordText::text(const json::object& setup) const {
  PARLOR_CHECK(complete_, "the game's record was asked for without its first entries");
  json::object head = setup;
  head.erase("hand_seeds");
  head.erase("moves");
  std::string out = json::serialize(head);
  out.pop_back();  // the object's '}'
  if (!head.empty()) out += ',';
  out.reserve(out.size() + hand_seeds_.size() + moves_.size() + 32);
  out += "\"hand_seeds\":[";
  out += hand_seeds_;
  out += "],\"moves\":[";
  out += moves_;
  out += "]}";
  return out;
}

}  // namespace parlor::room
