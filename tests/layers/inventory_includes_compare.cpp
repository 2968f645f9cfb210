// Must NOT compile: inventory (phase 0) sits below compare (phase 3), so
// compare's headers are not on its include path. The layers test builds this
// file and expects the compiler to say exactly that.
#include "compare/markdown.hpp"

int main() { return 0; }
