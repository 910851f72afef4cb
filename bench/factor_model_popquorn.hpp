// SPDX-License-Identifier: MIT
#pragma once
// A minimal private POPQUORN loader for the factor-model benchmark, test and example, used until
// pluralism::io::read_annotations is available on this branch. RFC 4180 fields (quotes, doubled quotes,
// commas and newlines inside quotes); columns instance_id, user_id, text, offensiveness, gender, race, age,
// occupation, education. Returns std::nullopt when the file cannot be opened.
#include <pluralism/jury/annotations.hpp>

#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace factor_bench {

inline std::vector<std::vector<std::string>> read_csv_records(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t k = 0; k < text.size(); ++k) {
    const char ch = text[k];
    if (quoted) {
      if (ch == '"' && k + 1 < text.size() && text[k + 1] == '"') field += '"', ++k;
      else if (ch == '"') quoted = false;
      else field += ch;
    } else if (ch == '"') {
      quoted = any = true;
    } else if (ch == ',') {
      row.push_back(std::move(field)), field.clear(), any = true;
    } else if (ch == '\n' || ch == '\r') {
      if (ch == '\r' && k + 1 < text.size() && text[k + 1] == '\n') ++k;
      if (any || !field.empty()) row.push_back(std::move(field)), rows.push_back(std::move(row));
      row.clear(), field.clear(), any = false;
    } else {
      field += ch, any = true;
    }
  }
  if (any || !field.empty()) row.push_back(std::move(field)), rows.push_back(std::move(row));
  return rows;
}

/// POPQUORN offensiveness as annotations: items = instance_id (first-appearance order), annotators = user_id
/// with categorical gender, race, age, occupation, education.
inline std::optional<pluralism::annotations> load_popquorn(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  const auto rows = read_csv_records(ss.str());
  if (rows.empty() || rows[0].size() != 9 || rows[0][0] != "instance_id")
    throw std::runtime_error(path + ": not the POPQUORN offensiveness table");
  std::map<std::string, std::uint32_t> item_row, ann_row;
  std::vector<std::string> item_ids, ann_ids;
  std::vector<std::vector<std::string>> attrs(5);
  std::vector<pluralism::rating_entry> entries;
  for (std::size_t n = 1; n < rows.size(); ++n) {
    const auto& r = rows[n];
    if (r.size() != 9) throw std::runtime_error(path + ": record " + std::to_string(n) + " has " + std::to_string(r.size()) + " fields");
    auto [it, new_item] = item_row.emplace(r[0], static_cast<std::uint32_t>(item_ids.size()));
    if (new_item) item_ids.push_back(r[0]);
    auto [at, new_ann] = ann_row.emplace(r[1], static_cast<std::uint32_t>(ann_ids.size()));
    if (new_ann) {
      ann_ids.push_back(r[1]);
      for (std::size_t c = 0; c < 5; ++c) attrs[c].push_back(r[4 + c]);
    }
    entries.push_back({it->second, at->second, std::stod(r[3])});
  }
  pluralism::annotations data;
  data.annotators = pluralism::attribute_table(ann_ids);
  const char* names[] = {"gender", "race", "age", "occupation", "education"};
  for (std::size_t c = 0; c < 5; ++c) data.annotators.add_categorical(names[c], attrs[c]);
  data.items = pluralism::attribute_table(item_ids);
  data.ratings = pluralism::rating_store(item_ids.size(), ann_ids.size(), std::move(entries));
  return data;
}

}  // namespace factor_bench
