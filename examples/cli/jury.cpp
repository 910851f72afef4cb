// SPDX-License-Identifier: MIT
// `pluralism jury`: convene juries on every item of a long-format annotation CSV and write one row per item.
//   pluralism jury --data ratings.csv --item comment --annotator worker --rating toxicity
//                  --sheet 'politics=liberal:6' --sheet 'parent=yes,education=HS:6' --threshold 1 --seed 42
// A sheet is 'ATTR=VALUE[,ATTR=VALUE...]:SEATS' (all conditions must hold); VALUE may be a set 'A|B' or a
// numeric range 'LO..HI' (either side may be left open: '..-0.5' is <= -0.5).
#include <pluralism/io.hpp>
#include <pluralism/jury.hpp>
#if __has_include(<Eigen/Dense>)
#include <pluralism/jury/factor_model.hpp>
#define PLURALISM_CLI_HAS_FACTOR 1
#else
#define PLURALISM_CLI_HAS_FACTOR 0
#endif

#include <charconv>
#include <cmath>
#include <memory>
#include <optional>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"

namespace pluralism_cli {
namespace {
namespace pl = pluralism;

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

double number(const std::string& text, const std::string& where) {
  double v = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size() || std::isnan(v))
    throw cli_error(where + ": '" + text + "' is not a number");
  return v;
}

/// 'ATTR=VALUE[,ATTR=VALUE...]:SEATS' -> a sheet.
pl::sheet parse_sheet(const std::string& spec) {
  const auto colon = spec.rfind(':');
  if (colon == std::string::npos) throw cli_error("--sheet '" + spec + "': expected ATTR=VALUE[,ATTR=VALUE...]:SEATS");
  const std::string where = "--sheet '" + spec + "'";
  const double seats = number(spec.substr(colon + 1), where + " seats");
  if (seats < 1 || seats != std::floor(seats) || seats > 1e6) throw cli_error(where + ": seats must be a positive whole number");
  std::optional<pl::predicate> who;
  for (const auto& cond : split(spec.substr(0, colon), ',')) {
    const auto eq = cond.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == cond.size())
      throw cli_error(where + ": condition '" + cond + "' is not ATTR=VALUE");
    const std::string name = cond.substr(0, eq), value = cond.substr(eq + 1);
    pl::predicate p;
    if (const auto dots = value.find(".."); dots != std::string::npos) {
      const std::string lo = value.substr(0, dots), hi = value.substr(dots + 2);
      p = pl::predicate::range(name, lo.empty() ? -std::numeric_limits<double>::infinity() : number(lo, where),
                               hi.empty() ? std::numeric_limits<double>::infinity() : number(hi, where));
    } else if (value.find('|') != std::string::npos) {
      p = pl::attr(name).in(split(value, '|'));
    } else {
      p = pl::attr(name) == value;
    }
    who = who ? (*who && p) : p;
  }
  return pl::sheet{*who, static_cast<std::uint32_t>(seats)};
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

struct jury_args {
  std::string data, item, annotator, rating, model = "observed", out;
  std::vector<std::string> sheets, item_columns, ignore;
  std::uint32_t juries = 101;
  double threshold = std::numeric_limits<double>::quiet_NaN();
  std::uint64_t seed = 0;
  unsigned threads = 0;
  std::uint32_t min_pool = 0;
  std::string small_pool = "refuse";
};

template <class Model>
void run(const jury_args& a, const pl::composition& jury, const Model& model, const pl::annotations& data) {
  const auto verdicts = pl::convene_items(
      jury, model, data,
      {.juries = a.juries, .threshold = a.threshold, .seed = a.seed, .min_pool = a.min_pool,
       .small_pool = a.small_pool == "warn" ? pl::small_pool_policy::warn : pl::small_pool_policy::refuse,
       .threads = a.threads});
  std::ofstream file;
  if (!a.out.empty()) {
    file.open(a.out);
    if (!file) throw cli_error("--out '" + a.out + "': cannot write");
  }
  std::ostream& os = a.out.empty() ? std::cout : file;
  os << "item,verdict,share_at_or_above_threshold,q05,q50,q95,problem\n";
  char buf[160];
  for (const auto& v : verdicts) {
    os << csv_field(v.item_id) << ',';
    if (v.ok) {
      std::snprintf(buf, sizeof buf, "%.6g,%.6g,%.6g,%.6g,%.6g,", v.value, v.share(), v.quantiles[0], v.quantiles[1],
                    v.quantiles[2]);
      std::string warnings;  // judged, with a note: e.g. a sheet under --min-pool with --small-pool warn
      for (const auto& w : v.warnings) warnings += (warnings.empty() ? "warning: " : "; ") + w;
      os << buf << csv_field(warnings) << '\n';
    } else {
      os << ",,,,," << csv_field(v.problem) << '\n';
    }
  }
}
}  // namespace

