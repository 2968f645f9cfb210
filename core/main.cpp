#include "cli/app.hpp"

int main(int argc, char** argv) { return prhost::cli::run(argc, argv); }
