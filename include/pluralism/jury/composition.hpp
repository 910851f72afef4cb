// SPDX-License-Identifier: MIT
#pragma once

/// @file jury/composition.hpp
/// @brief Juror sheets, jury compositions and conditional compositions (Gordon et al., CHI 2022, section 4).
///
/// A sheet says who may sit (a predicate over annotator attributes) and how many seats it fills. A
/// composition is an ordered list of sheets: sheets are filled in order, so when pools overlap an earlier
/// sheet has the first pick (DESIGN section 4). A conditional composition chooses the composition from the
/// item: ordered rules, first match wins, with a default; `select` reports which rule fired so the choice can
/// be audited.
/// @code
/// pl::composition jury{pl::sheet{pl::attr("politics") == "liberal", 6},
///                      pl::sheet{pl::attr("parent") == "yes", 6, "parents"}};
/// pl::conditional_composition rules{{{pl::attr("topic") == "covid", pl::composition{pl::sheet{pl::attr("job") == "MD", 6}}}},
///                                   jury};
/// @endcode

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "../contract.hpp"
#include "attribute_table.hpp"
#include "predicate.hpp"

namespace pluralism {

/// One juror sheet: who is eligible and how many seats. `name` labels it in reports; empty means "use the
/// predicate's text".
struct sheet {
  predicate who;
  std::uint32_t seats = 0;
  std::string name;

  sheet() = default;
  sheet(predicate who_, std::uint32_t seats_, std::string name_ = {})
      : who(std::move(who_)), seats(seats_), name(std::move(name_)) {}

  /// The label used in reports and errors.
  [[nodiscard]] std::string label() const { return name.empty() ? who.to_string() : name; }
};

/// An ordered list of sheets.
class composition {
 public:
  composition() = default;
  composition(std::initializer_list<sheet> sheets) : sheets_(sheets) {}
  explicit composition(std::vector<sheet> sheets) : sheets_(std::move(sheets)) {}

  [[nodiscard]] const std::vector<sheet>& sheets() const noexcept { return sheets_; }
  [[nodiscard]] std::vector<sheet>& sheets() noexcept { return sheets_; }
  [[nodiscard]] std::size_t size() const noexcept { return sheets_.size(); }
  [[nodiscard]] const sheet& operator[](std::size_t s) const { return sheets_.at(s); }
  [[nodiscard]] sheet& operator[](std::size_t s) { return sheets_.at(s); }

  /// The number of jurors: the sum of the seats.
  [[nodiscard]] std::uint32_t total_seats() const noexcept {
    std::uint32_t n = 0;
    for (const auto& s : sheets_) n += s.seats;
    return n;
  }
  /// Readable form, e.g. `6 x politics == liberal + 6 x parents`.
  [[nodiscard]] std::string to_string() const {
    std::string out;
    for (const auto& s : sheets_) out += (out.empty() ? "" : " + ") + std::to_string(s.seats) + " x " + s.label();
    return out.empty() ? "(no sheets)" : out;
  }

 private:
  std::vector<sheet> sheets_;
};

/// One rule of a conditional composition: items satisfying `when` (a predicate over item columns) are judged
/// by `jury`.
struct composition_rule {
  predicate when;
  composition jury;
};

/// Ordered rules from item predicates to compositions, first match wins, with a default composition.
struct conditional_composition {
  std::vector<composition_rule> rules;
  composition otherwise;

  /// Which composition judges `item` (a row of `items`), and the rule that chose it (`rules.size()` for the
  /// default). Throws as `predicate::evaluate` for unknown item columns or values.
  struct choice {
    std::size_t rule;
    const composition* jury;
  };
  [[nodiscard]] choice select(const attribute_table& items, std::size_t item) const {
    for (std::size_t r = 0; r < rules.size(); ++r)
      if (rules[r].when.test(items, item)) return {r, &rules[r].jury};
    return {rules.size(), &otherwise};
  }
};

}  // namespace pluralism