void add_jury(CLI::App& app) {
  auto a = std::make_shared<jury_args>();
  auto* cmd = app.add_subcommand("jury", "convene parallel juries on every item of an annotation CSV; one CSV row per item");
  cmd->add_option("--data", a->data, "long-format CSV: one row per (item, annotator, rating)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--item", a->item, "item id column")->required();
  cmd->add_option("--annotator", a->annotator, "annotator id column")->required();
  cmd->add_option("--rating", a->rating, "rating column")->required();
  cmd->add_option("--sheet", a->sheets, "juror sheet 'ATTR=VALUE[,ATTR=VALUE...]:SEATS' (VALUE: A|B set, LO..HI range)")
      ->required();
  cmd->add_option("--item-columns", a->item_columns, "columns that describe the item (e.g. its text)")->delimiter(',');
  cmd->add_option("--ignore", a->ignore, "columns to skip")->delimiter(',');
  cmd->add_option("--model", a->model, "observed (real ratings), group (group means) or factor (Eigen factor model)")
      ->check(CLI::IsMember({"observed", "group", "factor"}));
  cmd->add_option("--juries", a->juries, "parallel juries per item (default 101)")->check(CLI::Range(1u, 1000000u));
  cmd->add_option("--threshold", a->threshold, "threshold of the share column (default: middle of the rating scale)")
      ->check(finite_number);
  cmd->add_option("--seed", a->seed, "random seed (default 0)")->check(whole_number(0, UINT64_MAX));
  cmd->add_option("--threads", a->threads, "worker threads (default: all cores; results do not depend on it)")
      ->check(whole_number(0, 4096));
  cmd->add_option("--min-pool", a->min_pool, "the fewest people a sheet may match (default 0: no guard)")
      ->check(whole_number(0, UINT32_MAX));
  cmd->add_option("--small-pool", a->small_pool,
                  "a sheet under --min-pool: refuse the item (default) or warn in the problem column")
      ->check(CLI::IsMember({"refuse", "warn"}));
  cmd->add_option("--out", a->out, "write the CSV here instead of standard output");
  cmd->callback([a] {
    pl::composition jury;
    for (const auto& s : a->sheets) jury.sheets().push_back(parse_sheet(s));
    const auto data = pl::io::read_annotations(
        a->data, {.item = a->item, .annotator = a->annotator, .rating = a->rating, .item_columns = a->item_columns, .ignore = a->ignore});
    if (a->model == "observed") {
      run(*a, jury, pl::models::observed(data), data);
    } else if (a->model == "group") {
      run(*a, jury, pl::models::group_mean(data), data);
    } else {
#if PLURALISM_CLI_HAS_FACTOR
      run(*a, jury, pl::models::fit_factor_model(data, {.seed = a->seed}), data);
#else
      throw cli_error("--model factor needs a build with Eigen");
#endif
    }
  });
}

}  // namespace pluralism_cli
