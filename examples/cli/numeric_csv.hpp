// SPDX-License-Identifier: MIT
#pragma once
// Reading the numeric CSV files of `pluralism divergence` and `pluralism calibration`: one record per line,
// comma-separated numbers, errors as "FILE:LINE:FIELD: ..." (thrown as cli_error, so the tool exits with 2).

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "commands.hpp"

namespace pluralism_cli {

/// Each non-empty line of `path` as its comma-separated numbers. A blank line before the last record is an
/// error (a record would silently shift); trailing blank lines are ignored.
inline std::vector<std::vector<double>> read_numeric_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw cli_error(path + ": cannot open");
  std::vector<std::vector<double>> rows;
  std::string line;
  std::size_t lineno = 0, blank_at = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (blank_at == 0) blank_at = lineno;
      continue;
    }
    if (blank_at != 0) throw cli_error(path + ":" + std::to_string(blank_at) + ": blank line between records");
    std::vector<double> row;
    std::size_t start = 0, field = 1;
    for (;;) {
      const auto comma = line.find(',', start);
      std::string cell = line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      const auto b = cell.find_first_not_of(" \t"), e = cell.find_last_not_of(" \t");
      cell = b == std::string::npos ? std::string() : cell.substr(b, e - b + 1);
      char* end = nullptr;
      errno = 0;
      const double v = std::strtod(cell.c_str(), &end);
      if (cell.empty() || end != cell.c_str() + cell.size() || (errno == ERANGE && std::abs(v) == HUGE_VAL))  // underflow to a subnormal is fine
        throw cli_error(path + ":" + std::to_string(lineno) + ":" + std::to_string(field) + ": '" + cell +
                        "' is not a number");
      row.push_back(v);
      if (comma == std::string::npos) break;
      start = comma + 1;
      ++field;
    }
    rows.push_back(std::move(row));
  }
  if (rows.empty()) throw cli_error(path + ": no records");
  return rows;
}

/// "1,2,1.5" as numbers (for options such as --positions).
inline std::vector<double> parse_number_list(const std::string& text, const std::string& option) {
  std::vector<double> out;
  std::size_t start = 0;
  for (;;) {
    const auto comma = text.find(',', start);
    const std::string cell = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    char* end = nullptr;
    const double v = std::strtod(cell.c_str(), &end);
    if (cell.empty() || end != cell.c_str() + cell.size())
      throw cli_error(option + ": '" + cell + "' is not a number");
    out.push_back(v);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace pluralism_cli
