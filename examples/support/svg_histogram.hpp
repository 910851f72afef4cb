// SPDX-License-Identifier: MIT
#pragma once
// A histogram as a small standalone SVG document: enough for the examples to show a distribution without a
// plotting library. Values outside [lo, hi] go to the end bins; a dashed line marks the threshold.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace pluralism_examples {

inline std::string svg_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

inline std::string svg_histogram(const std::vector<double>& values, double lo, double hi, int bins,
                                 const std::string& title, const std::string& x_label, double threshold) {
  std::vector<int> counts(static_cast<std::size_t>(bins), 0);
  const double width = (hi - lo) / bins;
  for (double v : values) {
    const int b = width > 0 ? static_cast<int>(std::floor((v - lo) / width)) : 0;
    ++counts[static_cast<std::size_t>(std::clamp(b, 0, bins - 1))];
  }
  const int top = std::max(1, *std::max_element(counts.begin(), counts.end()));
  const double W = 640, H = 360, left = 50, right = 20, upper = 40, lower = 50;
  const double pw = W - left - right, ph = H - upper - lower;
  char buf[512];
  std::string s;
  std::snprintf(buf, sizeof buf,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" "
                "font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                W, H);
  s += buf;
  s += "<text x=\"" + std::to_string(static_cast<int>(W / 2)) + "\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">" +
       svg_escape(title) + "</text>\n";
  for (int b = 0; b < bins; ++b) {
    const double h = ph * counts[static_cast<std::size_t>(b)] / top;
    std::snprintf(buf, sizeof buf,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4c78a8\" stroke=\"white\"/>\n",
                  left + pw * b / bins, upper + ph - h, pw / bins, h);
    s += buf;
  }
  std::snprintf(buf, sizeof buf, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n", left,
                upper + ph, left + pw, upper + ph);
  s += buf;
  for (int t = 0; t <= 4; ++t) {
    const double x = lo + (hi - lo) * t / 4;
    std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.2g</text>\n",
                  left + pw * t / 4, upper + ph + 16, x);
    s += buf;
  }
  std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", left + pw / 2,
                H - 12, svg_escape(x_label).c_str());
  s += buf;
  std::snprintf(buf, sizeof buf, "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">juries</text>\n",
                upper + ph / 2, upper + ph / 2);
  s += buf;
  std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n", left - 6, upper + 4, top);
  s += buf;
  if (threshold >= lo && threshold <= hi) {
    const double x = left + pw * (threshold - lo) / (hi - lo);
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e45756\" stroke-dasharray=\"6 4\" "
                  "stroke-width=\"2\"/>\n<text x=\"%.1f\" y=\"%.1f\" fill=\"#e45756\">threshold %.2f</text>\n",
                  x, upper, x, upper + ph, x + 4, upper + 12, threshold);
    s += buf;
  }
  return s + "</svg>\n";
}

}  // namespace pluralism_examples
