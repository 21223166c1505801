#include "common/date_time.h"

#include <algorithm>
#include <array>

namespace aurora::internal {
namespace {

constexpr std::int64_t kDayMs = 86400000;

// Howard Hinnant's civil-calendar algorithms (public domain).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void CivilFromDays(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(year + (m <= 2));
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool Digits(std::string_view s, size_t pos, size_t n, int& value) {
  if (pos + n > s.size()) return false;
  value = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

void Pad(std::string& out, std::int64_t value, int width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (value < 0) out += '-';
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out += '0';
  out += digits;
}

constexpr std::array<const char*, 7> kDayNames = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                  "Friday", "Saturday", "Sunday"};
constexpr std::array<const char*, 12> kMonthNames = {"January", "February", "March",     "April",   "May",      "June",
                                                     "July",    "August",   "September", "October", "November", "December"};

constexpr std::string_view kDirectiveLetters = "YymdHIpMSLfjuwaAbBsFT%";

struct UnitInfo {
  const char* plural;
  const char* singular;
  std::int64_t ms;  // 0: calendar months (months, years)
};

constexpr std::array<UnitInfo, 8> kUnits = {{{"years", "year", 0},
                                             {"months", "month", 0},
                                             {"weeks", "week", 7 * kDayMs},
                                             {"days", "day", kDayMs},
                                             {"hours", "hour", 3600000},
                                             {"minutes", "minute", 60000},
                                             {"seconds", "second", 1000},
                                             {"milliseconds", "millisecond", 1}}};

const UnitInfo& Unit(std::string_view canonical) {
  for (const auto& u : kUnits) {
    if (canonical == u.plural) return u;
  }
  return kUnits.back();
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[static_cast<size_t>(month - 1)];
}

std::optional<EpochMs> FromCivil(const CivilTime& c) {
  if (c.year < 0 || c.year > 9999 || c.month < 1 || c.month > 12 || c.day < 1 || c.day > DaysInMonth(c.year, c.month) ||
      c.hour < 0 || c.hour > 23 || c.minute < 0 || c.minute > 59 || c.second < 0 || c.second > 59 ||
      c.millisecond < 0 || c.millisecond > 999) {
    return std::nullopt;
  }
  std::int64_t days = DaysFromCivil(c.year, static_cast<unsigned>(c.month), static_cast<unsigned>(c.day));
  return ((days * 24 + c.hour) * 60 + c.minute) * 60000 + c.second * 1000 + c.millisecond;
}

CivilTime ToCivil(EpochMs ms) {
  CivilTime c;
  std::int64_t days = FloorDiv(ms, kDayMs);
  std::int64_t rem = ms - days * kDayMs;
  CivilFromDays(days, c.year, c.month, c.day);
  c.hour = static_cast<int>(rem / 3600000);
  c.minute = static_cast<int>(rem / 60000 % 60);
  c.second = static_cast<int>(rem / 1000 % 60);
  c.millisecond = static_cast<int>(rem % 1000);
  return c;
}

std::optional<int> ParseUtcOffset(std::string_view s) {
  if (s == "Z") return 0;
  int h = 0, m = 0;
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || !Digits(s, 1, 2, h) || s[3] != ':' || !Digits(s, 4, 2, m) ||
      h > 23 || m > 59) {
    return std::nullopt;
  }
  return (s[0] == '+' ? 1 : -1) * (h * 60 + m);
}

std::optional<EpochMs> ParseDateTime(std::string_view s) {
  CivilTime c;
  if (s.size() < 10 || !Digits(s, 0, 4, c.year) || s[4] != '-' || !Digits(s, 5, 2, c.month) || s[7] != '-' ||
      !Digits(s, 8, 2, c.day)) {
    return std::nullopt;
  }
  std::int64_t offset_min = 0;
  size_t pos = 10;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
    if (!Digits(s, pos + 1, 2, c.hour) || pos + 3 >= s.size() || s[pos + 3] != ':' || !Digits(s, pos + 4, 2, c.minute)) {
      return std::nullopt;
    }
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!Digits(s, pos + 1, 2, c.second)) return std::nullopt;
      pos += 3;
      if (pos < s.size() && s[pos] == '.') {
        size_t start = ++pos;
        int scale = 100;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          c.millisecond += (s[pos] - '0') * scale;
          scale /= 10;
          ++pos;
        }
        if (pos == start) return std::nullopt;
      }
    }
    if (pos < s.size()) {
      if (s[pos] == 'Z') {
        ++pos;
      } else {
        std::optional<int> offset = ParseUtcOffset(s.substr(pos));
        if (!offset) return std::nullopt;
        offset_min = *offset;
        pos = s.size();
      }
      if (pos != s.size()) return std::nullopt;
    }
  }
  std::optional<EpochMs> local = FromCivil(c);
  if (!local) return std::nullopt;
  return AddMillis(*local, -offset_min * 60000);
}

