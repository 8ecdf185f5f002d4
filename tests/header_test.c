/* The public header must compile on its own as strict C99. */
#include <factlint/factlint.h>

int factlint_header_test(void) {
  factlint_rules_options ro = FACTLINT_RULES_OPTIONS_INIT;
  factlint_check_options co = FACTLINT_CHECK_OPTIONS_INIT;
  return (int)ro.version + (int)co.version;
}
