// parser/number_literals.h: the values of INT and FLOAT tokens (locale-independent).
#pragma once

#include <cstdint>
#include <string_view>

namespace aurora::parser {

// False when the integer does not fit in 64 bits.
bool ParseInt(std::string_view text, std::int64_t& out);

// False when the number is too large for a double (underflow gives 0).
bool ParseFloat(std::string_view text, double& out);

}  // namespace aurora::parser
