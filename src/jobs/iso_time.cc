#include "jobs/iso_time.h"

#include <cstdint>

namespace aurora::jobs {
namespace {

// Howard Hinnant's civil-calendar algorithms (public domain).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void CivilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

void Put(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

bool Digits(std::string_view s, size_t pos, size_t n, unsigned& value) {
  if (pos + n > s.size()) return false;
  value = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return true;
}

}  // namespace

std::string FormatIsoMs(Millis ms) {
  // Hot paths format the same millisecond many times in a row.
  thread_local Millis last_ms = -1;
  thread_local std::string last;
  if (ms == last_ms && !last.empty()) return last;
  std::int64_t days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
  std::int64_t rem = ms - days * 86400000;
  std::int64_t y;
  unsigned m, d;
  CivilFromDays(days, y, m, d);
  std::string out = "0000-00-00T00:00:00.000Z";
  Put(&out[0], static_cast<unsigned>(y), 4);
  Put(&out[5], m, 2);
  Put(&out[8], d, 2);
  Put(&out[11], static_cast<unsigned>(rem / 3600000), 2);
  Put(&out[14], static_cast<unsigned>(rem / 60000 % 60), 2);
  Put(&out[17], static_cast<unsigned>(rem / 1000 % 60), 2);
  Put(&out[20], static_cast<unsigned>(rem % 1000), 3);
  last_ms = ms;
  last = out;
  return out;
}

std::optional<Millis> ParseIsoMs(std::string_view s) {
  unsigned y, mo, d, h = 0, mi = 0, sec = 0, ms = 0;
  if (!Digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, mo) || s[7] != '-' ||
      !Digits(s, 8, 2, d)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  size_t pos = 10;
  std::int64_t offset_min = 0;
  if (pos < s.size()) {
    if ((s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') || !Digits(s, pos + 1, 2, h) ||
        pos + 3 >= s.size() || s[pos + 3] != ':' || !Digits(s, pos + 4, 2, mi) || pos + 6 >= s.size() ||
        s[pos + 6] != ':' || !Digits(s, pos + 7, 2, sec)) {
      return std::nullopt;
    }
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
    pos += 9;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      size_t start = pos;
      unsigned scale = 100;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        ms += static_cast<unsigned>(s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start || pos - start > 9) return std::nullopt;
    }
    if (pos == s.size()) return std::nullopt;  // a time needs a zone: Z or an offset
    if (s[pos] == 'Z' || s[pos] == 'z') {
      ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
      unsigned oh, om;
      if (!Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
          !Digits(s, pos + 4, 2, om)) {
        return std::nullopt;
      }
      offset_min = (s[pos] == '+' ? 1 : -1) * static_cast<std::int64_t>(oh * 60 + om);
      pos += 6;
    } else {
      return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
  }
  std::int64_t days = DaysFromCivil(y, mo, d);
  return ((days * 24 + h) * 60 + mi - offset_min) * 60000 + static_cast<std::int64_t>(sec) * 1000 + ms;
}

}  // namespace aurora::jobs
