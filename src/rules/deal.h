#pragma once
// Where the cards of each hand come from (game-records.md, "Where the cards
// come from"), and the part of a record that every game reads the same way.
//
// For hand k (0-based; Golf: hole k) the deck is, in order of preference:
// deals[k]; else the portable shuffle of hand_seeds[k]; else, unless the game
// is live, the portable shuffle of "<seed>:<k>". A live game never falls back
// to the guessable text: until the room supplies hand_seeds[k] the hand waits.
//
// DealSource is immutable and shared between copies of a state, so copying a
// state for a playout does not copy the deal plan.
#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/card.h"
#include "base/result.h"
#include "rules/json_text.h"

namespace parlor::rules {

class DealSource {
 public:
  DealSource();  // seed "0", nothing else
  DealSource(std::string seed_text, std::vector<std::string> hand_seeds,
             std::vector<std::vector<Card>> deals, bool live);

  // Whether hand k's deck is known (false only in live games waiting for a seed).
  bool has_deck(int k) const;
  // Hand k's deck order. `canonical` is the game's deck in canonical order.
  // CHECKs has_deck(k).
  std::vector<Card> deck(int k, const std::vector<Card>& canonical) const;
  // The seed text of hand k: hand_seeds[k], else "<seed>:<k>" (also in live
  // games once deals were given); nullopt when live and not supplied.
  std::optional<std::string> hand_seed_text(int k) const;
  // The first dealer when the record names none: uniform(players) of "<seed>:dealer".
  int first_dealer(int players) const;
  // Checks every listed deal against the game's deck (same cards, same count).
  Status check_decks(const std::vector<Card>& canonical) const;

  // Adds "hand_seed_sha256" (null when hand k's deck was given explicitly or
  // is not known yet) and, once `revealed`, "hand_seed" to a view.
  void add_seed_fields(boost::json::object& view, int k, bool revealed) const;
  // Hand k's seed as a view shows it once revealed: none when hand k's deck
  // was given explicitly or its seed is not known yet.
  std::optional<std::string> shown_seed(int k) const;
  // The same fields written to a view's text.
  void write_seed_fields(JsonText& view, int k, bool revealed) const;

  // A copy with one more hand seed appended (what a live room does at the start
  // of each hand): it becomes the seed of the first hand that has neither a
  // given deck nor a seed.
  DealSource with_hand_seed(std::string seed_text) const;
  bool live() const { return plan_->live; }
  size_t hand_seed_count() const { return plan_->hand_seeds.size(); }
  const std::string& seed_text() const { return plan_->seed; }

  boost::json::object to_json() const;
  static Result<DealSource> from_json(const boost::json::object& obj);
  bool operator==(const DealSource& o) const;

 private:
  std::string seed_digest(int k, const std::string& seed) const;

  struct Plan {
    std::string seed;
    std::vector<std::string> hand_seeds;
    std::vector<std::vector<Card>> deals;
    bool live = false;
    // SHA-256 (hex) of each hand_seeds entry, computed once: every view of
    // every seat shows the digests of the hands so far.
    std::vector<std::string> seed_digests;
  };
  static std::shared_ptr<const Plan> make_plan(Plan p);
  std::shared_ptr<const Plan> plan_;
};

// The common part of a record (game-records.md), parsed; each game validates
// `options` itself and decides what `players` and `dealer` mean for it.
struct Setup {
  boost::json::object options;
  std::optional<int> players;
  std::optional<int> dealer;
  DealSource deals;
};

// Reads options, players, dealer, seed, hand_seeds and deals from a record.
// `live` turns off the "<seed>:<k>" fallback. Errors are `bad_record`.
Result<Setup> setup_from_record(const boost::json::object& record, bool live = false);

}  // namespace parlor::rules
