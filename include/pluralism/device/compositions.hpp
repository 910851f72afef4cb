// SPDX-License-Identifier: MIT
#pragma once

/// @file device/compositions.hpp
/// @brief Compositions as the device kernels read them: every sheet's eligible pool (sorted annotator
/// indices) and seats, uploaded once and shared by every item of a sweep.
///
/// A composition is an ordered list of sheets (DESIGN section 4). Here a sheet is already resolved to its
/// pool of annotator indices: the CPU jury code resolves attribute predicates, the device code samples.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <thrust/device_vector.h>

#include "../contract.hpp"
#include "../error.hpp"
#include "../jury/composition.hpp"
#include "../jury/draw.hpp"
#include "../jury/pools.hpp"
#include "error.hpp"

namespace pluralism::device {

/// The most seats one jury may have (all sheets of a composition together): the kernels keep a jury in
/// registers or local memory of this size.
inline constexpr std::uint32_t max_seats = 64;

/// One sheet of a composition: its eligible annotators (indices, sorted ascending, distinct) and its seats.
struct pool_sheet {
  std::vector<std::uint32_t> members;
  std::uint32_t seats = 0;
};

/// A composition: sheets filled in order, each without replacement, a person sitting at most once.
using pool_composition = std::vector<pool_sheet>;

namespace detail {
/// What a kernel needs of the uploaded compositions: composition c has sheets
/// [first_sheet[c], first_sheet[c + 1]) of `sheets` and `seats[c]` seats in all.
struct composition_view {
  const sheet_pool* sheets = nullptr;
  const std::uint32_t* first_sheet = nullptr;
  const std::uint32_t* seats = nullptr;
};

template <class T>
thrust::device_vector<T> device_copy(const std::vector<T>& host, const char* what) {
  if (host.empty()) return {};  // (Thrust dereferences begin() of the source even for an empty range)
  try {
    return thrust::device_vector<T>(host.begin(), host.end());
  } catch (const std::bad_alloc&) {
    throw_out_of_memory(what, host.size() * sizeof(T));
  }
}
}  // namespace detail

/// Compositions uploaded to device memory, checked once on the host. Not copyable (its sheets point into
/// its own member array); movable.
class composition_table {
 public:
  /// Checks and uploads `compositions` for a population of `annotators` people.
  /// @throws precondition_error `[pluralism.device.no_compositions]` when `compositions` is empty;
  ///   `[pluralism.jury.empty_composition]` for a composition without sheets; `[pluralism.jury.seats]` when a
  ///   composition has no seats or more than `max_seats`; `[pluralism.jury.pool_order]` when a pool is not
  ///   sorted ascending and distinct; `[pluralism.jury.annotator_range]` for an index >= `annotators`.
  /// @throws data_error `[pluralism.jury.unfillable_sheet]` when a sheet has fewer matches than seats.
  /// @throws device_error `[pluralism.device.out_of_memory]` when the upload cannot be allocated.
  composition_table(std::span<const pool_composition> compositions, std::uint32_t annotators) {
    PLURALISM_EXPECTS(!compositions.empty(), "pluralism.device.no_compositions",
                      "composition_table: at least one composition is needed, got none");
    PLURALISM_EXPECTS(compositions.size() < 0xFFFFFFFFu, "pluralism.device.no_compositions",
                      "composition_table: too many compositions: " + std::to_string(compositions.size()));
    std::vector<std::uint32_t> members;
    std::vector<std::uint32_t> first_sheet{0};
    std::vector<std::uint32_t> seats;
    std::vector<std::size_t> offsets;  // start of each sheet's pool in `members`
    std::vector<sheet_pool> sheets;    // pointers filled in after the upload
    for (std::size_t c = 0; c < compositions.size(); ++c) {
      const auto& comp = compositions[c];
      const std::string where = "composition " + std::to_string(c);
      PLURALISM_EXPECTS(!comp.empty(), "pluralism.jury.empty_composition", where + " has no sheets");
      std::uint64_t total = 0;
      for (std::size_t s = 0; s < comp.size(); ++s) {
        const auto& sheet = comp[s];
        const std::string name = where + ", sheet " + std::to_string(s);
        PLURALISM_EXPECTS(sheet.members.size() < 0xFFFFFFFFu, "pluralism.jury.pool_order", name + ": pool too large");
        for (std::size_t k = 0; k < sheet.members.size(); ++k) {
          PLURALISM_EXPECTS(sheet.members[k] < annotators, "pluralism.jury.annotator_range",
                            name + ": member " + std::to_string(sheet.members[k]) + " is not below the " +
                                std::to_string(annotators) + " annotators");
          PLURALISM_EXPECTS(k == 0 || sheet.members[k - 1] < sheet.members[k], "pluralism.jury.pool_order",
                            name + ": members must be sorted ascending and distinct, found " +
                                std::to_string(sheet.members[k - 1]) + " before " + std::to_string(sheet.members[k]));
        }
        if (sheet.seats > sheet.members.size()) {
          PLURALISM_THROW(data_error, "pluralism.jury.unfillable_sheet",
                          name + " has " + std::to_string(sheet.members.size()) + " matches for " +
                              std::to_string(sheet.seats) + " seats");
        }
        total += sheet.seats;
        offsets.push_back(members.size());
        members.insert(members.end(), sheet.members.begin(), sheet.members.end());
        sheets.push_back(sheet_pool{nullptr, static_cast<std::uint32_t>(sheet.members.size()), sheet.seats});
      }
      PLURALISM_EXPECTS(total >= 1 && total <= max_seats, "pluralism.jury.seats",
                        where + " has " + std::to_string(total) + " seats; a jury needs 1 to " +
                            std::to_string(max_seats));
      PLURALISM_EXPECTS(sheets.size() < 0xFFFFFFFFu, "pluralism.jury.seats", "too many sheets");
      first_sheet.push_back(static_cast<std::uint32_t>(sheets.size()));
      seats.push_back(static_cast<std::uint32_t>(total));
      max_jury_ = std::max(max_jury_, static_cast<std::uint32_t>(total));
    }
    members_ = detail::device_copy(members, "composition pools");
    const std::uint32_t* base = thrust::raw_pointer_cast(members_.data());
    for (std::size_t s = 0; s < sheets.size(); ++s) sheets[s].members = base + offsets[s];
    sheets_ = detail::device_copy(sheets, "composition sheets");
    first_sheet_ = detail::device_copy(first_sheet, "composition sheets");
    seats_ = detail::device_copy(seats, "composition seats");
    count_ = compositions.size();
    annotators_ = annotators;
  }