std::string FormatIso(EpochMs ms) {
  // Written digit by digit: the job queue formats a time for every row it writes.
  CivilTime c = ToCivil(ms);
  std::string out = "0000-00-00T00:00:00.000Z";
  auto put = [&out](size_t at, int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      out[at + static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(0, c.year, 4);
  put(5, c.month, 2);
  put(8, c.day, 2);
  put(11, c.hour, 2);
  put(14, c.minute, 2);
  put(17, c.second, 2);
  put(20, c.millisecond, 3);
  return out;
}

int DayOfWeek(EpochMs ms) {
  std::int64_t days = FloorDiv(ms, kDayMs);  // 1970-01-01 was a Thursday (4)
  return static_cast<int>(((days % 7) + 7 + 3) % 7) + 1;
}

int DayOfYear(EpochMs ms) {
  CivilTime c = ToCivil(ms);
  return static_cast<int>(DaysFromCivil(c.year, static_cast<unsigned>(c.month), static_cast<unsigned>(c.day)) -
                          DaysFromCivil(c.year, 1, 1)) + 1;
}

std::optional<EpochMs> AddMillis(EpochMs ms, std::int64_t delta) {
  // Both sides are bounded before adding, so the sum cannot overflow.
  if (delta > kMaxEpochMs - kMinEpochMs || delta < kMinEpochMs - kMaxEpochMs) return std::nullopt;
  EpochMs out = ms + delta;
  if (out < kMinEpochMs || out > kMaxEpochMs) return std::nullopt;
  return out;
}

std::optional<EpochMs> AddMonths(EpochMs ms, std::int64_t months) {
  if (months > 12 * 10000 || months < -12 * 10000) return std::nullopt;
  CivilTime c = ToCivil(ms);
  std::int64_t index = static_cast<std::int64_t>(c.year) * 12 + (c.month - 1) + months;
  if (index < 0 || index >= 10000 * 12) return std::nullopt;
  c.year = static_cast<int>(index / 12);
  c.month = static_cast<int>(index % 12) + 1;
  c.day = std::min(c.day, DaysInMonth(c.year, c.month));
  return FromCivil(c);
}

const std::vector<std::string>& DateUnitNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> out;
    for (const auto& u : kUnits) out.push_back(u.plural);
    return out;
  }();
  return kNames;
}

std::string CanonicalDateUnit(std::string_view unit) {
  for (const auto& u : kUnits) {
    if (unit == u.plural || unit == u.singular) return u.plural;
  }
  return "";
}

std::int64_t DateDiff(EpochMs from, EpochMs to, std::string_view unit) {
  const UnitInfo& u = Unit(unit);
  if (u.ms) return (to - from) / u.ms;  // C++ division truncates toward zero
  CivilTime a = ToCivil(from), b = ToCivil(to);
  std::int64_t months = (static_cast<std::int64_t>(b.year) - a.year) * 12 + (b.month - a.month);
  // One month fewer when `to` lies before `from` moved by that many months.
  if (months > 0) {
    std::optional<EpochMs> moved = AddMonths(from, months);
    if (!moved || *moved > to) --months;
  } else if (months < 0) {
    std::optional<EpochMs> moved = AddMonths(from, months);
    if (!moved || *moved < to) ++months;
  }
  return std::string_view(u.plural) == "years" ? months / 12 : months;
}

