// SPDX-License-Identifier: MIT
// `pluralism pareto [--max COLS] [--ranks | --hv REF | --leaderboard] FILE`: the non-dominated rows of a
// table of numbers (one point per line, comma or whitespace separated, optional header line), or every row's
// Pareto rank, the hypervolume, or a leaderboard with each row's Pareto improvements.
#include <pluralism/pareto.hpp>

#include <cerrno>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"

namespace pluralism_cli {
namespace {

struct table {
  std::vector<std::string> header;
  std::vector<double> values;
  std::vector<std::size_t> line_of_row;  // 1-based line number of each row
  std::size_t cols = 0;
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : line) {
    if (ch == ',' || std::isspace(static_cast<unsigned char>(ch))) {
      if (!cur.empty() || ch == ',') out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  // "a, b" gives an empty token after the comma-split of the space: drop empties that came from spaces only.
  std::vector<std::string> clean;
  for (auto& t : out)
    if (!t.empty()) clean.push_back(t);
  return clean;
}

bool parse_number(const std::string& s, double& v) {
  errno = 0;
  char* end = nullptr;
  v = std::strtod(s.c_str(), &end);
  return end != s.c_str() && *end == '\0' && errno != ERANGE;
}

table read_table(std::istream& in, const std::string& name) {
  table t;
  std::string line;
  std::size_t lineno = 0;
  bool first = true;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto tokens = split(line);
    if (tokens.empty() || tokens[0][0] == '#') continue;
    std::vector<double> row;
    std::size_t bad = tokens.size();
    for (std::size_t j = 0; j < tokens.size(); ++j) {
      double v = 0;
      if (!parse_number(tokens[j], v)) {
        bad = j;
        break;
      }
      row.push_back(v);
    }
    if (bad < tokens.size()) {
      if (first) {  // a header line
        t.header = tokens;
        t.cols = tokens.size();
        first = false;
        continue;
      }
      throw cli_error(name + ":" + std::to_string(lineno) + ": '" + tokens[bad] + "' (column " + std::to_string(bad + 1) +
                      ") is not a number");
    }
    if (first && t.cols == 0) t.cols = row.size();
    first = false;
    if (row.size() != t.cols)
      throw cli_error(name + ":" + std::to_string(lineno) + ": " + std::to_string(row.size()) + " values, expected " +
                      std::to_string(t.cols) + " (ragged rows)");
    t.values.insert(t.values.end(), row.begin(), row.end());
    t.line_of_row.push_back(lineno);
  }
  if (t.line_of_row.empty()) throw cli_error(name + ": no rows of numbers");
  return t;
}

// "--max 0,2" (0-based column numbers) or "--max accuracy,helpful" (header names).
pluralism::senses parse_senses(const std::string& spec, const table& t) {
  pluralism::senses s(t.cols, pluralism::sense::minimize);
  if (spec.empty()) return s;
  std::stringstream ss(spec);
  std::string item;
  while (std::getline(ss, item, ',')) {
    std::size_t col = t.cols;
    double v = 0;
    if (parse_number(item, v) && v >= 0 && v == std::floor(v)) {
      col = static_cast<std::size_t>(v);
    } else {
      for (std::size_t j = 0; j < t.header.size(); ++j)
        if (t.header[j] == item) col = j;
    }
    if (col >= t.cols)
      throw cli_error("--max: '" + item + "' is neither a column number in 0.." + std::to_string(t.cols - 1) +
                      " nor a header name");
    s[col] = pluralism::sense::maximize;
  }
  return s;
}

std::vector<double> parse_ref(const std::string& spec, std::size_t cols) {
  std::vector<double> r;
  for (const auto& tok : split(spec)) {
    double v = 0;
    if (!parse_number(tok, v)) throw cli_error("--hv: '" + tok + "' is not a number");
    r.push_back(v);
  }
  if (r.size() != cols)
    throw cli_error("--hv: " + std::to_string(r.size()) + " reference coordinates for " + std::to_string(cols) + " columns");
  return r;
}

struct options {
  std::string file, max, hv, nan = "error";
  bool ranks = false, leaderboard = false, keep_first = false;
};

void run(const options& o) {
  table t;
  if (o.file == "-") {
    t = read_table(std::cin, "<stdin>");
  } else {
    std::ifstream in(o.file);
    if (!in) throw cli_error(o.file + ": cannot open");
    t = read_table(in, o.file);
  }
  pluralism::pareto_options po;
  po.objectives = parse_senses(o.max, t);
  po.duplicates = o.keep_first ? pluralism::duplicate_policy::keep_first : pluralism::duplicate_policy::keep_all;
  if (o.nan == "worst") {
    po.nans = pluralism::objective_nan_policy::worst;
  } else if (o.nan == "drop") {
    po.nans = pluralism::objective_nan_policy::drop;
  } else {
    for (std::size_t i = 0; i < t.line_of_row.size(); ++i)
      for (std::size_t j = 0; j < t.cols; ++j)
        if (std::isnan(t.values[i * t.cols + j]))
          throw cli_error((o.file == "-" ? std::string("<stdin>") : o.file) + ":" + std::to_string(t.line_of_row[i]) +
                          ": column " + std::to_string(j + 1) + " is NaN (use --nan worst or --nan drop)");
  }
  const auto m = pluralism::as_matrix(t.values, t.cols);
  if (o.ranks) {
    for (auto r : pluralism::pareto_ranks(m, po)) {
      if (r == pluralism::no_rank) {
        std::printf("-\n");
      } else {
        std::printf("%zu\n", r);
      }
    }
  } else if (!o.hv.empty()) {
    std::printf("%.15g\n", pluralism::hypervolume(m, parse_ref(o.hv, t.cols), po));
  } else if (o.leaderboard) {
    const auto b = pluralism::pareto_leaderboard(m, po);
    std::printf("front:");
    for (auto i : b.front) std::printf(" %zu", i);
    std::printf("\nrow\trank\timproved on by\n");
    for (std::size_t i = 0; i < b.rank.size(); ++i) {
      if (b.rank[i] == pluralism::no_rank) {
        std::printf("%zu\t-\t(dropped: NaN)\n", i);
        continue;
      }
      std::printf("%zu\t%zu\t", i, b.rank[i]);
      if (b.improvements[i].empty()) std::printf("-");
      for (std::size_t k = 0; k < b.improvements[i].size(); ++k) std::printf(k ? " %zu" : "%zu", b.improvements[i][k]);
      std::printf("\n");
    }
  } else {
    for (auto i : pluralism::nondominated_indices(m, po)) std::printf("%zu\n", i);
  }
}

}  // namespace

void add_pareto(CLI::App& app) {
  auto o = std::make_shared<options>();
  auto* cmd = app.add_subcommand(
      "pareto", "Non-dominated rows (0-based), Pareto ranks, hypervolume or a leaderboard of a table of numbers");
  cmd->add_option("FILE", o->file, "rows of numbers, comma or whitespace separated, optional header; '-' for stdin")
      ->required();
  cmd->add_option("--max", o->max, "maximised columns: 0-based numbers or header names, comma separated");
  auto* ranks = cmd->add_flag("--ranks", o->ranks, "print every row's Pareto rank (0 = non-dominated)");
  auto* hv = cmd->add_option("--hv", o->hv, "print the hypervolume for this reference point (comma separated)");
  auto* lb = cmd->add_flag("--leaderboard", o->leaderboard, "print the front, ranks and each row's Pareto improvements");
  ranks->excludes(hv)->excludes(lb);
  hv->excludes(lb);
  cmd->add_option("--nan", o->nan, "NaN policy: error (default), worst, drop")
      ->check(CLI::IsMember({"error", "worst", "drop"}));
  cmd->add_flag("--keep-first", o->keep_first, "of identical rows keep only the first (default: keep all, tied)");
  cmd->callback([o] { run(*o); });
}

}  // namespace pluralism_cli