  composition_table(const composition_table&) = delete;
  composition_table& operator=(const composition_table&) = delete;
  composition_table(composition_table&&) = default;
  composition_table& operator=(composition_table&&) = default;
  ~composition_table() = default;

  /// Number of compositions.
  [[nodiscard]] std::size_t size() const noexcept { return count_; }
  /// Size of the population the pools index into.
  [[nodiscard]] std::uint32_t annotators() const noexcept { return annotators_; }
  /// The largest number of seats of any composition.
  [[nodiscard]] std::uint32_t max_jury() const noexcept { return max_jury_; }
  /// Raw device pointers for kernels; valid while the table lives.
  [[nodiscard]] detail::composition_view view() const noexcept {
    return {thrust::raw_pointer_cast(sheets_.data()), thrust::raw_pointer_cast(first_sheet_.data()),
            thrust::raw_pointer_cast(seats_.data())};
  }

 private:
  thrust::device_vector<std::uint32_t> members_;
  thrust::device_vector<sheet_pool> sheets_;
  thrust::device_vector<std::uint32_t> first_sheet_;
  thrust::device_vector<std::uint32_t> seats_;
  std::size_t count_ = 0;
  std::uint32_t annotators_ = 0;
  std::uint32_t max_jury_ = 0;
};

/// The pools of a host `composition` (juror sheets with predicates) over `annotators`, ready for a
/// `composition_table`: the same people, in the same order, as the CPU path's `convene` draws from.
/// @throws as `resolve_pools` (unknown attributes or values, no seats).
inline pool_composition to_pool_composition(const pluralism::composition& jury, const attribute_table& annotators) {
  const sheet_pools pools = resolve_pools(jury, annotators);
  pool_composition out;
  for (std::size_t s = 0; s < pools.members.size(); ++s) out.push_back(pool_sheet{pools.members[s], pools.seats[s]});
  return out;
}

}  // namespace pluralism::device