EpochMs StartOf(EpochMs ms, std::string_view unit) {
  const UnitInfo& u = Unit(unit);
  CivilTime c = ToCivil(ms);
  if (std::string_view(u.plural) == "years") return *FromCivil({c.year, 1, 1, 0, 0, 0, 0});
  if (std::string_view(u.plural) == "months") return *FromCivil({c.year, c.month, 1, 0, 0, 0, 0});
  if (std::string_view(u.plural) == "weeks") {
    EpochMs day = FloorDiv(ms, kDayMs) * kDayMs;
    EpochMs monday = day - (DayOfWeek(ms) - 1) * kDayMs;
    return monday < kMinEpochMs ? kMinEpochMs : monday;  // 0000-01-01 was a Saturday
  }
  return FloorDiv(ms, u.ms) * u.ms;  // every other unit divides a day evenly
}

std::string FormatDate(EpochMs ms, std::string_view format) {
  CivilTime c = ToCivil(ms);
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 == format.size()) {
      out += format[i];
      continue;
    }
    char d = format[++i];
    switch (d) {
      case 'Y': Pad(out, c.year, 4); break;
      case 'y': Pad(out, c.year % 100, 2); break;
      case 'm': Pad(out, c.month, 2); break;
      case 'd': Pad(out, c.day, 2); break;
      case 'H': Pad(out, c.hour, 2); break;
      case 'I': Pad(out, c.hour % 12 == 0 ? 12 : c.hour % 12, 2); break;
      case 'p': out += c.hour < 12 ? "AM" : "PM"; break;
      case 'M': Pad(out, c.minute, 2); break;
      case 'S': Pad(out, c.second, 2); break;
      case 'L': Pad(out, c.millisecond, 3); break;
      case 'f':
        Pad(out, c.second, 2);
        out += '.';
        Pad(out, c.millisecond, 3);
        break;
      case 'j': Pad(out, DayOfYear(ms), 3); break;
      case 'u': out += std::to_string(DayOfWeek(ms)); break;
      case 'w': out += std::to_string(DayOfWeek(ms) % 7); break;
      case 'a': out += std::string(kDayNames[static_cast<size_t>(DayOfWeek(ms) - 1)]).substr(0, 3); break;
      case 'A': out += kDayNames[static_cast<size_t>(DayOfWeek(ms) - 1)]; break;
      case 'b': out += std::string(kMonthNames[static_cast<size_t>(c.month - 1)]).substr(0, 3); break;
      case 'B': out += kMonthNames[static_cast<size_t>(c.month - 1)]; break;
      case 's': out += std::to_string(FloorDiv(ms, 1000)); break;
      case 'F': out += FormatDate(ms, "%Y-%m-%d"); break;
      case 'T': out += FormatDate(ms, "%H:%M:%S"); break;
      case '%': out += '%'; break;
      default:
        out += '%';
        out += d;
    }
  }
  return out;
}

std::string UnknownDateDirective(std::string_view format) {
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') continue;
    if (i + 1 == format.size()) return "%";
    if (kDirectiveLetters.find(format[i + 1]) == std::string_view::npos) {
      // The whole next character (it may be a multi-byte UTF-8 sequence).
      size_t n = 1;
      while (i + 1 + n < format.size() && (static_cast<unsigned char>(format[i + 1 + n]) & 0xC0) == 0x80) ++n;
      return std::string(format.substr(i, n + 1));
    }
    ++i;
  }
  return "";
}

const std::vector<std::string>& DateDirectives() {
  static const std::vector<std::string> kDirectives = [] {
    std::vector<std::string> out;
    for (char c : kDirectiveLetters) out.push_back(std::string("%") + c);
    return out;
  }();
  return kDirectives;
}

}  // namespace aurora::internal
