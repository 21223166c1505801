// aurora/aurora.h: everything of the public API in one include.
#pragma once

#include "aurora/config.h"
#include "aurora/database.h"
#include "aurora/error.h"
#include "aurora/fiber.h"
#include "aurora/job.h"
#include "aurora/json.h"
#include "aurora/response.h"
