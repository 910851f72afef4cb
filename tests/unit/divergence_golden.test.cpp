// SPDX-License-Identifier: MIT
// Golden test: the published total-variation scores of Meister, Guestrin & Hashimoto, "Benchmarking
// Distributional Alignment of Large Language Models" (2024), reproduced from their per-question model and
// human distributions (../shared/data/distributional-alignment, 12 result files) to 1e-4. Each file's score is
// the mean over its questions of 0.5 sum_k |model_k - human_k| over the union of answer keys, on the vectors as
// stored: some model rows do not sum to 1 and some are all zeros (parse failures, TV = 0.5).
// The JSON files are read by a minimal reader written for this test (the library itself reads no JSON).
#include <pluralism/divergence.hpp>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support/skip.hpp"

namespace {

// A JSON value: enough of RFC 8259 for these files (objects, arrays, strings with simple escapes, numbers,
// true/false/null).
struct json {
  struct member;  // a key and its value; not std::pair, which Clang 14 with libstdc++ 12 will not nest
  enum class kind { null, boolean, number, string, array, object } type = kind::null;
  double number = 0.0;
  std::string text;
  std::vector<json> items;
  std::vector<member> members;
  const json& operator[](const std::string& key) const;
};
struct json::member {
  std::string key;
  json value;
};
const json& json::operator[](const std::string& key) const {
  for (const auto& [k, v] : members)
    if (k == key) return v;
  throw std::runtime_error("json: no member " + key);
}

class json_reader {
 public:
  explicit json_reader(std::string s) : s_(std::move(s)) {}
  json parse() {
    json v = value();
    ws();
    if (i_ != s_.size()) fail("trailing characters");
    return v;
  }

 private:
  std::string s_;
  std::size_t i_ = 0;
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("json: " + what + " at offset " + std::to_string(i_));
  }
  void ws() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  void expect(char c) {
    ws();
    if (i_ >= s_.size() || s_[i_] != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }
  bool literal(const char* word) {
    const std::string w(word);
    if (s_.compare(i_, w.size(), w) != 0) return false;
    i_ += w.size();
    return true;
  }
  std::string string_value() {
    expect('"');
    std::string out;
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_++];
      if (c == '\\') {
        if (i_ >= s_.size()) fail("bad escape");
        const char e = s_[i_++];
        if (e == 'n') c = '\n';
        else if (e == 't') c = '\t';
        else if (e == 'u') {  // keep \uXXXX as is: only keys and values we do not compare
          out += "\\u";
          continue;
        } else c = e;
      }
      out += c;
    }
    expect('"');
    return out;
  }
  json value() {
    ws();
    if (i_ >= s_.size()) fail("unexpected end");
    json v;
    const char c = s_[i_];
    if (c == '{') {
      v.type = json::kind::object;
      ++i_;
      ws();
      if (s_[i_] == '}') return ++i_, v;
      for (;;) {
        std::string key = string_value();
        expect(':');
        v.members.push_back({std::move(key), value()});
        ws();
        if (s_[i_] == ',') ++i_;
        else return expect('}'), v;
      }
    }
    if (c == '[') {
      v.type = json::kind::array;
      ++i_;
      ws();
      if (s_[i_] == ']') return ++i_, v;
      for (;;) {
        v.items.push_back(value());
        ws();
        if (s_[i_] == ',') ++i_;
        else return expect(']'), v;
      }
    }
    if (c == '"') {
      v.type = json::kind::string;
      v.text = string_value();
      return v;
    }
    if (literal("true") || literal("false")) return v.type = json::kind::boolean, v;
    if (literal("null")) return v;
    const char* begin = s_.c_str() + i_;
    char* end = nullptr;
    v.number = std::strtod(begin, &end);
    if (end == begin) fail("bad value");
    i_ += static_cast<std::size_t>(end - begin);
    v.type = json::kind::number;
    return v;
  }
};

std::string shared_data() {
  if (const char* env = std::getenv("PLURALISM_SHARED_DATA")) return env;
  return PLURALISM_SHARED_DATA;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::map<std::string, double> distribution(const json& obj) {
  std::map<std::string, double> out;
  for (const auto& [k, v] : obj.members) out[k] = v.number;
  return out;
}

}  // namespace

TEST_CASE("json reader reads what the golden test needs", "[divergence][golden]") {
  const auto v = json_reader(R"({"a": [1, -2.5e-3, true, null], "b": {"c": "x\"y"}})").parse();
  CHECK(v["a"].items.size() == 4);
  CHECK(v["a"].items[1].number == -2.5e-3);
  CHECK(v["b"]["c"].text == "x\"y");
  CHECK_THROWS(json_reader("{\"a\": }").parse());
}

TEST_CASE("Meister et al. 2024: published total-variation scores to 1e-4", "[divergence][golden]") {
  const std::string dir = shared_data() + "/distributional-alignment/";
  std::ifstream index(dir + "published_tv.csv");
  if (!index) {
    PLURALISM_SKIP_TEST(dir << "published_tv.csv not found (the shared data folder is absent)");
  }
  std::string line;
  std::getline(index, line);  // header: file,published_tv,source_path
  int files = 0;
  while (std::getline(index, line)) {
    if (line.empty()) continue;
    const auto c1 = line.find(',');
    const auto c2 = line.find(',', c1 + 1);
    const std::string file = line.substr(0, c1);
    const double published = std::stod(line.substr(c1 + 1, c2 - c1 - 1));
    const json doc = json_reader(slurp(dir + file)).parse();
    REQUIRE(doc.type == json::kind::object);
    double sum = 0.0;
    std::size_t n = 0, unnormalised = 0;
    for (const auto& [question, entry] : doc.members) {
      const auto model = distribution(entry["avg_actual_results"]);
      const auto human = distribution(entry["expected_results"]);
      double mass = 0.0;
      for (const auto& [k, v] : model) mass += v;
      if (std::abs(mass - 1.0) > 1e-6) ++unnormalised;
      sum += pluralism::total_variation(model, human);  // keyed: union of answer keys, as stored
      ++n;
    }
    INFO(file << ": " << n << " questions, " << unnormalised << " model rows not summing to 1");
    CHECK(n > 0);
    CHECK_THAT(sum / static_cast<double>(n), Catch::Matchers::WithinAbs(published, 1e-4));
    ++files;
  }
  CHECK(files == 12);
}
