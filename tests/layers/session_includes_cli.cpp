// Must NOT compile: session sits below the command line, so cli's headers
// are not on its include path.
#include "cli/command.hpp"

int main() { return 0; }
