#include "rules/deal.h"

#include <algorithm>

#include "base/sha256.h"
#include "base/shuffle.h"
#include "rules/json_util.h"

namespace parlor::rules {

std::shared_ptr<const DealSource::Plan> DealSource::make_plan(Plan p) {
  while (p.seed_digests.size() < p.hand_seeds.size()) p.seed_digests.push_back(sha256_hex(p.hand_seeds[p.seed_digests.size()]));
  return std::make_shared<const Plan>(std::move(p));
}

DealSource::DealSource() : plan_(make_plan(Plan{"0", {}, {}, false, {}})) {}

DealSource::DealSource(std::string seed_text, std::vector<std::string> hand_seeds,
                       std::vector<std::vector<Card>> deals, bool live)
    : plan_(make_plan(Plan{std::move(seed_text), std::move(hand_seeds), std::move(deals), live, {}})) {}

bool DealSource::has_deck(int k) const {
  auto i = static_cast<size_t>(k);
  return i < plan_->deals.size() || i < plan_->hand_seeds.size() || !plan_->live;
}

std::optional<std::string> DealSource::hand_seed_text(int k) const {
  auto i = static_cast<size_t>(k);
  if (i < plan_->hand_seeds.size()) return plan_->hand_seeds[i];
  if (plan_->live && i >= plan_->deals.size()) return std::nullopt;
  return plan_->seed + ":" + std::to_string(k);
}

std::vector<Card> DealSource::deck(int k, const std::vector<Card>& canonical) const {
  PARLOR_CHECK(has_deck(k), "no deck for hand " << k);
  auto i = static_cast<size_t>(k);
  if (i < plan_->deals.size()) return plan_->deals[i];
  std::vector<Card> d = canonical;
  portable_shuffle(d, *hand_seed_text(k));
  return d;
}

int DealSource::first_dealer(int players) const {
  SeedStream s(plan_->seed + ":dealer");
  return static_cast<int>(s.uniform(static_cast<std::uint32_t>(players)));
}

Status DealSource::check_decks(const std::vector<Card>& canonical) const {
  auto want = canonical;
  std::sort(want.begin(), want.end());
  for (size_t k = 0; k < plan_->deals.size(); ++k) {
    auto got = plan_->deals[k];
    std::sort(got.begin(), got.end());
    if (got != want)
      return make_error("bad_record", "deals[" + std::to_string(k) + "] is not the game's deck of " +
                                          std::to_string(canonical.size()) +
                                          " cards, each exactly once");
  }
  return Status::Ok();
}

std::optional<std::string> DealSource::shown_seed(int k) const {
  if (static_cast<size_t>(k) < plan_->deals.size()) return std::nullopt;
  return hand_seed_text(k);
}

// The digest of a seed shown_seed(k) returned.
std::string DealSource::seed_digest(int k, const std::string& seed) const {
  auto i = static_cast<size_t>(k);
  return i < plan_->seed_digests.size() ? plan_->seed_digests[i] : sha256_hex(seed);
}

void DealSource::add_seed_fields(boost::json::object& view, int k, bool revealed) const {
  auto seed = shown_seed(k);
  if (!seed) {
    view["hand_seed_sha256"] = nullptr;
    return;
  }
  view["hand_seed_sha256"] = seed_digest(k, *seed);
  if (revealed) view["hand_seed"] = std::move(*seed);
}

void DealSource::write_seed_fields(JsonText& view, int k, bool revealed) const {
  auto i = static_cast<size_t>(k);
  view.key("hand_seed_sha256");
  if (i >= plan_->deals.size() && i < plan_->hand_seeds.size()) {  // a live room's: no copies
    view.string(plan_->seed_digests[i]);
    if (revealed) view.key("hand_seed").string(plan_->hand_seeds[i]);
    return;
  }
  auto seed = shown_seed(k);
  if (!seed) {
    view.null();
    return;
  }
  view.string(seed_digest(k, *seed));
  if (revealed) view.key("hand_seed").string(*seed);
}

DealSource DealSource::with_hand_seed(std::string seed_text) const {
  Plan p = *plan_;
  // Seeds line up with hand numbers. Hands whose deck was given in `deals`
  // need no seed; their places hold the (unused) fallback text, so that the
  // appended seed lands on the first hand without a given deck.
  while (p.hand_seeds.size() < p.deals.size())
    p.hand_seeds.push_back(p.seed + ":" + std::to_string(p.hand_seeds.size()));
  p.hand_seeds.push_back(std::move(seed_text));
  DealSource out;
  out.plan_ = make_plan(std::move(p));
  return out;
}

boost::json::object DealSource::to_json() const {
  boost::json::object o;
  o["seed"] = plan_->seed;
  boost::json::array hs;
  for (const auto& s : plan_->hand_seeds) hs.emplace_back(s);
  o["hand_seeds"] = std::move(hs);
  boost::json::array ds;
  for (const auto& d : plan_->deals) ds.emplace_back(cards_json(d));
  o["deals"] = std::move(ds);
  o["live"] = plan_->live;
  return o;
}

namespace {
Result<std::vector<std::string>> read_string_list(const boost::json::value* v, std::string_view key) {
  std::vector<std::string> out;
  if (!v || v->is_null()) return out;
  const auto* arr = v->if_array();
  if (!arr) return make_error("bad_record", std::string(key) + " must be a list of strings");
  for (const auto& s : *arr) {
    if (!s.is_string()) return make_error("bad_record", std::string(key) + " must be a list of strings");
    out.emplace_back(s.get_string());
  }
  return out;
}

Result<std::vector<std::vector<Card>>> read_deals(const boost::json::value* v) {
  std::vector<std::vector<Card>> out;
  if (!v || v->is_null()) return out;
  const auto* arr = v->if_array();
  if (!arr) return make_error("bad_record", "deals must be a list of decks");
  for (size_t k = 0; k < arr->size(); ++k) {
    auto d = cards_from_json((*arr)[k], "deals[" + std::to_string(k) + "]", "bad_record");
    if (!d) return d.error();
    out.push_back(std::move(*d));
  }
  return out;
}
}  // namespace

Result<DealSource> DealSource::from_json(const boost::json::object& obj) {
  auto seed = read_string(obj, "seed", "bad_record");
  if (!seed) return seed.error();
  auto hs = read_string_list(obj.if_contains("hand_seeds"), "hand_seeds");
  if (!hs) return hs.error();
  auto ds = read_deals(obj.if_contains("deals"));
  if (!ds) return ds.error();
  return DealSource(std::move(*seed), std::move(*hs), std::move(*ds), read_flag(obj, "live"));
}

bool DealSource::operator==(const DealSource& o) const {
  return plan_->seed == o.plan_->seed && plan_->hand_seeds == o.plan_->hand_seeds &&
         plan_->deals == o.plan_->deals && plan_->live == o.plan_->live;
}

Result<Setup> setup_from_record(const boost::json::object& record, bool live) {
  Setup s;
  if (const auto* o = record.if_contains("options"); o && !o->is_null()) {
    if (!o->is_object()) return make_error("bad_record", "options must be an object");
    s.options = o->get_object();
  }
  auto players = read_opt_int(record, "players", "bad_record");
  if (!players) return players.error();
  if (*players) {
    if (**players < 1 || **players > 16) return make_error("bad_record", "players out of range");
    s.players = static_cast<int>(**players);
  }
  auto dealer = read_opt_int(record, "dealer", "bad_record");
  if (!dealer) return dealer.error();
  if (*dealer) {
    if (**dealer < 0 || **dealer > 16) return make_error("bad_record", "dealer out of range");
    s.dealer = static_cast<int>(**dealer);
  }
  std::string seed = "0";
  if (const auto* v = record.if_contains("seed"); v && !v->is_null()) {
    if (v->is_int64()) seed = std::to_string(v->get_int64());
    else if (v->is_uint64()) seed = std::to_string(v->get_uint64());
    else return make_error("bad_record", "seed must be an integer");
  }
  auto hs = read_string_list(record.if_contains("hand_seeds"), "hand_seeds");
  if (!hs) return hs.error();
  auto ds = read_deals(record.if_contains("deals"));
  if (!ds) return ds.error();
  s.deals = DealSource(std::move(seed), std::move(*hs), std::move(*ds), live);
  return s;
}

}  // namespace parlor::rules
