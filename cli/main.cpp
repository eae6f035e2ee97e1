// Main executable is library plus main() function.
#include "cli/app.hpp"

int main(int argc, char** argv) { return snipcheck::run_cli(argc, argv); }
